import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// ONNX Runtime's NCHWc operators (`Tests/Fixtures/ONNX/ort/cnn_ort_all.onnx`): the layout changes
/// are data movement, costed as a Transpose is (bytes in and out at the unit's streaming rate, no
/// arithmetic), and the blocked convolutions run under the units' Conv entries, NPUs included.
final class NCHWcCostTests: XCTestCase {
    func testReordersAreDataMovementAndBlockedConvolutionsRunOnTheNPUs() throws {
        let graph = try ModelLoader.load(path: Repository.path("Tests/Fixtures/ONNX/ort/cnn_ort_all.onnx"))
        for name in ["meteor-lake.json", "snapdragon-8gen2.json"] {
            let platform = try Platform.load(path: Repository.platform(name))
            let costs = try CostEngine(platform: platform).evaluate(graph).details
            for (index, op) in graph.operators.enumerated() where op.type == "ReorderInput" || op.type == "ReorderOutput" {
                let bytes = op.work.activationBytesRead + op.work.bytesWritten
                XCTAssertGreaterThan(bytes, 0, op.name)
                var ran = 0
                for (unit, cost) in zip(platform.units, costs[index]) where cost.timeUS != nil {
                    ran += 1
                    XCTAssertEqual(cost.computeUS, 0, "\(op.name) on \(unit.name)")
                    XCTAssertGreaterThan(cost.memoryUS, 0, "\(op.name) on \(unit.name)")
                    // In the unit's type: float32 moves as float16 on the FP16 units (`storedScale`).
                    let scale = ElementType.float32.storedScale(computeBits: unit.computeBits)
                    XCTAssertEqual(Double(cost.bytes), (Double(bytes) * scale).rounded(), "\(op.name) on \(unit.name)")
                }
                XCTAssertGreaterThan(ran, 0, "\(op.name) on \(name)")
                // A DSP that lists Transpose runs the reorders too (meteor-lake's shave, snapdragon's hvx).
                let dsp = platform.units.firstIndex { $0.name == "shave" || $0.name == "hvx" }!
                XCTAssertNotNil(costs[index][dsp].timeUS, "\(op.name) on \(platform.units[dsp].name)")
            }
            let npu = platform.units.firstIndex { $0.name == "npu" || $0.name == "htp" }!
            let convolutions = graph.operators.indices.filter {
                graph.operators[$0].type == "Conv" && graph.operators[$0].attributes["domain"]?.stringValue == "com.microsoft.nchwc"
            }
            XCTAssertEqual(convolutions.count, 7)
            XCTAssertTrue(convolutions.contains { costs[$0][npu].timeUS != nil }, "no NCHWc Conv runs on \(platform.units[npu].name)")
        }
    }
}
