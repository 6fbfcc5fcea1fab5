import Foundation
import TestSupport
import XCTest

final class InspectCommandTests: XCTestCase {
    func testInspectJSONHasOperatorsAndMACs() throws {
        let result = try CLI.run(["inspect", Repository.model("light_resnet50.onnx"), "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stderr, "")
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["operators"] as? Int, 176)
        XCTAssertEqual(json["macs"] as? Int, 4_089_184_256)
        XCTAssertEqual((json["operators_by_type"] as? [String: Int])?["Conv"], 53)
        XCTAssertEqual(json["weight_bytes"] as? Int, 102_440_624)
    }

    func testInspectTableListsTypesAndTotals() throws {
        let result = try CLI.run(["inspect", Repository.model("light_squeezenet.onnx")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("MACs       349.2 M (349151936)"), result.stdout)
        XCTAssertTrue(result.stdout.contains("operators  66"), result.stdout)
        let convLine = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("Conv ") })
        XCTAssertTrue(convLine.contains(" 26 "), String(convLine))
    }

    func testInputShapeOverrideChangesMACs() throws {
        let result = try CLI.run(["inspect", Repository.model("light_squeezenet.onnx"), "--input-shape", "data_0=2,3,224,224", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["macs"] as? Int, 2 * 349_151_936)
    }

    func testHelpExitsZero() throws {
        for arguments in [["--help"], ["inspect", "--help"], ["check", "--help"]] {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(result.stdout.contains("USAGE"), result.stdout)
        }
    }
}

/// `inspect` shows what shape inference concluded; oversized inputs exit 2 (issue 14).
final class InspectTensorsTests: XCTestCase {
    static func fixture(_ name: String) -> String { Repository.path("Tests/Fixtures/ONNX/\(name)") }

    func testJSONListsEveryTensorWithShapeTypeBytesAndProducer() throws {
        let result = try CLI.run(["inspect", Self.fixture("lstm_recognizer.onnx"), "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let tensors = try XCTUnwrap(json["tensors"] as? [[String: Any]])
        let y = try XCTUnwrap(tensors.first { $0["name"] as? String == "y" })
        XCTAssertEqual(y["shape"] as? [Int], [20, 2, 1, 32])
        XCTAssertEqual(y["element_type"] as? String, "float32")
        XCTAssertEqual(y["bytes"] as? Int, 20 * 2 * 32 * 4)
        XCTAssertEqual(y["producer"] as? String, "LSTM_0")
        XCTAssertEqual(tensors.first { $0["name"] as? String == "w" }?["kind"] as? String, "constant")
    }

    func testTableShowsTensorsOnlyWithTheFlag() throws {
        let plain = try CLI.run(["inspect", Self.fixture("stft_pad.onnx")])
        XCTAssertFalse(plain.stdout.contains("1x1x19"), plain.stdout)
        let result = try CLI.run(["inspect", Self.fixture("stft_pad.onnx"), "--tensors"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let padded = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("padded ") })
        XCTAssertEqual(padded.split(separator: " ", omittingEmptySubsequences: true), ["padded", "1x1x19", "float32", "activation", "76", "Pad_15"])
    }

    func testEmptyKVCachePlans() throws {
        let result = try CLI.run(["plan", Self.fixture("kv_cache_attention.onnx"), "--platform", Repository.platform("meteor-lake.json"),
                                  "--input-shape", "x=1,4,64", "--input-shape", "past_key=1,1,0,16", "--input-shape", "past_value=1,1,0,16",
                                  "--evaluations", "500"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testHugeInputDimensionsExitTwoInInspectAndPlan() throws {
        for batch in ["4611686018427387904", "9223372036854775807", "1099511627776"] {
            for command in [["inspect"], ["plan", "--platform", Repository.platform("meteor-lake.json")]] {
                let result = try CLI.run(command + [Repository.model("light_squeezenet.onnx"), "--input-shape", "data_0=\(batch),3,224,224"])
                XCTAssertEqual(result.status, 2, "\(command) \(batch): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("tensor \"data_0\" of shape [\(batch), 3, 224, 224] (float32) exceeds 2^53"), result.stderr)
            }
        }
    }
}
