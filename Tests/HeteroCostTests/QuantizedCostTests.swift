import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// A QDQ model made by ONNX Runtime's `quantize_static` (Scripts/make_qdq_fixture.py: the bundled
/// SqueezeNet with seeded random weights, uint8 activations, int8 weights) costs as int8: its
/// folded convolutions match the float model costed at int8 where the unit computes in int8,
/// compute in int8 where the unit can (VNNI on the CPU), and are converted or refused elsewhere.
final class QuantizedCostTests: XCTestCase {
    static let qdqPath = Repository.path("Tests/Fixtures/ONNX/qdq_squeezenet.onnx")
    static let floatPath = Repository.model("light_squeezenet.onnx")

    /// The convolutions' indices, ordered by a key of their shapes so the two models' pair up.
    static func convolutions(_ graph: Graph) -> [Int] {
        func key(_ index: Int) -> String {
            let op = graph.operators[index]
            return op.inputs.prefix(2).map { "\(graph.tensor(named: $0)?.shape ?? [])" }.joined() + "\(op.work.macs)"
        }
        return graph.operators.indices.filter { graph.operators[$0].type == "Conv" }.sorted { key($0) < key($1) }
    }

    func testQuantizedSqueezeNetFoldsIntoInt8ConvolutionsWithAQuarterOfTheWeightBytes() throws {
        let qdq = try ModelLoader.load(path: Self.qdqPath)
        let float = try ModelLoader.load(path: Self.floatPath)
        let types = Dictionary(grouping: qdq.operators, by: \.type).mapValues(\.count)
        XCTAssertEqual(types["Conv"], 26)
        // Only the model's entry QuantizeLinear and exit DequantizeLinear stay: 94 DQ and 42 Q folded.
        XCTAssertEqual(types["QuantizeLinear"], 1)
        XCTAssertEqual(types["DequantizeLinear"], 1)
        XCTAssertEqual(qdq.operators.filter { $0.type == "Conv" }.map(\.quantizedType), Array(repeating: .int8, count: 26))
        XCTAssertEqual(qdq.totalWork.macs, float.totalWork.macs)
        XCTAssertEqual(qdq.totalWork.macs, 349_151_936)

        let weights = { (graph: Graph) in Self.convolutions(graph).map { graph.tensor(named: graph.operators[$0].inputs[1])!.byteSize } }
        XCTAssertEqual(weights(qdq).map { $0 * 4 }, weights(float))
        XCTAssertEqual(weights(qdq).reduce(0, +), 4_926_208 / 4)
        // With the int32 biases (as wide as float32 ones) the read weights are 25.3% of float32's.
        let ratio = Double(qdq.totalWork.weightBytesRead) / Double(float.totalWork.weightBytesRead)
        XCTAssertEqual(ratio, 0.25, accuracy: 0.005)
        XCTAssertGreaterThan(ratio, 0.25)
    }

    func testQuantizedConvolutionsCostAsTheFloatModelAtInt8() throws {
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let qdq = try ModelLoader.load(path: Self.qdqPath)
        let float = try ModelLoader.load(path: Self.floatPath)
        let qdqCosts = try CostEngine(platform: platform).evaluate(qdq).details
        let floatCosts = try CostEngine(platform: platform).evaluate(float).details
        let pairs = Array(zip(Self.convolutions(qdq), Self.convolutions(float)))
        XCTAssertEqual(pairs.count, 26)
        func unit(_ name: String) -> Int { platform.units.firstIndex { $0.name == name }! }
        func total(_ details: [[OperatorCost]], _ ops: [Int], _ unit: Int, _ figure: (OperatorCost) -> Double) -> Double {
            ops.reduce(0) { $0 + figure(details[$1][unit]) }
        }
        let (q, f) = (pairs.map(\.0), pairs.map(\.1))

        // npu computes in int8 (compute_type): the float model is already costed at int8 there, and
        // the QDQ model matches it. Bytes differ only by the biases: int32 (4 bytes) against float32
        // scaled to int8 (1 byte), 3 bytes per output channel, within 1.2% per convolution.
        let nce = unit("npu")
        for (a, b) in pairs {
            let name = qdq.operators[a].name
            assertClose(qdqCosts[a][nce].computeUS, floatCosts[b][nce].computeUS, name)
            let channels = qdq.tensor(named: qdq.operators[a].inputs[1])!.shape![0]
            XCTAssertEqual(qdqCosts[a][nce].bytes, floatCosts[b][nce].bytes + 3 * channels * qdqCosts[a][nce].tiles, name)
            XCTAssertEqual(qdqCosts[a][nce].timeUS!, floatCosts[b][nce].timeUS!, accuracy: floatCosts[b][nce].timeUS! * 0.012, name)
        }
        // In total the int32 biases cost 0.17% more time: the npu's 4,096 MACs per cycle make more
        // of the convolutions memory-bound, where those bytes count.
        let nceTime = total(qdqCosts, q, nce) { $0.timeUS! } / total(floatCosts, f, nce) { $0.timeUS! }
        XCTAssertGreaterThanOrEqual(nceTime, 1)
        XCTAssertEqual(nceTime, 1, accuracy: 0.003)

        // pcores computes float in float32 (96 MACs/cycle) but int8 kernels on VNNI (384): a quarter
        // of the compute time, and int8 instead of float32 bytes.
        let cpu = unit("pcores")
        assertClose(total(qdqCosts, q, cpu) { $0.computeUS }, total(floatCosts, f, cpu) { $0.computeUS } / 4)
        let cpuBytes = total(qdqCosts, q, cpu) { Double($0.bytes) } / total(floatCosts, f, cpu) { Double($0.bytes) }
        XCTAssertEqual(cpuBytes, 0.25, accuracy: 0.005)

        // shave has no int8 throughput: it converts to its float16, as it does float32 tensors.
        let shave = unit("shave")
        assertClose(total(qdqCosts, q, shave) { $0.computeUS }, total(floatCosts, f, shave) { $0.computeUS })
    }

    func testAUnitWithoutInt8ThroughputOrComputeTypeRefusesQuantizedOperators() throws {
        let qdq = try ModelLoader.load(path: Self.qdqPath)
        // The synthetic cpu computes in the tensors' type and has float32 throughput only, and only
        // it supports MaxPool: the int8 MaxPool runs nowhere.
        XCTAssertThrowsError(try CostEngine(platform: Synthetic.platform()).evaluate(qdq)) { error in
            XCTAssertEqual("\(error)", "MaxPool \"n2\" cannot run on any unit of the platform: cpu: cpu has no vector throughput "
                           + "for int8; dla: dla does not support MaxPool; dsp: dsp does not support MaxPool")
        }
    }
}
