import Foundation
import TestSupport
import XCTest

/// Kernels on AI Engine tiles through the command line: `plan` lists each tile's run-time ratio and
/// program bytes; `simulate` of a plan whose interval was edited below a tile's work exits 3 with
/// `run-time-ratio-exceeded`; kernels pinned to one tile beyond its program memory exit 2 naming it.
final class PackingCLITests: XCTestCase {
    func testPlanReportsTilesAndSimulateCatchesAnOverloadedTile() throws {
        let directory = try makeTemporaryDirectory().url
        let platform = try TileArrayFixture.file(in: directory, rows: 1, columns: 2)
        let plan = directory.appendingPathComponent("plan.json").path
        let made = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", platform, "--strategy", "heft",
                                "--objective", "throughput", "-o", plan, "--no-progress"])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertTrue(made.stdout.contains("kernels on units with a program memory"), made.stdout)
        XCTAssertTrue(made.stdout.contains("aie_r0_c0"), made.stdout)

        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: plan))) as? [String: Any])
        let packing = try XCTUnwrap(document["packing"] as? [[String: Any]])
        XCTAssertFalse(packing.isEmpty)
        for tile in packing {
            let ratio = try XCTUnwrap(tile["run_time_ratio"] as? Double)
            let bytes = try XCTUnwrap(tile["program_bytes"] as? Int), capacity = try XCTUnwrap(tile["program_capacity_bytes"] as? Int)
            XCTAssertLessThanOrEqual(ratio, 1 + 1e-9)
            XCTAssertLessThanOrEqual(bytes, capacity)
        }
        let busiest = try XCTUnwrap(packing.compactMap { $0["busy_us"] as? Double }.max())
        var summary = try XCTUnwrap(document["summary"] as? [String: Any])
        summary["interval_us"] = busiest / 2
        document["summary"] = summary
        let edited = directory.appendingPathComponent("edited.json").path
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: edited))
        let simulated = try CLI.run(["simulate", edited, "--platform", platform])
        XCTAssertEqual(simulated.status, 3, simulated.stderr)
        XCTAssertTrue(simulated.stderr.contains("invalid plan: run-time-ratio-exceeded at 0.000000 us"), simulated.stderr)
        XCTAssertTrue(simulated.stderr.contains("run-time ratio"), simulated.stderr)
    }

    func testKernelsPinnedBeyondAProgramMemoryExitTwoNamingTheTile() throws {
        let directory = try makeTemporaryDirectory().url
        let platform = try TileArrayFixture.file(in: directory, rows: 1, columns: 2)
        let result = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", platform, "--strategy", "heft",
                                  "--pin-type", "Conv=aie_r0_c1", "--no-simulate", "--no-progress"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertTrue(result.stderr.contains("the kernels placed on aie_r0_c1 need "), result.stderr)
        XCTAssertTrue(result.stderr.contains("bytes of program memory, capacity 16384"), result.stderr)
    }
}
