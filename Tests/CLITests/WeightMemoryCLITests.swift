import Foundation
import TestSupport
import XCTest

/// `weight_memory` through the CLI: AI Engine tiles computing from a PL feature-map memory with
/// their weights from DDR4 check; a weight memory that does not exist exits 2 naming its JSON
/// path once, with no plan file.
final class WeightMemoryCLITests: XCTestCase {
    /// The shipped tile array cut to 2 x 2, its tiles computing from a PL memory `pl_fm` over
    /// the interface and reading their weights from `weights` over a weight interface.
    static func platform(in directory: URL, weights: String) throws -> String {
        try TileArrayFixture.file(in: directory, rows: 2, columns: 2) { document in
            guard var arrays = document["arrays"] as? [[String: Any]], var tile = arrays[0]["tile"] as? [String: Any],
                  var interface = arrays[0]["interface"] as? [String: Any], var memories = document["memories"] as? [[String: Any]],
                  var links = document["links"] as? [[String: Any]] else { return }
            memories.append(["name": "pl_fm", "kind": "sram", "capacity_bytes": 16_777_216, "bandwidth_gb_s": 1248])
            links.append(["from": "ddr4", "to": "pl_fm", "bandwidth_gb_s": 16])
            tile["memory"] = "pl_fm"
            tile["weight_memory"] = weights
            interface["memory"] = "pl_fm"
            arrays[0]["tile"] = tile
            arrays[0]["interface"] = interface
            arrays[0]["weight_interface"] = ["memory": weights, "bandwidth_gb_s": 10, "latency_us": 0.5]
            document["arrays"] = arrays
            document["memories"] = memories
            document["links"] = links
        }
    }

    func testTilesWithWeightsFromDDR4Check() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["check", Self.platform(in: directory, weights: "ddr4")])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testUnknownWeightMemoryExitsTwoWithItsPath() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-weights-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("plan.json").path
        let result = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", Self.platform(in: directory, weights: "ddr5"),
                                  "-o", plan, "--no-progress"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "arrays[0].weight_interface.memory:").count - 1, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("unknown memory \"ddr5\""), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan))
    }
}
