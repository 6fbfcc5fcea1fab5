import HeteroImport
import HeteroIR
import XCTest

/// QDQ groups fold into integer operators on import (`QDQFolding`), following ONNX Runtime's
/// QDQ selectors: which groups fold, what they read and write, and which DQ and Q nodes stay.
final class QDQFoldingTests: XCTestCase {
    /// x (float) -> Q -> DQ, and an int8 weight -> DQ: the usual prologue of a QDQ model.
    static func prologue(_ fixture: inout ONNXFixture, weight: [Int]) {
        fixture.typed("s", [], dataType: 1, values: [0.5])
        fixture.typed("zp", [], dataType: 2)
        fixture.typed("ws", [], dataType: 1, values: [0.25])
        fixture.typed("w_q", weight, dataType: 3)
        fixture.node("QuantizeLinear", ["x", "s", "zp"], ["x_q"], name: "q_x")
        fixture.node("DequantizeLinear", ["x_q", "s", "zp"], ["x_dq"], name: "dq_x")
        fixture.node("DequantizeLinear", ["w_q", "ws"], ["w_dq"], name: "dq_w")
    }

    func testConvGroupReadsIntegersWritesTheQuantizedOutputAndKeepsASharedDequantize() throws {
        var fixture = ONNXFixture()
        fixture.input("x", [1, 3, 8, 8])
        Self.prologue(&fixture, weight: [4, 3, 3, 3])
        fixture.typed("b_q", [4], dataType: 6)
        fixture.node("DequantizeLinear", ["b_q", "ws"], ["b_dq"], name: "dq_b")
        fixture.node("Conv", ["x_dq", "w_dq", "b_dq"], ["y"], name: "conv", ints: ["pads": [1, 1, 1, 1]])
        fixture.node("QuantizeLinear", ["y", "s", "zp"], ["y_q"], name: "q_y")
        // A float reader of the dequantized input keeps dq_x alive.
        fixture.node("Relu", ["x_dq"], ["r"], name: "relu")
        fixture.output("y_q")
        fixture.output("r")
        let graph = try ONNXImporter().importModel(fixture.bytes(), file: "qdq.onnx")
        XCTAssertEqual(graph.operators.map(\.name), ["q_x", "dq_x", "conv", "relu"])
        let conv = try XCTUnwrap(graph.operators.first { $0.name == "conv" })
        XCTAssertEqual(conv.quantizedType, .int8)
        XCTAssertEqual(conv.inputs, ["x_q", "w_q", "b_q"])
        XCTAssertEqual(conv.outputs, ["y_q"])
        XCTAssertEqual(graph.tensor(named: "y_q")?.elementType, .uint8)
        XCTAssertNil(graph.tensor(named: "y"), "the float output is gone with its QuantizeLinear")
        // Activations 192 uint8, weights 108 int8 + 4 int32 bias, output 256 uint8.
        XCTAssertEqual(conv.work, Work(macs: 256 * 27, flops: 256, activationBytesRead: 192, weightBytesRead: 108 + 16,
                                       bytesWritten: 256))
        XCTAssertNil(graph.operators.first { $0.name == "relu" }?.quantizedType)
    }

    func testMatMulWithoutQuantizeFoldsWithAFloatOutputButConvDoesNot() throws {
        var fixture = ONNXFixture()
        fixture.input("x", [2, 16])
        Self.prologue(&fixture, weight: [16, 8])
        fixture.node("MatMul", ["x_dq", "w_dq"], ["y"], name: "matmul")
        fixture.output("y")
        let graph = try ONNXImporter().importModel(fixture.bytes(), file: "qdq.onnx")
        // ONNX Runtime's MatMulIntegerToFloat: integer inputs, float output.
        XCTAssertEqual(graph.operators.map(\.name), ["q_x", "matmul"])
        XCTAssertEqual(graph.operators[1].quantizedType, .int8)
        XCTAssertEqual(graph.operators[1].work.weightBytesRead, 16 * 8)
        XCTAssertEqual(graph.operators[1].work.bytesWritten, 2 * 8 * 4)

        var conv = ONNXFixture()
        conv.input("x", [1, 3, 8, 8])
        Self.prologue(&conv, weight: [4, 3, 3, 3])
        conv.node("Conv", ["x_dq", "w_dq"], ["y"], name: "conv")
        conv.output("y")
        let unfolded = try ONNXImporter().importModel(conv.bytes(), file: "qdq.onnx")
        // QLinearConv needs the output quantized: the group stays float, as in ONNX Runtime.
        XCTAssertEqual(unfolded.operators.map(\.name), ["q_x", "dq_x", "dq_w", "conv"])
        XCTAssertNil(unfolded.operators[3].quantizedType)
    }

    func testIntegerKernelsAlreadyInTheModelGetTheirIntegerType() throws {
        // The QOperator format: QLinearConv and ConvInteger read uint8 activations and int8
        // weights and compute in int8; the QuantizeLinear before them stays a float operator.
        var fixture = ONNXFixture()
        fixture.input("x", [1, 3, 8, 8])
        fixture.typed("s", [], dataType: 1, values: [0.5])
        fixture.typed("zp", [], dataType: 2)
        fixture.typed("ws", [], dataType: 1, values: [0.25])
        fixture.typed("wzp", [], dataType: 3)
        fixture.typed("w_q", [4, 3, 3, 3], dataType: 3)
        fixture.node("QuantizeLinear", ["x", "s", "zp"], ["x_q"], name: "q_x")
        fixture.node("QLinearConv", ["x_q", "s", "zp", "w_q", "ws", "wzp", "s", "zp"], ["y_q"], name: "qconv",
                     ints: ["pads": [1, 1, 1, 1]])
        fixture.node("ConvInteger", ["x_q", "w_q", "zp", "wzp"], ["y32"], name: "iconv", ints: ["pads": [1, 1, 1, 1]])
        fixture.output("y_q")
        fixture.output("y32")
        let graph = try ONNXImporter().importModel(fixture.bytes(), file: "qop.onnx")
        let types = Dictionary(uniqueKeysWithValues: graph.operators.map { ($0.name, $0.quantizedType) })
        XCTAssertEqual(types["qconv"], .some(.int8))
        XCTAssertEqual(types["iconv"], .some(.int8))
        XCTAssertEqual(types["q_x"], .some(nil))
        XCTAssertEqual(graph.operators.first { $0.name == "qconv" }?.work.macs, 256 * 27)
    }

    func testDataMovementFoldsOnlyWithEqualScales() throws {
        for (scale, folds) in [("s", true), ("other", false)] {
            var fixture = ONNXFixture()
            fixture.input("x", [1, 3, 8, 8])
            fixture.typed("s", [], dataType: 1, values: [0.5])
            fixture.typed("other", [], dataType: 1, values: [0.75])
            fixture.typed("zp", [], dataType: 2)
            fixture.node("QuantizeLinear", ["x", "s", "zp"], ["x_q"], name: "q_x")
            fixture.node("DequantizeLinear", ["x_q", "s", "zp"], ["x_dq"], name: "dq_x")
            fixture.node("MaxPool", ["x_dq"], ["p"], name: "pool", ints: ["kernel_shape": [2, 2], "strides": [2, 2]])
            fixture.node("QuantizeLinear", ["p", scale, "zp"], ["p_q"], name: "q_p")
            fixture.output("p_q")
            let graph = try ONNXImporter().importModel(fixture.bytes(), file: "qdq.onnx")
            let pool = try XCTUnwrap(graph.operators.first { $0.name == "pool" })
            XCTAssertEqual(pool.quantizedType, folds ? .int8 : nil, scale)
            XCTAssertEqual(graph.operators.count, folds ? 2 : 4, scale)
        }
    }

    /// Two quantized branches -> DQ -> Sum(-> Relu) -> Q, as ONNX Runtime's quantizer leaves
    /// ResNet-50 v1's residual additions; `sumInputs` names the Sum's inputs.
    static func residual(zeroPointType: Int32, zeroPoint: Int, relu: Bool = true, sumInputs: [String] = ["a_dq", "b_dq"],
                         reluIsOutput: Bool = false) -> ONNXFixture {
        var fixture = ONNXFixture()
        fixture.input("x", [1, 4, 8, 8])
        fixture.typed("sa", [], dataType: 1, values: [0.5])
        fixture.typed("sb", [], dataType: 1, values: [0.25])
        fixture.typed("so", [], dataType: 1, values: [0.75])
        fixture.typed("zp", [], dataType: 2, intValues: [128])
        fixture.typed("zo", [], dataType: zeroPointType, intValues: [zeroPoint])
        fixture.node("QuantizeLinear", ["x", "sa", "zp"], ["a_q"], name: "q_a")
        fixture.node("DequantizeLinear", ["a_q", "sa", "zp"], ["a_dq"], name: "dq_a")
        fixture.node("QuantizeLinear", ["x", "sb", "zp"], ["b_q"], name: "q_b")
        fixture.node("DequantizeLinear", ["b_q", "sb", "zp"], ["b_dq"], name: "dq_b")
        fixture.node("Sum", sumInputs, ["y"], name: "sum")
        if relu { fixture.node("Relu", ["y"], ["r"], name: "relu") }
        fixture.node("QuantizeLinear", [relu ? "r" : "y", "so", "zo"], ["r_q"], name: "q_r")
        fixture.output("r_q")
        if reluIsOutput { fixture.output("r") }
        return fixture
    }

    func testReluBeforeAQuantizeClampingAtItsZeroPointGoesAndTheResidualSumFoldsIntoAnInt8Add() throws {
        // ONNX element types: 2 uint8, 3 int8. The Relu is redundant only when the zero point is
        // the type's lowest value (ONNX Runtime's ReluQuantFusion).
        for (type, zeroPoint, removed) in [(Int32(2), 0, true), (2, 128, false), (3, -128, true), (3, 0, false)] {
            let label = "type \(type) zero point \(zeroPoint)"
            let fixture = Self.residual(zeroPointType: type, zeroPoint: zeroPoint)
            let graph = try ONNXImporter().importModel(fixture.bytes(), file: "qdq.onnx")
            let sum = try XCTUnwrap(graph.operators.first { $0.name == "sum" }, label)
            if removed {
                XCTAssertEqual(graph.operators.map(\.name), ["q_a", "q_b", "sum"], label)
                XCTAssertEqual(sum.quantizedType, .int8, label)
                XCTAssertEqual(sum.inputs, ["a_q", "b_q"], label)
                XCTAssertEqual(sum.outputs, ["r_q"], label)
                XCTAssertNil(graph.tensor(named: "r"), label)
                // Two uint8 inputs of 256 elements read, 256 one-byte elements written.
                XCTAssertEqual(sum.work.activationBytesRead, 512, label)
                XCTAssertEqual(sum.work.bytesWritten, 256, label)
            } else {
                XCTAssertEqual(graph.operators.map(\.name), ["q_a", "dq_a", "q_b", "dq_b", "sum", "relu", "q_r"], label)
                XCTAssertNil(sum.quantizedType, label)
            }
        }
    }

    func testSumFoldsOnlyWithTwoInputsAndARequiredReluStays() throws {
        // Without a Relu, a two-input Sum folds as Add does.
        let plain = try ONNXImporter().importModel(Self.residual(zeroPointType: 2, zeroPoint: 128, relu: false).bytes(),
                                                   file: "qdq.onnx")
        XCTAssertEqual(plain.operators.map(\.name), ["q_a", "q_b", "sum"])
        XCTAssertEqual(plain.operators[2].quantizedType, .int8)

        // Three inputs: OpenVINO's two Adds, the first with a float output; nothing folds.
        let three = try ONNXImporter().importModel(
            Self.residual(zeroPointType: 2, zeroPoint: 0, relu: false, sumInputs: ["a_dq", "b_dq", "a_dq"]).bytes(), file: "qdq.onnx")
        XCTAssertEqual(three.operators.map(\.name), ["q_a", "dq_a", "q_b", "dq_b", "sum", "q_r"])
        XCTAssertNil(three.operators[4].quantizedType)

        // A Relu whose output is also a graph output is needed: it stays, and so the Sum stays float.
        let kept = try ONNXImporter().importModel(Self.residual(zeroPointType: 2, zeroPoint: 0, reluIsOutput: true).bytes(),
                                                  file: "qdq.onnx")
        XCTAssertEqual(kept.operators.map(\.name), ["q_a", "dq_a", "q_b", "dq_b", "sum", "relu", "q_r"])
    }
}
