import Foundation
import TestSupport
import XCTest

/// `check` and `plan` agree on platforms (issue 16): the numbers that made `plan` fail inside
/// GLPK or trap are refused by both with the JSON path and the range, and platforms `check`
/// accepts plan without a solver failure.
final class PlatformRangeCLITests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-range-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The shipped CPU + DSP + DLA platform with `edit` applied, written to a file.
    private func platform(_ name: String, base: String = "onnc-cpu-dsp-dla.json", _ edit: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.platform(base)))
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&document)
        let path = directory.appendingPathComponent(name).path
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Sets `key` of element `index` of the array `list` (and of its nested object `nested`).
    private func setting(_ list: String, _ index: Int, _ key: String, _ value: Any, in nested: String? = nil)
        -> (inout [String: Any]) -> Void {
        { document in
            var array = document[list] as! [[String: Any]]
            if let nested {
                var inner = array[index][nested] as! [String: Any]
                inner[key] = value
                array[index][nested] = inner
            } else {
                array[index][key] = value
            }
            document[list] = array
        }
    }

    /// The platform with every unit's throughputs set to `perCycle` and `body` applied to each unit.
    private func slowed(_ name: String, perCycle: Double, _ body: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        try platform(name) { document in
            var units = document["units"] as! [[String: Any]]
            for index in units.indices {
                for key in ["macs_per_cycle", "vector_ops_per_cycle"] where units[index][key] != nil {
                    units[index][key] = perCycle
                }
                body(&units[index])
            }
            document["units"] = units
        }
    }

    private func plan(_ platform: String, _ extra: [String] = []) throws -> CLIResult {
        try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", platform, "--evaluations", "300"] + extra)
    }

    func testIssueValuesAreRefusedByCheckAndPlanAlike() throws {
        let cases: [(String, (inout [String: Any]) -> Void, String)] = [
            ("bandwidth", setting("memories", 0, "bandwidth_gb_s", 1e-308), "memories[0].bandwidth_gb_s: must be from 0.001 to 100000 GB/s, found 1e-308"),
            ("clock", setting("units", 0, "clock_mhz", 1e300), "units[0].clock_mhz: must be from 1 to 10000 MHz, found 1e+300"),
            ("submit", setting("units", 1, "submit_us", 1e308, in: "command_path"), "units[1].command_path.submit_us: must be from 0 to 100000 µs, found 1e+308"),
            ("submit20", setting("units", 1, "submit_us", 1e20, in: "command_path"), "units[1].command_path.submit_us: must be from 0 to 100000 µs, found 1e+20"),
            ("latency", setting("links", 0, "latency_us", 1e308), "links[0].latency_us: must be from 0 to 10000 µs, found 1e+308"),
        ]
        for (name, edit, message) in cases {
            let file = try platform("\(name).json", edit)
            for result in [try CLI.run(["check", file]), try plan(file)] {
                XCTAssertEqual(result.status, 2, "\(name): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("\(file): invalid platform"), result.stderr)
                XCTAssertTrue(result.stderr.contains(message), "\(name): \(result.stderr)")
            }
        }
        let efficiency = try platform("efficiency.json") { document in
            var units = document["units"] as! [[String: Any]]
            var operators = units[0]["operators"] as! [String: Any]
            let type = operators.keys.sorted().first!
            operators[type] = ["efficiency": 1e-308]
            units[0]["operators"] = operators
            document["units"] = units
        }
        let refused = try CLI.run(["check", efficiency])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("efficiency: must be from 0.001 to 1, found 1e-308"), refused.stderr)
    }

    /// More units than `Platform.maximumUnits` (4,096) are refused before anything is planned.
    func testFiveThousandUnitsAreRefusedAtOnce() throws {
        let file = try platform("many.json") { document in
            var units = document["units"] as! [[String: Any]]
            for index in 0..<5000 {
                var copy = units[0]
                copy["name"] = "copy\(index)"
                units.append(copy)
            }
            document["units"] = units
        }
        let start = Date()
        let result = try plan(file)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("units: has 5003 entries, more than the 4096 a platform may have"), result.stderr)
    }

    /// 0.1 MAC per cycle everywhere made GLPK's simplex hit a singular basis ("GLP_EFAIL"); the
    /// solve is retried scaled and the plan succeeds.
    func testSlowUnitsPlanWithoutSolverFailure() throws {
        let file = try slowed("slow.json", perCycle: 0.1)
        XCTAssertEqual(try CLI.run(["check", file]).status, 0)
        let result = try plan(file)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("solver"), result.stderr)
    }

    /// Latencies of 10 ms on Meteor Lake made a node LP of GLPK's branch-and-cut singular
    /// ("glp_intopt failed with code 5"); branch-and-cut is retried scaled.
    func testLongLatenciesPlanWithoutSolverFailure() throws {
        let file = try platform("latent.json", base: "meteor-lake.json") { document in
            for list in ["memories", "links"] {
                document[list] = (document[list] as! [[String: Any]]).map { entry in
                    var entry = entry
                    entry["latency_us"] = 10_000
                    return entry
                }
            }
        }
        XCTAssertEqual(try CLI.run(["check", file]).status, 0)
        let result = try plan(file)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains("glp_intopt"), result.stderr)
    }

    /// A valid but extremely slow platform plans a makespan the simulator cannot represent: bad
    /// input naming the way out, not a trap.
    func testPlanBeyondTheSimulatorsRange() throws {
        let file = try slowed("glacial.json", perCycle: 0.01) { unit in
            unit["clock_mhz"] = 1
            var operators = unit["operators"] as! [String: Any]
            for type in operators.keys {
                var entry = operators[type] as! [String: Any]
                entry["efficiency"] = 0.001
                operators[type] = entry
            }
            unit["operators"] = operators
        }
        let result = try plan(file)
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("µs on this platform"), result.stderr)
        XCTAssertTrue(result.stderr.contains("more than the 1000000000 µs (about 17 minutes) the simulator can represent"), result.stderr)
        XCTAssertTrue(result.stderr.contains("plan with --no-simulate"), result.stderr)
        let saved = directory.appendingPathComponent("glacial-plan.json")
        XCTAssertEqual(try plan(file, ["--no-simulate", "-o", saved.path]).status, 0)

        // The same plan edited to claim short times: the durations on this platform still count.
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        func shorten(_ value: Any) -> Any {
            if let object = value as? [String: Any] {
                return object.mapValues(shorten).merging(object.filter { $0.key.hasSuffix("_us") && $0.value is Double }
                    .mapValues { min($0 as! Double, 1000) }) { $1 }
            }
            if let array = value as? [Any] { return array.map(shorten) }
            return value
        }
        document = shorten(document) as! [String: Any]
        try JSONSerialization.data(withJSONObject: document).write(to: saved)
        let simulated = try CLI.run(["simulate", saved.path, "--platform", file])
        XCTAssertEqual(simulated.status, 2, simulated.stderr)
        XCTAssertTrue(simulated.stderr.contains("\(saved.path): invalid plan"), simulated.stderr)
        XCTAssertTrue(simulated.stderr.contains("µs on this platform, more than the 1000000000 µs"), simulated.stderr)
    }
}
