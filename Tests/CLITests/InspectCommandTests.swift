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
