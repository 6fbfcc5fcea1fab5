import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Output files (`-o`, `--trace`, `--gantt`, `--memory-plot`, `--dump-lp`) are all or nothing:
/// an unwritable path is refused before planning with the path and the reason in words, and no
/// other output of the command is written (issue 16).
final class OutputFileTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    private func plan(_ extra: [String]) throws -> CLIResult {
        try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("nvdla-small.json"),
                     "--strategy", "heft"] + extra)
    }

    private func expectRefused(_ result: CLIResult, _ fragments: [String], line: UInt = #line) {
        XCTAssertEqual(result.status, 2, result.stderr, line: line)
        XCTAssertEqual(result.stdout, "", line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "stderr \"\(result.stderr)\" lacks \"\(fragment)\"", line: line)
        }
        XCTAssertFalse(result.stderr.contains("error 1.)"), result.stderr, line: line)
    }

    /// The entries of the test directory, temporary files included.
    private func entries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    func testUnwritableOutputLeavesNoTraceBehind() throws {
        try FileManager.default.createDirectory(atPath: path("dir"), withIntermediateDirectories: false)
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("gantt.svg")))
        expectRefused(try plan(["-o", path("dir"), "--trace", path("trace.json"), "--gantt", path("gantt.svg")]),
                      ["\(path("dir")): cannot write the file: is a directory"])
        XCTAssertEqual(try entries(), ["dir", "gantt.svg"])
        XCTAssertEqual(try String(contentsOfFile: path("gantt.svg"), encoding: .utf8), "old")
    }

    func testReasonsInWords() throws {
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("file")))
        expectRefused(try plan(["-o", path("file/plan.json")]),
                      ["\(path("file/plan.json")): cannot write the file: \(path("file")) is a file, not a directory"])
        expectRefused(try plan(["-o", path("missing/plan.json")]),
                      ["\(path("missing/plan.json")): cannot write the file: directory \(path("missing")) does not exist"])
        expectRefused(try plan(["-o", "/dev/null"]), ["/dev/null: cannot write the file: is not a regular file"])
        expectRefused(try plan(["-o", path("same.json"), "--trace", path("same.json")]),
                      ["option --trace: \(path("same.json")) is also the file of --output"])
        expectRefused(try CLI.run(["simulate", path("plan.json"), "--platform", Repository.platform("nvdla-small.json"), "--gantt", path("file/g.svg")]),
                      ["\(path("file/g.svg")): cannot write the file: \(path("file")) is a file, not a directory"])
        if getuid() != 0 {  // root writes anywhere
            try FileManager.default.createDirectory(atPath: path("ro"), withIntermediateDirectories: false)
            chmod(path("ro"), 0o555)
            defer { chmod(path("ro"), 0o755) }
            expectRefused(try plan(["-o", path("ro/plan.json")]), ["cannot create files in \(path("ro")): Permission denied"])
        }
        XCTAssertEqual(try entries(), ["file"])
    }

    func testEveryOutputIsWrittenAndNoTemporaryFileRemains() throws {
        let result = try plan(["-o", path("plan.json"), "--trace", path("trace.json"), "--gantt", path("gantt.svg"),
                               "--memory-plot", path("memory.svg")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try entries(), ["gantt.svg", "memory.svg", "plan.json", "trace.json"])
        let optimized = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Repository.platform("nvdla-small.json"),
                                     "--evaluations", "200", "--dump-lp", path("model.lp"), "-o", path("plan.json")])
        XCTAssertEqual(optimized.status, 0, optimized.stderr)
        XCTAssertEqual(try entries(), ["gantt.svg", "memory.svg", "model.lp", "plan.json", "trace.json"])
        XCTAssertTrue(try String(contentsOfFile: path("model.lp"), encoding: .utf8).contains("Minimize"))
    }

    func testTimeLimitIsAnOptionalCapOnTheOptimizerAndBounded() throws {
        let help = try CLI.run(["plan", "--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(words.contains("A wall-clock cap in seconds on the optimizer's search"), help.stdout)
        XCTAssertTrue(words.contains("Without it every search limit is counted in work"), help.stdout)
        let result = try plan(["--time-limit", "1e300"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("--time-limit must be positive and at most 86400"), result.stderr)
    }
}
