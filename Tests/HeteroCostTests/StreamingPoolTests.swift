import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// NVDLA's pooling engine streams its input through a line buffer at PDP_THROUGHPUT input
/// elements per cycle whatever the window (`"streams_input": true` on nvdla-full's pdp): GoogLeNet's
/// 3x3 stride-1 inception-branch poolings and its 3x3 stride-2 ones cost the same per input element.
final class StreamingPoolTests: XCTestCase {
    func testPoolingOnThePDPCostsItsInputElementsAtEightPerCycle() throws {
        let platform = try Platform.load(path: Repository.platform("nvdla-full.json"))
        let pdp = try XCTUnwrap(platform.units.firstIndex { $0.name == "pdp" })
        XCTAssertEqual(platform.units[pdp].support(for: "MaxPool")?.streamsInput, true)
        let graph = try ModelLoader.load(path: Repository.model("light_inception_v1.onnx"))
        let details = try CostEngine(platform: platform).evaluate(graph).details
        var strides = Set<Int>()
        for (index, op) in graph.operators.enumerated() where op.type == "MaxPool" {
            let input = try XCTUnwrap(graph.tensor(named: op.inputs[0])?.elementCount)
            let stride = op.attributes["strides"]?.intsValue?.first ?? 1
            strides.insert(stride)
            // 1,000 MHz, 8 input elements per cycle, efficiency 1.
            XCTAssertEqual(details[index][pdp].computeUS, Double(input) / 8_000, accuracy: 1e-9, "\(op.name) stride \(stride)")
        }
        XCTAssertEqual(strides, [1, 2], "GoogLeNet has both stride-1 and stride-2 max poolings")
    }

    func testStreamsInputRoundTripsAndIsOptional() throws {
        let platform = try Platform.load(path: Repository.platform("nvdla-full.json"))
        let encoded = try JSONEncoder().encode(platform)
        let text = String(decoding: encoded, as: UTF8.self)
        XCTAssertTrue(text.contains("\"streams_input\":true"))
        let reloaded = try Platform.decode(jsonText: text, file: "round-trip.json")
        XCTAssertEqual(reloaded.units.map { $0.support(for: "MaxPool")?.streamsInput },
                       platform.units.map { $0.support(for: "MaxPool")?.streamsInput })
        // Units that do not declare it keep the window-operation rate.
        let meteor = try Platform.load(path: Repository.platform("meteor-lake.json"))
        XCTAssertTrue(meteor.units.allSatisfy { $0.support(for: "MaxPool")?.streamsInput != true })
    }
}
