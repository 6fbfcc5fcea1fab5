import HeteroIR
import XCTest

/// Shape rules for operators beyond the nine bundled models, checked against hand-computed shapes.
final class ShapeInferenceTests: XCTestCase {
    func t(_ name: String, _ shape: [Int], _ kind: TensorKind = .activation, ints: [Int]? = nil, floats: [Double]? = nil,
           type: ElementType = .float32) -> Tensor {
        Tensor(name: name, shape: shape, elementType: type, kind: kind, intValues: ints, floatValues: floats)
    }

    func infer(_ type: String, _ inputs: [Tensor?], outputs: Int = 1, _ attributes: [String: AttributeValue] = [:]) throws -> [[Int]] {
        let op = Operator(name: "op", type: type, attributes: attributes, inputs: inputs.map { $0?.name ?? "" },
                          outputs: (0..<outputs).map { "o\($0)" })
        return try ShapeInference.infer(op, inputs: inputs).map(\.shape)
    }

    func testConvolutions() throws {
        let x = t("x", [1, 32, 56, 56])
        XCTAssertEqual(try infer("Conv", [x, t("w", [32, 1, 3, 3], .constant)], ["group": .int(32), "pads": .ints([1, 1, 1, 1]), "strides": .ints([2, 2])]), [[1, 32, 28, 28]])
        XCTAssertEqual(try infer("Conv", [x, t("w", [64, 32, 1, 1], .constant)], ["auto_pad": .string("SAME_UPPER"), "strides": .ints([2, 2])]), [[1, 64, 28, 28]])
        XCTAssertEqual(try infer("ConvTranspose", [x, t("w", [32, 16, 4, 4], .constant)], ["strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]), [[1, 16, 112, 112]])
        XCTAssertEqual(try infer("MaxPool", [t("p", [1, 64, 112, 112])], ["kernel_shape": .ints([3, 3]), "strides": .ints([2, 2]), "ceil_mode": .int(1)]), [[1, 64, 56, 56]])
        XCTAssertEqual(try infer("GlobalAveragePool", [x]), [[1, 32, 1, 1]])
    }

    func testModernOperators() throws {
        let x = t("x", [2, 8, 16, 16])
        XCTAssertEqual(try infer("HardSwish", [x]), [[2, 8, 16, 16]])
        XCTAssertEqual(try infer("Pad", [x, t("p", [8], .constant, ints: [0, 0, 1, 1, 0, 0, 2, 2])]), [[2, 8, 19, 19]])
        XCTAssertEqual(try infer("Resize", [x, nil, t("s", [4], .constant, floats: [1, 1, 2, 2])]), [[2, 8, 32, 32]])
        XCTAssertEqual(try infer("Slice", [x, t("st", [1], .constant, ints: [2]), t("en", [1], .constant, ints: [-2]), t("ax", [1], .constant, ints: [1])]), [[2, 4, 16, 16]])
        XCTAssertEqual(try infer("Split", [x], outputs: 2, ["axis": .int(1)]), [[2, 4, 16, 16], [2, 4, 16, 16]])
        XCTAssertEqual(try infer("Squeeze", [t("q", [1, 8, 1]), t("a", [1], .constant, ints: [0])]), [[8, 1]])
        XCTAssertEqual(try infer("ReduceMean", [x], ["axes": .ints([2, 3]), "keepdims": .int(0)]), [[2, 8]])
        XCTAssertEqual(try infer("MatMul", [t("a", [4, 1, 16, 32]), t("b", [3, 32, 8])]), [[4, 3, 16, 8]])
        XCTAssertEqual(try infer("LayerNormalization", [t("l", [2, 10, 64]), t("g", [64], .constant), t("b", [64], .constant)]), [[2, 10, 64]])
        XCTAssertEqual(try infer("Gather", [t("e", [1000, 64], .constant), t("i", [2, 5], type: .int64)]), [[2, 5, 64]])
        XCTAssertEqual(try infer("Transpose", [x], ["perm": .ints([0, 2, 3, 1])]), [[2, 16, 16, 8]])
        XCTAssertEqual(try infer("Div", [x, t("d", [16])]), [[2, 8, 16, 16]])
    }

    func testShapeArithmeticPropagatesValues() throws {
        let x = t("x", [2, 8, 16, 16])
        let shape = try XCTUnwrap(ShapeInference.infer(Operator(name: "s", type: "Shape", inputs: ["x"], outputs: ["s"]), inputs: [x]).first)
        XCTAssertEqual(shape.intValues, [2, 8, 16, 16])
        let shapeTensor = t("s", shape.shape, .constant, ints: shape.intValues, type: .int64)
        let gathered = try ShapeInference.infer(Operator(name: "g", type: "Gather", inputs: ["s", "i"], outputs: ["g"]),
                                                inputs: [shapeTensor, t("i", [2], .constant, ints: [0, 1], type: .int64)])
        XCTAssertEqual(gathered.first?.intValues, [2, 8])
        let product = try ShapeInference.infer(Operator(name: "m", type: "Mul", inputs: ["a", "b"], outputs: ["m"]),
                                               inputs: [t("a", [1], .constant, ints: [16], type: .int64), t("b", [1], .constant, ints: [16], type: .int64)])
        XCTAssertEqual(product.first?.intValues, [256])
    }

    func testErrorsNameTheOperator() {
        XCTAssertThrowsError(try infer("Add", [t("a", [2, 3]), t("b", [4, 3])])) { error in
            XCTAssertEqual((error as? GraphError)?.description, "Add \"op\": shapes [2, 3] and [4, 3] cannot be broadcast together")
        }
        XCTAssertThrowsError(try infer("Warp", [t("a", [2])])) { error in
            XCTAssertEqual(error as? GraphError, .unsupportedOperator(operator: "op", type: "Warp"))
        }
        XCTAssertThrowsError(try infer("Reshape", [t("a", [2, 3]), t("s", [1], .activation)])) { error in
            XCTAssertTrue("\(error)".contains("must be a constant known at load time"))
        }
    }

    func testWorkFigures() throws {
        let x = t("x", [1, 16, 8, 8])
        let w = t("w", [32, 16, 3, 3], .constant)
        let y = t("y", [1, 32, 8, 8])
        let conv = Operator(name: "c", type: "Conv", attributes: ["pads": .ints([1, 1, 1, 1])], inputs: ["x", "w"], outputs: ["y"])
        let work = try WorkFigures.work(of: conv, inputs: [x, w], outputs: [y])
        XCTAssertEqual(work.macs, 32 * 8 * 8 * 16 * 9)
        XCTAssertEqual(work.weightBytesRead, 32 * 16 * 9 * 4)
        XCTAssertEqual(work.activationBytesRead, 16 * 64 * 4)
        XCTAssertEqual(work.bytesWritten, 32 * 64 * 4)
        let gemm = Operator(name: "g", type: "Gemm", attributes: ["transB": .int(1)], inputs: ["a", "b", "c"], outputs: ["o"])
        let gemmWork = try WorkFigures.work(of: gemm, inputs: [t("a", [1, 512]), t("b", [1000, 512], .constant), t("c", [1000], .constant)],
                                        outputs: [t("o", [1, 1000])])
        XCTAssertEqual(gemmWork.macs, 512_000)
        XCTAssertEqual(gemmWork.flops, 1000)
    }
}
