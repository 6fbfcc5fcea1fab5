import Foundation
import HeteroExplore
import TestSupport
import XCTest

/// Sweep specs and results for the explore tests.
enum ExploreFixture {
    /// A small sweep: DLA buffer x DSP count x (ResNet-50, SqueezeNet) with a fast strategy.
    static func spec(name: String = "test-sweep", cbuf: String = #"{"from": 64, "to": 4096, "factor": 2}"#,
                     strategies: String = #"["heft", "greedy"]"#) -> String {
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
