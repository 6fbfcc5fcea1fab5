import Foundation
import HeteroPlatform
import XCTest

/// A unit's `"channel_alignment"` (`channels`, optional `compressed_input_channels`, `operators`)
/// and a grouped-convolution rule's `"data_types"`: each decodes, each mistake is reported at its
/// JSON path, and both round-trip through the encoder.
final class ChannelAlignmentDecodingTests: XCTestCase {
    private func dla(_ key: String, _ field: String) -> String {
        PlatformFixtures.tiny(("\"memory\": \"dla_buf\",", "\"memory\": \"dla_buf\", \"\(key)\": \(field),"))
    }

    private func aligned(_ field: String) -> String { dla("channel_alignment", field) }

    func testFormsDecode() throws {
        let full = try Platform.decode(jsonText: aligned("{\"channels\": 16, \"compressed_input_channels\": 4, \"operators\": [\"Conv\", \"MaxPool\"]}"), file: "t.json")
        XCTAssertEqual(full.units[2].channelAlignment, ChannelAlignment(channels: 16, compressedInputChannels: 4, operators: ["Conv", "MaxPool"]))
        let plain = try Platform.decode(jsonText: aligned("{\"channels\": 32, \"operators\": [\"Conv\"]}"), file: "t.json")
        XCTAssertEqual(plain.units[2].channelAlignment, ChannelAlignment(channels: 32, operators: ["Conv"]))
        XCTAssertNil(try Platform.decode(jsonText: PlatformFixtures.tiny, file: "t.json").units[2].channelAlignment)
        let typed = try Platform.decode(jsonText: dla("grouped_convolution", "{\"reduction_width\": 4, \"data_types\": [\"int8\"]}"), file: "t.json")
        XCTAssertEqual(typed.units[2].groupedConvolution, .reductionWidth(4, dataTypes: [.int8]))
    }

    func testMistakesAreReportedAtTheirPath() {
        let path = "units[2].channel_alignment"
        XCTAssertEqual(PlatformFixtures.problems(aligned("{\"channels\": 16, \"compressed_input_channels\": 32, \"operators\": [\"Conv\"]}")),
                       ["\(path).compressed_input_channels: must be at most \"channels\" (16): it replaces the padding of inputs with fewer channels, found 32"])
        XCTAssertEqual(PlatformFixtures.problems(aligned("{\"channels\": 16, \"operators\": []}")),
                       ["\(path).operators: must list at least one operator type (omit channel_alignment when no operator is padded)"])
        XCTAssertEqual(PlatformFixtures.problems(aligned("{\"channels\": 16, \"operators\": [\"*\"]}")),
                       ["\(path).operators[0]: expected an operator type, found \"*\""])
        XCTAssertEqual(PlatformFixtures.problems(aligned("{\"channels\": 16, \"operators\": [\"Conv\", \"Conv\"]}")),
                       ["\(path).operators[1]: \"Conv\" is listed twice"])
        XCTAssertEqual(PlatformFixtures.problems(aligned("{\"channels\": 16, \"operators\": [3]}")),
                       ["\(path).operators[0]: expected an operator type, found a number"])
        XCTAssertEqual(PlatformFixtures.problems(aligned("{\"channels\": 2.5, \"operators\": [\"Conv\"]}")),
                       ["\(path).channels: expected a whole number, found 2.5"])
        let zero = PlatformFixtures.problems(aligned("{\"channels\": 0, \"operators\": [\"Conv\"]}"))
        XCTAssertEqual(zero.count, 1)
        XCTAssertTrue(zero.first?.hasPrefix("\(path).channels: must be from 1") ?? false, "\(zero)")
        let missing = PlatformFixtures.problems(aligned("{\"operators\": [\"Conv\"]}"))
        XCTAssertEqual(missing.count, 1)
        XCTAssertTrue(missing.first?.hasPrefix("\(path)") ?? false, "\(missing)")
        XCTAssertTrue(missing.first?.contains("channels") ?? false, "\(missing)")
        let unknown = PlatformFixtures.problems(aligned("{\"channels\": 16, \"operators\": [\"Conv\"], \"multiple\": 16}"))
        XCTAssertTrue(unknown.contains { $0.hasPrefix("\(path).multiple: unknown key") }, "\(unknown)")

        let grouped = "units[2].grouped_convolution"
        XCTAssertEqual(PlatformFixtures.problems(dla("grouped_convolution", "{\"expanded_to_dense\": true, \"data_types\": [\"int8\"]}")),
                       ["\(grouped).data_types: applies only with \"reduction_width\" (the data types whose MAC array reduces that many input channels)"])
        XCTAssertEqual(PlatformFixtures.problems(dla("grouped_convolution", "{\"reduction_width\": 4, \"data_types\": [\"i8\"]}")),
                       ["\(grouped).data_types[0]: unknown data type \"i8\" (did you mean \"int8\"?)"])
    }

    func testRoundTripsThroughTheEncoder() throws {
        for text in [aligned("{\"channels\": 16, \"compressed_input_channels\": 4, \"operators\": [\"Conv\", \"AveragePool\"]}"),
                     aligned("{\"channels\": 16, \"operators\": [\"Conv\"]}"),
                     dla("grouped_convolution", "{\"reduction_width\": 4, \"efficiency\": 0.5, \"data_types\": [\"int8\", \"uint8\"]}")] {
            let platform = try Platform.decode(jsonText: text, file: "t.json")
            let encoded = String(decoding: try JSONEncoder().encode(platform), as: UTF8.self)
            let reloaded = try Platform.decode(jsonText: encoded, file: "round-trip.json")
            XCTAssertEqual(reloaded.units.map(\.channelAlignment), platform.units.map(\.channelAlignment))
            XCTAssertEqual(reloaded.units.map(\.groupedConvolution), platform.units.map(\.groupedConvolution))
        }
    }
}
