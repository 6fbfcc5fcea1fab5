import Foundation
import HeteroExplore
import TestSupport
import XCTest

/// A sweep over an on-chip memory's size: the residency stage's figures (`streamed_bytes`,
/// `evicted_activations`) reach the results, and `planner.residency` chooses the policy. The
/// fallback strategy puts SqueezeNet on the NPU (whose activations stay in CMX, 1.5 MiB at peak).
final class SweepResidencyTests: XCTestCase {
    private func spec(residency: String) -> String {
        """
        {
          "format": "hetero-plan/sweep@1",
          "name": "cmx-\(residency)",
          "base_platform": "\(Repository.platform("meteor-lake.json"))",
          "axes": [
            {"name": "cmx_kib", "pointer": "/memories/cmx/capacity_bytes", "scale": 1024, "values": [64, 16384]}
          ],
          "models": [{"name": "squeezenet", "path": "\(Repository.model("light_squeezenet.onnx"))"}],
          "strategies": ["fallback"],
          "planner": {"residency": "\(residency)"}
        }
        """
    }

    private func metrics(_ residency: String) throws -> [Double: [String: Double]] {
        let directory = try makeTemporaryDirectory()
        try directory.write("sweep.json", spec(residency: residency))
        let run = try CLI.run(["explore", "sweep.json", "-o", "out", "--progress", "none"], in: directory.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        var byCMX: [Double: [String: Double]] = [:]
        for record in try ExploreFixture.records(directory.url.appendingPathComponent("out/results.jsonl")).values {
            guard case .number(let kib) = record.parameter("cmx_kib") else { XCTFail("no cmx_kib in \(record.id)"); continue }
            byCMX[kib] = record.metrics
        }
        return byCMX
    }

    func testOnChipMemorySizeChangesDRAMTrafficAndEvictions() throws {
        let optimized = try metrics("optimize")
        let small = try XCTUnwrap(optimized[64]), large = try XCTUnwrap(optimized[16384])
        // 64 KiB of CMX cannot hold SqueezeNet's larger activations: some are evicted to DRAM.
        XCTAssertGreaterThan(try XCTUnwrap(small["evicted_activations"]), 0)
        XCTAssertEqual(large["evicted_activations"], 0)
        XCTAssertGreaterThan(try XCTUnwrap(small["streamed_bytes"]), try XCTUnwrap(large["streamed_bytes"]))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(small["latency_us"]), try XCTUnwrap(large["latency_us"]))

        // With every activation in DRAM, all that could stay on chip count as evicted: at 16 MiB
        // every one produced and read on the NPU, at 64 KiB only those no larger than the CMX (a
        // larger one is never resident); and more is streamed (CMX is still the NPU's tiling
        // buffer, so its size changes the re-reads of tiled operators).
        let dram = try metrics("dram")
        XCTAssertLessThan(try XCTUnwrap(dram[64]?["evicted_activations"]), try XCTUnwrap(dram[16384]?["evicted_activations"]))
        XCTAssertGreaterThan(try XCTUnwrap(dram[64]?["evicted_activations"]), try XCTUnwrap(small["evicted_activations"]))
        XCTAssertGreaterThan(try XCTUnwrap(dram[16384]?["streamed_bytes"]), try XCTUnwrap(large["streamed_bytes"]))
        XCTAssertGreaterThan(try XCTUnwrap(dram[16384]?["latency_us"]), try XCTUnwrap(large["latency_us"]))
    }

    func testAnUnknownResidencyPolicyIsRefusedWithItsPath() throws {
        let directory = try makeTemporaryDirectory()
        try directory.write("sweep.json", spec(residency: "lru"))
        let run = try CLI.run(["explore", "sweep.json", "-o", "out", "--dry-run"], in: directory.url)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("sweep.json: invalid sweep spec"), run.stderr)
        XCTAssertTrue(run.stderr.contains("planner.residency: unknown residency policy \"lru\"; expected one of dram, next-use, optimize"), run.stderr)
    }
}
