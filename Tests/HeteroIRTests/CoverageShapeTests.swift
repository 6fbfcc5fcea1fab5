import HeteroIR
import XCTest

/// Shape rules and work figures added for real-world ONNX coverage (issue 12), checked against
/// hand-computed shapes, element types and MACs.
final class CoverageShapeTests: XCTestCase {
    func t(_ name: String, _ shape: [Int], _ kind: TensorKind = .activation, ints: [Int]? = nil, floats: [Double]? = nil,
           type: ElementType = .float32) -> Tensor {
        Tensor(name: name, shape: shape, elementType: type, kind: kind, intValues: ints, floatValues: floats)
    }

    func op(_ type: String, _ inputs: [Tensor?], outputs: Int = 1, _ attributes: [String: AttributeValue] = [:]) -> Operator {
        Operator(name: "op", type: type, attributes: attributes, inputs: inputs.map { $0?.name ?? "" },
                 outputs: (0..<outputs).map { "o\($0)" })
    }

    func infer(_ type: String, _ inputs: [Tensor?], outputs: Int = 1, _ attributes: [String: AttributeValue] = [:]) throws -> [InferredTensor] {
        try ShapeInference.infer(op(type, inputs, outputs: outputs, attributes), inputs: inputs)
    }

    func shapes(_ type: String, _ inputs: [Tensor?], outputs: Int = 1, _ attributes: [String: AttributeValue] = [:]) throws -> [[Int]] {
        try infer(type, inputs, outputs: outputs, attributes).map(\.shape)
    }

    /// Work of `type` with outputs as inferred.
    func work(_ type: String, _ inputs: [Tensor?], outputs: Int = 1, _ attributes: [String: AttributeValue] = [:]) throws -> Work {
        let node = op(type, inputs, outputs: outputs, attributes)
        let inferred = try ShapeInference.infer(node, inputs: inputs)
        let tensors = inferred.enumerated().map { t("o\($0.offset)", $0.element.shape, type: $0.element.elementType) }
        return try WorkFigures.work(of: node, inputs: inputs, outputs: tensors)
    }

    func testConvTransposeSamePaddingGivesInputTimesStride() throws {
        let x = t("x", [1, 1, 3, 3])
        let w = t("w", [1, 2, 3, 3], .constant)
        XCTAssertEqual(try shapes("ConvTranspose", [x, w], ["auto_pad": .string("SAME_UPPER"), "strides": .ints([2, 2])]), [[1, 2, 6, 6]])
        XCTAssertEqual(try shapes("ConvTranspose", [x, w], ["auto_pad": .string("SAME_LOWER"), "strides": .ints([2, 2])]), [[1, 2, 6, 6]])
        XCTAssertEqual(try shapes("ConvTranspose", [x, w], ["auto_pad": .string("VALID"), "strides": .ints([2, 2]), "pads": .ints([1, 1, 1, 1])]), [[1, 2, 7, 7]])
        XCTAssertEqual(try shapes("ConvTranspose", [x, w], ["strides": .ints([2, 2])]), [[1, 2, 7, 7]])
    }

    func testRecurrentShapesAndMACs() throws {
        // 5 steps, batch 2, input 10, hidden 16, bidirectional LSTM: 4 gates.
        let x = t("x", [5, 2, 10])
        let w = t("w", [2, 64, 10], .constant)
        let r = t("r", [2, 64, 16], .constant)
        let lstm: [String: AttributeValue] = ["hidden_size": .int(16), "direction": .string("bidirectional")]
        XCTAssertEqual(try shapes("LSTM", [x, w, r], outputs: 3, lstm), [[5, 2, 2, 16], [2, 2, 16], [2, 2, 16]])
        XCTAssertEqual(try work("LSTM", [x, w, r], outputs: 3, lstm).macs, 5 * 2 * 2 * 64 * (10 + 16))
        // GRU batch-first (layout 1): 3 gates, one direction.
        let gru = try shapes("GRU", [t("x", [2, 5, 10]), t("w", [1, 48, 10], .constant), t("r", [1, 48, 16], .constant)], outputs: 2,
                             ["hidden_size": .int(16), "layout": .int(1)])
        XCTAssertEqual(gru, [[2, 5, 1, 16], [2, 1, 16]])
        XCTAssertEqual(try shapes("RNN", [x, t("w", [1, 16, 10], .constant), t("r", [1, 16, 16], .constant)], outputs: 2), [[5, 1, 2, 16], [1, 2, 16]])
        // ONNX Runtime's DynamicQuantizeLSTM: int8 W [2, 10, 64] and R [2, 16, 64], transposed layout.
        let quantized: [Tensor?] = [x, t("qw", [2, 10, 64], .constant, type: .int8), t("qr", [2, 16, 64], .constant, type: .int8)]
        let contrib: [String: AttributeValue] = ["hidden_size": .int(16), "direction": .string("bidirectional"), "domain": .string("com.microsoft")]
        XCTAssertEqual(try shapes("DynamicQuantizeLSTM", quantized, outputs: 3, contrib), [[5, 2, 2, 16], [2, 2, 16], [2, 2, 16]])
        XCTAssertEqual(try work("DynamicQuantizeLSTM", quantized, outputs: 3, contrib).macs, 5 * 2 * 2 * 64 * (10 + 16))
        XCTAssertThrowsError(try shapes("LSTM", [x, t("w", [1, 60, 10], .constant), r], outputs: 3)) { error in
            XCTAssertTrue("\(error)".contains("do not match"), "\(error)")
        }
    }

    func testAttentionShapesAndMACs() throws {
        // 4-D: B 1, 8 heads, S 4, head 64, past 6: present 10.
        let q = t("q", [1, 8, 4, 64])
        let k = t("k", [1, 2, 4, 64])
        let v = t("v", [1, 2, 4, 32])
        let inputs: [Tensor?] = [q, k, v, nil, t("pk", [1, 2, 6, 64]), t("pv", [1, 2, 6, 32])]
        XCTAssertEqual(try shapes("Attention", inputs, outputs: 3), [[1, 8, 4, 32], [1, 2, 10, 64], [1, 2, 10, 32]])
        // Scores 8·4·10·64 + weighted sum 8·4·10·32 MACs.
        XCTAssertEqual(try work("Attention", inputs, outputs: 3).macs, 8 * 4 * 10 * 64 + 8 * 4 * 10 * 32)
        // 3-D with head counts: hidden 512 = 8 heads of 64, kv 2 heads.
        let flat = try shapes("Attention", [t("q", [2, 4, 512]), t("k", [2, 4, 128]), t("v", [2, 4, 128])], outputs: 2,
                              ["q_num_heads": .int(8), "kv_num_heads": .int(2)])
        XCTAssertEqual(flat, [[2, 4, 512], [2, 2, 4, 64]])
        // An empty KV cache (prefill, past length 0) is a valid input.
        XCTAssertEqual(try shapes("Attention", [q, k, v, nil, t("pk", [1, 2, 0, 64]), t("pv", [1, 2, 0, 32])], outputs: 2), [[1, 8, 4, 32], [1, 2, 4, 64]])
        XCTAssertEqual(try shapes("RotaryEmbedding", [q, t("c", [4, 32]), t("s", [4, 32])]), [[1, 8, 4, 64]])
    }

    func testContribOperatorsUseTheirDomain() throws {
        let ms: AttributeValue = .string("com.microsoft")
        let packed = try shapes("Attention", [t("x", [2, 7, 768]), t("w", [768, 2304], .constant), t("b", [2304], .constant)], outputs: 2,
                                ["num_heads": .int(12), "domain": ms])
        XCTAssertEqual(packed, [[2, 7, 768], [2, 2, 12, 7, 64]])
        XCTAssertEqual(try work("Attention", [t("x", [2, 7, 768]), t("w", [768, 2304], .constant)], ["num_heads": .int(12), "domain": ms]).macs,
                       2 * 7 * 768 * 2304 + 7 * (2 * 7 * 768 * 2))
        XCTAssertEqual(try shapes("FusedMatMul", [t("a", [3, 16, 8]), t("b", [3, 32, 16])], ["transA": .int(1), "transB": .int(1), "domain": ms]), [[3, 8, 32]])
        XCTAssertEqual(try shapes("SkipLayerNormalization", [t("x", [2, 7, 64]), t("s", [2, 7, 64]), t("g", [64], .constant)], outputs: 4, ["domain": ms]),
                       [[2, 7, 64], [2, 7, 1], [2, 7, 1], [2, 7, 64]])
        XCTAssertEqual(try shapes("FastGelu", [t("x", [2, 7, 64]), t("b", [64], .constant)], ["domain": ms]), [[2, 7, 64]])
        XCTAssertThrowsError(try shapes("Frobnicate", [t("x", [1])], ["domain": ms])) { error in
            XCTAssertEqual(error as? GraphError, .unsupportedDomainOperator(operator: "op", type: "Frobnicate", domain: "com.microsoft"))
            XCTAssertTrue("\(error)".contains("\"com.microsoft\""))
        }
    }

    func testQuantizedOperators() throws {
        let x = t("x", [1, 16, 8, 8])
        let scale = t("s", [], .constant)
        let zeroPoint = t("z", [], .constant, ints: [0], type: .int8)
        let q = try infer("QuantizeLinear", [x, scale, zeroPoint])
        XCTAssertEqual(q.map(\.shape), [[1, 16, 8, 8]])
        XCTAssertEqual(q.map(\.elementType), [.int8])
        XCTAssertEqual(try infer("QuantizeLinear", [x, scale]).map(\.elementType), [.uint8])
        XCTAssertEqual(try infer("DequantizeLinear", [t("q", [4], type: .int8), scale, zeroPoint]).map(\.elementType), [.float32])
        let qx = t("qx", [1, 16, 8, 8], type: .uint8)
        let qw = t("qw", [32, 16, 3, 3], .constant, type: .int8)
        let outZero = t("yz", [], .constant, ints: [0], type: .uint8)
        let conv = [qx, scale, zeroPoint, qw, scale, zeroPoint, scale, outZero]
        let qconv = try infer("QLinearConv", conv, ["pads": .ints([1, 1, 1, 1])])
        XCTAssertEqual(qconv.map(\.shape), [[1, 32, 8, 8]])
        XCTAssertEqual(qconv.map(\.elementType), [.uint8])
        XCTAssertEqual(try work("QLinearConv", conv, ["pads": .ints([1, 1, 1, 1])]).macs, 32 * 64 * 16 * 9)
        let matmul = try infer("MatMulInteger", [t("a", [4, 8], type: .uint8), t("b", [8, 3], .constant, type: .int8)])
        XCTAssertEqual(matmul.map(\.shape), [[4, 3]])
        XCTAssertEqual(matmul.map(\.elementType), [.int32])
        XCTAssertEqual(try work("QLinearMatMul", [t("a", [4, 8], type: .uint8), scale, zeroPoint, t("b", [8, 3], .constant, type: .int8), scale, zeroPoint, scale, outZero]).macs, 4 * 3 * 8)
    }

    func testIndexingAndGeneratingOperators() throws {
        let x = t("x", [2, 3, 4])
        XCTAssertEqual(try shapes("Tile", [x, t("r", [3], .constant, ints: [2, 1, 3])]), [[4, 3, 12]])
        let range = try infer("Range", [t("a", [], .constant, ints: [1]), t("b", [], .constant, ints: [10]), t("d", [], .constant, ints: [3])])
        XCTAssertEqual(range.first?.shape, [3])
        XCTAssertEqual(range.first?.intValues, [1, 4, 7])
        XCTAssertEqual(try shapes("Range", [t("a", [], .constant, floats: [0]), t("b", [], .constant, floats: [1]), t("d", [], .constant, floats: [0.3])]), [[4]])
        let topK = try infer("TopK", [x, t("k", [1], .constant, ints: [2])], outputs: 2, ["axis": .int(1)])
        XCTAssertEqual(topK.map(\.shape), [[2, 2, 4], [2, 2, 4]])
        XCTAssertEqual(topK.map(\.elementType), [.float32, .int64])
        XCTAssertEqual(try infer("ArgMax", [x], ["axis": .int(-1), "keepdims": .int(0)]).map(\.shape), [[2, 3]])
        XCTAssertEqual(try shapes("GatherElements", [x, t("i", [2, 1, 4], type: .int64)]), [[2, 1, 4]])
        XCTAssertEqual(try shapes("GatherND", [x, t("i", [2, 1], type: .int64)], ["batch_dims": .int(1)]), [[2, 4]])
        XCTAssertEqual(try shapes("ScatterND", [x, t("i", [1, 1], type: .int64), t("u", [1, 3, 4])]), [[2, 3, 4]])
        XCTAssertEqual(try shapes("OneHot", [t("i", [5], type: .int64), t("d", [], .constant, ints: [10]), t("v", [2])], ["axis": .int(0)]), [[10, 5]])
        XCTAssertEqual(try infer("Size", [x]).first?.intValues, [24])
        XCTAssertEqual(try shapes("Einsum", [t("a", [5, 2, 3]), t("b", [5, 3, 4])], ["equation": .string("bij,bjk->bik")]), [[5, 2, 4]])
        XCTAssertEqual(try shapes("Einsum", [t("a", [3, 4]), t("b", [4, 5])], ["equation": .string("ij,jk")]), [[3, 5]])
        XCTAssertEqual(try work("Einsum", [t("a", [5, 2, 3]), t("b", [5, 3, 4])], ["equation": .string("bij,bjk->bik")]).macs, 5 * 2 * 3 * 4)
        XCTAssertEqual(try shapes("Einsum", [t("a", [2, 3, 3])], ["equation": .string("...ii->...i")]), [[2, 3]])
        XCTAssertEqual(try infer("GreaterOrEqual", [x, t("y", [4])]).map(\.elementType), [.bool])
        XCTAssertEqual(try infer("IsNaN", [x]).map(\.elementType), [.bool])
        XCTAssertEqual(try infer("CastLike", [x, t("l", [1], type: .float16)]).map(\.elementType), [.float16])
        XCTAssertEqual(try shapes("ReduceLogSumExp", [x, t("a", [1], .constant, ints: [1])], ["keepdims": .int(0)]), [[2, 4]])
    }

    /// Data-dependent sizes: exact when the values are known, otherwise the largest the operator allows.
    func testDataDependentOperatorsAreBoundedAbove() throws {
        XCTAssertEqual(try shapes("NonZero", [t("x", [3, 4])]), [[2, 12]])
        XCTAssertEqual(try shapes("NonZero", [t("x", [2, 2], .constant, ints: [1, 0, 0, 3], type: .int64)]), [[2, 2]])
        let nms = [t("b", [1, 100, 4]), t("s", [1, 3, 100]), t("m", [1], .constant, ints: [10], type: .int64)]
        XCTAssertEqual(try shapes("NonMaxSuppression", nms), [[30, 3]])
        XCTAssertEqual(try shapes("NonMaxSuppression", [nms[0], nms[1]]), [[0, 3]])
        XCTAssertEqual(try shapes("Compress", [t("x", [3, 2]), t("c", [3], .constant, ints: [0, 1, 1], type: .bool)], ["axis": .int(0)]), [[2, 2]])
        XCTAssertEqual(try shapes("Compress", [t("x", [3, 2]), t("c", [3], type: .bool)], ["axis": .int(0)]), [[3, 2]])
    }

    func testSpatialOperators() throws {
        let x = t("x", [1, 16, 4, 6])
        XCTAssertEqual(try shapes("DepthToSpace", [x], ["blocksize": .int(2)]), [[1, 4, 8, 12]])
        XCTAssertEqual(try shapes("SpaceToDepth", [x], ["blocksize": .int(2)]), [[1, 64, 2, 3]])
        XCTAssertEqual(try shapes("GridSample", [x, t("g", [1, 5, 7, 2])]), [[1, 16, 5, 7]])
        XCTAssertEqual(try shapes("RoiAlign", [x, t("r", [9, 4]), t("i", [9], type: .int64)], ["output_height": .int(7), "output_width": .int(7)]), [[9, 16, 7, 7]])
        XCTAssertEqual(try shapes("MaxUnpool", [t("p", [1, 16, 2, 3]), t("i", [1, 16, 2, 3], type: .int64)], ["kernel_shape": .ints([2, 2]), "strides": .ints([2, 2])]), [[1, 16, 4, 6]])
        XCTAssertEqual(try shapes("GroupNormalization", [x, t("s", [4], .constant), t("b", [4], .constant)], ["num_groups": .int(4)]), [[1, 16, 4, 6]])
        XCTAssertEqual(try shapes("Resize", [x, nil, nil, t("z", [2], .constant, ints: [8, 12])], ["axes": .ints([2, 3])]), [[1, 16, 8, 12]])
        XCTAssertEqual(try shapes("Resize", [x, nil, nil, t("z", [2], .constant, ints: [8, 8])], ["axes": .ints([2, 3]), "keep_aspect_ratio_policy": .string("not_larger")]), [[1, 16, 5, 8]])
    }

    func testEmptyTensorsHaveZeroWork() throws {
        let x = t("x", [1, 8, 0, 64])
        XCTAssertEqual(try shapes("Concat", [x, t("n", [1, 8, 4, 64])], ["axis": .int(2)]), [[1, 8, 4, 64]])
        let empty = try work("MatMul", [x, t("w", [64, 32], .constant)])
        XCTAssertEqual(empty.macs, 0)
        XCTAssertEqual(empty.bytesWritten, 0)
        XCTAssertEqual(empty.activationBytesRead, 0)
    }

    func testSizesBeyondTheLimitAreErrorsNotTraps() throws {
        let huge = 1 << 62
        XCTAssertThrowsError(try shapes("Relu", [t("x", [huge, 4])])) { error in
            XCTAssertTrue("\(error)".contains("exceeds 2^53"), "\(error)")
        }
        XCTAssertThrowsError(try shapes("Tile", [t("x", [1 << 40]), t("r", [1], .constant, ints: [Int.max])])) { error in
            XCTAssertTrue("\(error)".contains("overflows"), "\(error)")
        }
        // Each tensor fits but the MACs do not: 2^26 x 2^26 x 2^26.
        let big = 1 << 26
        let node = op("MatMul", [t("a", [big, big]), t("b", [big, big])])
        XCTAssertThrowsError(try WorkFigures.work(of: node, inputs: [t("a", [big, big]), t("b", [big, big])], outputs: [t("o", [big, big])])) { error in
            XCTAssertEqual(error as? GraphError, .sizeOverflow(what: "the work of MatMul \"op\""))
        }
        XCTAssertNil(SizeLimit.product([huge, huge]))
        XCTAssertEqual(SizeLimit.product([0, huge]), 0)
        XCTAssertNil(ElementType.float32.checkedBytes(forElements: Int.max))
        XCTAssertEqual(ElementType.int4.checkedBytes(forElements: 3), 2)
    }
}

/// Operators of recent opsets: signal processing, generators, Det, Col2Im, DeformConv, SwiGLU,
/// stateful convolution and linear attention; casts of known values to bool.
extension CoverageShapeTests {
    func testSignalOperators() throws {
        let signal = t("s", [1, 128, 1])
        let step = t("step", [], .constant, ints: [16], type: .int64)
        let length = t("len", [], .constant, ints: [32], type: .int64)
        XCTAssertEqual(try shapes("STFT", [signal, step, nil, length]), [[1, 7, 17, 2]])
        XCTAssertEqual(try shapes("DFT", [signal, nil, t("axis", [], .constant, ints: [1], type: .int64)], ["onesided": .int(1)]), [[1, 65, 2]])
        // The inverse of a one-sided spectrum [1, 6, 10, 2] is a real signal of 2·(6 − 1) samples.
        XCTAssertEqual(try shapes("DFT", [t("f", [1, 6, 10, 2]), nil, t("axis", [], .constant, ints: [1], type: .int64)],
                                  ["onesided": .int(1), "inverse": .int(1)]), [[1, 10, 10, 1]])
        XCTAssertEqual(try shapes("HannWindow", [t("n", [], .constant, ints: [10], type: .int64)]), [[10]])
        let mel = [t("b", [], .constant, ints: [8]), t("d", [], .constant, ints: [64]), t("r", [], .constant, ints: [16000]),
                   t("lo", [], .constant), t("hi", [], .constant)]
        XCTAssertEqual(try shapes("MelWeightMatrix", mel), [[33, 8]])
    }

    func testRemainingRecentOperators() throws {
        XCTAssertEqual(try shapes("Det", [t("m", [4, 3, 3])]), [[4]])
        XCTAssertEqual(try infer("BitCast", [t("x", [2, 3])], ["to": .int(6)]).map(\.elementType), [.int32])
        XCTAssertEqual(try shapes("Col2Im", [t("x", [1, 12, 9]), t("i", [2], .constant, ints: [5, 5]), t("b", [2], .constant, ints: [2, 2])]), [[1, 3, 5, 5]])
        let deform = [t("x", [1, 4, 8, 8]), t("w", [6, 4, 3, 3], .constant), t("o", [1, 18, 6, 6])]
        XCTAssertEqual(try shapes("DeformConv", deform), [[1, 6, 6, 6]])
        XCTAssertEqual(try work("DeformConv", deform).macs, 6 * 36 * 4 * 9)
        XCTAssertEqual(try shapes("SwiGLU", [t("a", [2, 8]), t("b", [2, 8])]), [[2, 8]])
        let conv = try shapes("CausalConvWithState", [t("x", [1, 16, 10]), t("w", [16, 1, 4], .constant)], outputs: 2)
        XCTAssertEqual(conv, [[1, 16, 10], [1, 16, 3]])
        let linear = [t("q", [1, 5, 64]), t("k", [1, 5, 32]), t("v", [1, 5, 32])]
        let attributes: [String: AttributeValue] = ["q_num_heads": .int(4), "kv_num_heads": .int(2)]
        XCTAssertEqual(try shapes("LinearAttention", linear, outputs: 2, attributes), [[1, 5, 64], [1, 2, 16, 16]])
        XCTAssertEqual(try work("LinearAttention", linear, outputs: 2, attributes).macs, 5 * 4 * 16 * 16 * 2)
        let flag = try infer("Cast", [t("n", [1], .constant, ints: [2], type: .int64)], ["to": .int(9)])
        XCTAssertEqual(flag.first?.intValues, [1])
    }
}
