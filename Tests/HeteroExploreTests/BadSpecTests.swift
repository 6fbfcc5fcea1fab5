import Foundation
import TestSupport
import XCTest

/// Bad sweep specs fail before any point runs: exit status 2, the spec file and the JSON path of
/// each problem on stderr, no results written.
final class BadSpecTests: XCTestCase {
    var directory: TemporaryDirectory!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    func expectRejected(_ spec: String, mentions fragments: [String], line: UInt = #line) throws {
        try directory.write("bad.json", spec)
        let result = try CLI.run(["explore", "bad.json", "-o", "out"], in: directory.url)
        XCTAssertEqual(result.status, 2, result.stderr, line: line)
        XCTAssertTrue(result.stderr.contains("bad.json: invalid sweep spec"), result.stderr, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "stderr \"\(result.stderr)\" lacks \"\(fragment)\"", line: line)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path("out")), "results written", line: line)
    }

    func replacing(_ old: String, with new: String) -> String {
        let spec = ExploreFixture.spec()
        XCTAssertTrue(spec.contains(old))
        return spec.replacingOccurrences(of: old, with: new)
    }

    func testUnknownPointer() throws {
        try expectRejected(replacing("/memories/dla_cbuf/capacity_bytes", with: "/memories/dla_cbuff/capacity_bytes"),
                           mentions: ["axes[0].pointer: unknown pointer \"/memories/dla_cbuff/capacity_bytes\"", "dla_cbuf"])
        try expectRejected(replacing("/memories/dla_cbuf/capacity_bytes", with: "/units/9/clock_mhz"),
                           mentions: ["axes[0].pointer", "/units/9 does not exist"])
    }

    func testEmptyAxis() throws {
        try expectRejected(replacing("\"values\": [1, 2]", with: "\"values\": []"), mentions: ["axes[1].values: the axis is empty"])
        try expectRejected(replacing(#""range": {"from": 64, "to": 4096, "factor": 2}"#, with: #""range": {"from": 64, "to": 32, "step": 8}"#),
                           mentions: ["axes[0].range: the axis is empty"])
    }

    func testWrongType() throws {
        try expectRejected(replacing(#""range": {"from": 64, "to": 4096, "factor": 2}"#, with: #""values": [64, "big"]"#),
                           mentions: ["axes[0].values[1]: wrong type", "holds a number", "this value is a string"])
        try expectRejected(replacing("\"values\": [1, 2]", with: "\"values\": [1, 2.5]"),
                           mentions: ["axes[1].values[1]: a unit count must be a whole number"])
        try expectRejected(replacing(#""range": {"from": 64, "to": 4096, "factor": 2}"#, with: #""values": [0, 64]"#),
                           mentions: ["axes[0].values[0]: value 0 gives an invalid platform"])
    }

    func testUnknownObjectiveAndUnknownStrategy() throws {
        try expectRejected(replacing(#""strategies": ["heft", "greedy"]"#, with: #""strategies": ["heft", "greedyy"], "objectives": ["latency", "energyy"]"#),
                           mentions: ["strategies[1]: unknown strategy \"greedyy\" (did you mean \"greedy\"?)",
                                      "objectives[1]: unknown objective \"energyy\"; the planner implements latency, throughput, energy, memory"])
    }

    func testUnknownKeysAndUnits() throws {
        try expectRejected(replacing(#""clone_unit": "dsp""#, with: #""clone_unit": "npu", "scael": 2"#),
                           mentions: ["axes[1].clone_unit: unknown unit \"npu\"", "axes[1].scael: unknown key"])
        try expectRejected(replacing(#""per_kib": {"dla_cbuf": 0.01}"#, with: #""per_kib": {"sram": 0.01}"#),
                           mentions: ["cost.per_kib.sram: no memory named \"sram\""])
    }
}
