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
}
