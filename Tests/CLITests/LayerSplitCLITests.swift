import Foundation
import TestSupport
import XCTest

/// Layers split over the tiles of an array (`--split-layers on`, only on platforms with program
/// memories): the plan lists each split and places its slices as operators, the
/// throughput interval improves on the unsplit plan, `simulate` re-applies the split from the
/// plan file, a split that does not fit the model exits 2 naming `layer_splits`, and `export
/// --onnx` refuses a split plan.
final class LayerSplitCLITests: XCTestCase {
    func testSplitPlanBeatsTheUnsplitIntervalAndSimulatesFromItsFile() throws {
        let directory = try makeTemporaryDirectory().url
        let platform = try TileArrayFixture.file(in: directory, rows: 2, columns: 4)
        func plan(_ split: String) throws -> [String: Any] {
            let path = directory.appendingPathComponent("plan-\(split).json").path
            let made = try CLI.run(["plan", Repository.model("light_squeezenet.onnx"), "--platform", platform, "--strategy", "heft",
                                    "--objective", "throughput", "--split-layers", split, "-o", path, "--explain", "--no-progress"])
            XCTAssertEqual(made.status, 0, made.stderr)
            if split == "on" { XCTAssertTrue(made.stdout.contains("[layer-split] Conv \"n0\": "), made.stdout) }
            return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        }
        let split = try plan("on"), whole = try plan("off")
        XCTAssertNil(whole["layer_splits"])
        let splits = try XCTUnwrap(split["layer_splits"] as? [[String: Any]])
        XCTAssertFalse(splits.isEmpty)
        let placed = Set(try XCTUnwrap(split["operators"] as? [[String: Any]]).compactMap { $0["name"] as? String })
        for entry in splits {
            let head = try XCTUnwrap(entry["operator"] as? String), slices = try XCTUnwrap(entry["slices"] as? Int)
            let channels = try XCTUnwrap(entry["channels"] as? [Int])
            XCTAssertTrue((2...8).contains(slices), "\(head): \(slices) slices on 8 tiles")
            XCTAssertEqual(channels.count, slices)
            XCTAssertLessThanOrEqual(channels.max()! - channels.min()!, 1)
            XCTAssertLessThan(try XCTUnwrap(entry["slice_us"] as? Double), try XCTUnwrap(entry["unsplit_us"] as? Double))
            XCTAssertFalse(placed.contains(head), "\(head) is planned as its slices")
            for slice in 0..<slices { XCTAssertTrue(placed.contains("\(head)/slice\(slice)"), "\(head)/slice\(slice)") }
            XCTAssertTrue(placed.contains(try XCTUnwrap(entry["join"] as? String)))
        }
        let interval = { (plan: [String: Any]) in ((plan["summary"] as? [String: Any])?["interval_us"] as? Double) ?? .infinity }
        XCTAssertLessThan(interval(split), interval(whole))
        for tile in try XCTUnwrap(split["packing"] as? [[String: Any]]) {
            XCTAssertLessThanOrEqual(try XCTUnwrap(tile["run_time_ratio"] as? Double), 1 + 1e-9)
        }

        let path = directory.appendingPathComponent("plan-on.json").path
        let simulated = try CLI.run(["simulate", path, "--platform", platform])
        XCTAssertEqual(simulated.status, 0, simulated.stderr)

        var edited = split
        var first = splits
        first[0]["slices"] = 999
        edited["layer_splits"] = first
        let bad = directory.appendingPathComponent("bad.json").path
        try JSONSerialization.data(withJSONObject: edited).write(to: URL(fileURLWithPath: bad))
        let refused = try CLI.run(["simulate", bad, "--platform", platform])
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("\(bad): invalid plan"), refused.stderr)
        XCTAssertTrue(refused.stderr.contains("layer_splits: Conv \"\(splits[0]["operator"]!)\" cannot be split into 999 slices"), refused.stderr)

        let exported = try CLI.run(["export", path, "--onnx", directory.appendingPathComponent("onnx").path])
        XCTAssertEqual(exported.status, 2, exported.stderr)
        XCTAssertTrue(exported.stderr.contains("layer_splits: the plan splits layers over tiles"), exported.stderr)
    }
}
