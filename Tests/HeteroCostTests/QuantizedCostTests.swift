import Foundation
import HeteroCost
import HeteroImport
import HeteroIR
import HeteroPlatform
import TestSupport
import XCTest

/// A QDQ model made by ONNX Runtime's `quantize_static` (Scripts/make_qdq_fixture.py: the bundled
/// SqueezeNet with seeded random weights, uint8 activations, int8 weights) costs as int8: its
/// folded convolutions compute in int8 where the unit can (the NPU's MAC array, VNNI on the CPU)
/// on int8 bytes, and are converted or refused elsewhere.
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
        var platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        // Without the NPU's channel padding, which differs between int8 and FP16 for a 3-channel
        // input (4 against 16; ChannelAlignmentCostTests), so the two types compare layer by layer.
        let npuIndex = try XCTUnwrap(platform.units.firstIndex { $0.name == "npu" })
        platform.units[npuIndex].channelAlignment = nil
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

        // npu computes float operators in FP16 (its compute_type, 2,048 MACs per cycle) and the
        // folded int8 convolutions at its int8 rate (4,096): half the compute time each, and int8
        // bytes instead of FP16 ones, save the int32 biases (4 bytes against 2) — 50.0-50.6% of
        // the float model's bytes in total.
        let nce = unit("npu")
        for (a, b) in pairs {
            let name = qdq.operators[a].name
            assertClose(qdqCosts[a][nce].computeUS, floatCosts[b][nce].computeUS / 2, name)
            XCTAssertLessThanOrEqual(qdqCosts[a][nce].timeUS!, floatCosts[b][nce].timeUS!, name)
        }
        let nceBytes = total(qdqCosts, q, nce) { Double($0.bytes) } / total(floatCosts, f, nce) { Double($0.bytes) }
        XCTAssertGreaterThan(nceBytes, 0.5)
        XCTAssertLessThan(nceBytes, 0.506)

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

    func testEachTensorMovesInTheTypeTheUnitHoldsItIn() throws {
        // The exit DequantizeLinear reads uint8 logits (with a float32 scale and a uint8 zero point)
        // and writes float32 ones. The FP16 npu moves the integer tensors as they are and the float
        // ones in FP16 (half their bytes); the float32 P-cores move everything as it is.
        let platform = try Platform.load(path: Repository.platform("meteor-lake.json"))
        let qdq = try ModelLoader.load(path: Self.qdqPath)
        let costs = try CostEngine(platform: platform).evaluate(qdq).details
        let index = try XCTUnwrap(qdq.operators.firstIndex { $0.type == "DequantizeLinear" })
        let op = qdq.operators[index]
        let inputs = try op.inputs.map { try XCTUnwrap(qdq.tensor(named: $0)) }
        let output = try XCTUnwrap(qdq.tensor(named: op.outputs[0]))
        XCTAssertEqual(inputs.map(\.elementType), [.uint8, .float32, .uint8])
        XCTAssertEqual(output.elementType, .float32)
        func unit(_ name: String) -> Int { platform.units.firstIndex { $0.name == name }! }
        let (data, scale, zeroPoint) = (inputs[0].byteSize, inputs[1].byteSize, inputs[2].byteSize)
        XCTAssertEqual(costs[index][unit("npu")].bytes, data + scale / 2 + zeroPoint + output.byteSize / 2)
        XCTAssertEqual(costs[index][unit("pcores")].bytes, data + scale + zeroPoint + output.byteSize)
        // The memory planner's and simulator's rule is the same one.
        let table = try CostEngine(platform: platform).evaluate(qdq).table
        XCTAssertEqual(table.storedBytes(inputs[0], on: unit("npu")), data)
        XCTAssertEqual(table.storedBytes(output, on: unit("npu")), output.byteSize / 2)
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
