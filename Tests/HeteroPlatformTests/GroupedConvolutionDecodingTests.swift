import Foundation
import HeteroPlatform
import XCTest

/// A unit's `"grouped_convolution"`: exactly one of `reduction_width` (with an optional measured
/// `efficiency`) and `expanded_to_dense: true`,
/// each mistake reported at its JSON path; it round-trips through the encoder.
final class GroupedConvolutionDecodingTests: XCTestCase {
    private func dla(_ field: String) -> String {
        PlatformFixtures.tiny(("\"memory\": \"dla_buf\",", "\"memory\": \"dla_buf\", \"grouped_convolution\": \(field),"))
    }

    func testEachFormDecodes() throws {
        let width = try Platform.decode(jsonText: dla("{\"reduction_width\": 8}"), file: "t.json")
        XCTAssertEqual(width.units[2].groupedConvolution, .reductionWidth(8))
        XCTAssertNil(width.units[2].groupedConvolution?.efficiency)
        let measured = try Platform.decode(jsonText: dla("{\"reduction_width\": 8, \"efficiency\": 0.3}"), file: "t.json")
        XCTAssertEqual(measured.units[2].groupedConvolution, .reductionWidth(8, efficiency: 0.3))
        let dense = try Platform.decode(jsonText: dla("{\"expanded_to_dense\": true}"), file: "t.json")
        XCTAssertEqual(dense.units[2].groupedConvolution, .expandedToDense)
        let plain = try Platform.decode(jsonText: PlatformFixtures.tiny, file: "t.json")
        XCTAssertNil(plain.units[2].groupedConvolution)
    }

    func testMistakesAreReportedAtTheirPath() {
        XCTAssertEqual(PlatformFixtures.problems(dla("{}")),
                       ["units[2].grouped_convolution: expected \"reduction_width\" (input channels the MAC array reduces per output per cycle) or \"expanded_to_dense\": true"])
        XCTAssertEqual(PlatformFixtures.problems(dla("{\"reduction_width\": 8, \"expanded_to_dense\": true}")),
                       ["units[2].grouped_convolution: give either \"reduction_width\" or \"expanded_to_dense\", not both"])
        XCTAssertEqual(PlatformFixtures.problems(dla("{\"expanded_to_dense\": false}")),
                       ["units[2].grouped_convolution.expanded_to_dense: must be true when given (omit grouped_convolution for a unit that runs grouped convolutions at its full rate)"])
        XCTAssertEqual(PlatformFixtures.problems(dla("{\"reduction_width\": 2.5}")),
                       ["units[2].grouped_convolution.reduction_width: expected a whole number, found 2.5"])
        let zero = PlatformFixtures.problems(dla("{\"reduction_width\": 0}"))
        XCTAssertEqual(zero.count, 1)
        XCTAssertTrue(zero.first?.hasPrefix("units[2].grouped_convolution.reduction_width: ") ?? false, "\(zero)")
        XCTAssertEqual(PlatformFixtures.problems(dla("{\"expanded_to_dense\": true, \"efficiency\": 0.3}")),
                       ["units[2].grouped_convolution.efficiency: applies only with \"reduction_width\" (the efficiency of the reduced MAC array)"])
        let over = PlatformFixtures.problems(dla("{\"reduction_width\": 8, \"efficiency\": 1.5}"))
        XCTAssertEqual(over.count, 1)
        XCTAssertTrue(over.first?.hasPrefix("units[2].grouped_convolution.efficiency: ") ?? false, "\(over)")
        let unknown = PlatformFixtures.problems(dla("{\"width\": 8}"))
        XCTAssertTrue(unknown.contains { $0.hasPrefix("units[2].grouped_convolution.width: unknown key") }, "\(unknown)")
    }

    func testRoundTripsThroughTheEncoder() throws {
        for field in ["{\"reduction_width\": 8}", "{\"reduction_width\": 8, \"efficiency\": 0.3}", "{\"expanded_to_dense\": true}"] {
            let platform = try Platform.decode(jsonText: dla(field), file: "t.json")
            let text = String(decoding: try JSONEncoder().encode(platform), as: UTF8.self)
            let reloaded = try Platform.decode(jsonText: text, file: "round-trip.json")
            XCTAssertEqual(reloaded.units.map(\.groupedConvolution), platform.units.map(\.groupedConvolution))
        }
    }
}
