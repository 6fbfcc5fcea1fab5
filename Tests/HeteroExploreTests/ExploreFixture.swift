import Foundation
import HeteroExplore
import TestSupport
import XCTest

/// Sweep specs and results for the explore tests.
enum ExploreFixture {
    /// A small sweep: DLA buffer x DSP count x (ResNet-50, SqueezeNet) with a fast strategy.
    /// The suites using it test the sweep's bookkeeping (resume, shards, limits), so by default it
    /// plans with every activation in DRAM (`planner.residency`), which a debug build plans ten
    /// times faster on this platform; `SweepResidencyTests` sweeps an on-chip memory's size.
    static func spec(name: String = "test-sweep", cbuf: String = #"{"from": 64, "to": 4096, "factor": 2}"#,
                     strategies: String = #"["heft", "greedy"]"#, residency: String = "dram") -> String {
        """
        {
          "format": "hetero-plan/sweep@1",
          "name": "\(name)",
          "base_platform": "\(Repository.platform("onnc-cpu-dsp-dla.json"))",
          "axes": [
            {"name": "dla_cbuf_kib", "pointer": "/memories/dla_cbuf/capacity_bytes", "scale": 1024, "range": \(cbuf)},
            {"name": "dsp_units", "clone_unit": "dsp", "values": [1, 2]}
          ],
          "models": [
            {"name": "resnet50", "path": "\(Repository.model("light_resnet50.onnx"))"},
            {"name": "squeezenet", "path": "\(Repository.model("light_squeezenet.onnx"))"}
          ],
          "strategies": \(strategies),
          "planner": {"residency": "\(residency)"},
          "cost": {"unit": {"dsp": 3, "dla": 5}, "per_kib": {"dla_cbuf": 0.01}}
        }
        """
    }

    /// The records of a results file by id, without timings.
    static func records(_ path: URL) throws -> [String: PointRecord] {
        let loaded = try ResultsLog.load(path.path)
        var byId: [String: PointRecord] = [:]
        for record in loaded.records {
            XCTAssertNil(byId[record.id], "duplicate record \(record.id) in \(path.lastPathComponent)")
            byId[record.id] = record.withoutTimings
        }
        return byId
    }
}
