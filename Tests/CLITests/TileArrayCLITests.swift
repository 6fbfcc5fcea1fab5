import Foundation
import TestSupport
import XCTest

/// `check` on platforms with `"arrays"`: the shipped 400-tile VC1902 passes; a mistake in the tile
/// template exits 2 naming its JSON path once, not once per tile.
final class TileArrayCLITests: XCTestCase {
    func testShippedTileArrayChecks() throws {
        let result = try CLI.run(["check", Repository.platform("arrays/versal-vc1902-tiles.json")])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testTemplateMistakeExitsTwoWithItsPath() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.platform("arrays/versal-vc1902-tiles.json")))
        var document = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        var arrays = try XCTUnwrap(document["arrays"] as? [[String: Any]])
        var tile = try XCTUnwrap(arrays[0]["tile"] as? [String: Any])
        tile["memory"] = "ddr5"
        arrays[0]["tile"] = tile
        document["arrays"] = arrays
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hp-array-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: path))
        let result = try CLI.run(["check", path])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "arrays[0].tile.memory:").count - 1, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("unknown memory \"ddr5\""), result.stderr)
    }
    /// Tiles computing from the PL unit's resident memory (`pl_ram`) are refused before planning
    /// (the residency planner trapped on it, and a smaller model got an invalid plan): exit 2,
    /// the template's path once, no plan file.
    func testTilesComputingFromAnotherUnitsResidentMemoryExitTwo() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-array-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let platform = try TileArrayFixture.file(in: directory, rows: 2, columns: 2) { document in
            guard var arrays = document["arrays"] as? [[String: Any]], var tile = arrays[0]["tile"] as? [String: Any],
                  var interface = arrays[0]["interface"] as? [String: Any] else { return }
            tile["memory"] = "pl_ram"
            interface["memory"] = "pl_ram"
            arrays[0]["tile"] = tile
            arrays[0]["interface"] = interface
            document["arrays"] = arrays
        }
        let plan = directory.appendingPathComponent("plan.json").path
        let result = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", platform, "-o", plan, "--no-progress"])
        XCTAssertEqual(result.status, 2, result.stderr)
        XCTAssertEqual(result.stderr.components(separatedBy: "arrays[0].tile.memory:").count - 1, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("is the resident memory of unit \"pl\""), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: plan))
    }
}
