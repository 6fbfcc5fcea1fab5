import Foundation
import TestSupport
import XCTest

/// `benchmark classic --units N --write-only`: the reference instances for other unit counts.
final class ClassicBenchmarkCommandTests: XCTestCase {
    func testWriteOnlyWritesSeededInstancesForTheRequestedUnits() throws {
        let directory = try makeTemporaryDirectory()
        let instances = directory.path("instances"), output = directory.path("results")
        let arguments = ["benchmark", "classic", "--sizes", "10", "--instances", "2", "--units", "8",
                         "--write-instances", instances, "--write-only", "--output", output]
        let result = try CLI.run(arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: instances).sorted()
        XCTAssertEqual(files, ["random-10-10000.json", "random-10-10001.json"])
        let first = try Data(contentsOf: URL(fileURLWithPath: instances + "/" + files[0]))
        let graph = try XCTUnwrap(JSONSerialization.jsonObject(with: first) as? [String: Any])
        let tasks = try XCTUnwrap(graph["tasks"] as? [[String: Any]])
        XCTAssertEqual(tasks.count, 10)
        for task in tasks {
            XCTAssertEqual(Set(try XCTUnwrap(task["cost_us"] as? [String: Any]).keys), Set((0..<8).map { "u\($0)" }))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: output + "/classic-benchmark.json"), "--write-only plans nothing")
        // Seeded: a second run writes the same bytes.
        let again = directory.path("again")
        XCTAssertEqual(try CLI.run(["benchmark", "classic", "--sizes", "10", "--instances", "1", "--units", "8",
                                    "--write-instances", again, "--write-only"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: again + "/" + files[0])), first)
        // The instance plans on the 8-unit classic platform.
        let plan = try CLI.run(["plan", instances + "/" + files[0], "--platform", Repository.platform("examples/classic-8unit.json"),
                                "--evaluations", "500", "--elite-starts", "0"])
        XCTAssertEqual(plan.status, 0, plan.stderr)
    }

    func testWriteOnlyNeedsAnInstanceDirectory() throws {
        let result = try CLI.run(["benchmark", "classic", "--write-only"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("--write-only needs --write-instances DIR."), result.stderr)
    }
}
