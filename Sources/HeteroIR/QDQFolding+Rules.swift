extension QDQFolding {
    /// Which inputs of an operator type must be dequantized for it to run as an integer kernel,
    /// and whether its output must be quantized.
    public struct Rule: Sendable, Hashable {
        /// Input positions that must each come from a DequantizeLinear; `nil` means every input
        /// (variadic Concat).
        public var dequantized: [Int]?
        /// Input positions that may come from a DequantizeLinear (a bias) and otherwise must be
        /// constants.
        public var optionallyDequantized: [Int] = []
        /// True when the output must feed exactly one QuantizeLinear; false when an integer kernel
        /// with a float output exists (ONNX Runtime's QGemm, MatMulIntegerToFloat).
        public var requiresQuantizedOutput: Bool = true
        /// True for operators that only move or select data: their DequantizeLinear and
        /// QuantizeLinear must use the same scale and zero point (the integers pass unchanged).
        public var requiresEqualParameters: Bool = false
        /// The exact number of inputs the operator must have for the rule to apply (nil: any).
        public var inputCount: Int?
    }

    /// ONNX Runtime's QDQ groups for its CPU provider (`qdq_selector_action_transformer.cc`,
    /// `CreateSelectorActionRegistry`): the "drop" rules (data movement, DQ and Q removed), the
    /// unary, binary and variadic rules (replaced by QLinear* kernels), Conv (QLinearConv), MatMul
    /// (QLinearMatMul, or MatMulIntegerToFloat without a Q), Gemm (QGemm, Q optional) and Where;
    /// and a two-input Sum as the binary Add (OpenVINO's reading of Sum).
    public static let rules: [String: Rule] = {
        var rules: [String: Rule] = [:]
        let drop = Rule(dequantized: [0], requiresEqualParameters: true)
        for type in ["Expand", "Flatten", "Gather", "GatherElements", "Reshape", "Slice", "Squeeze", "Tile", "Transpose",
                     "Unsqueeze", "MaxPool", "ReduceMax", "ReduceMin", "Resize"] {
            rules[type] = drop
        }
        for type in ["AveragePool", "LeakyRelu", "GlobalAveragePool", "Sigmoid", "Softmax"] {
            rules[type] = Rule(dequantized: [0])
        }
        rules["Add"] = Rule(dequantized: [0, 1])
        rules["Mul"] = Rule(dequantized: [0, 1])
        // A two-input Sum is an Add: OpenVINO's ONNX frontend imports Sum as a chain of Add
        // (`openvinotoolkit/openvino src/frontends/onnx/frontend/src/op/sum.cpp`), and the Intel NPU
        // compiler fuses DQ -> Add -> Q into one quantized eltwise on the DPU
        // (`openvinotoolkit/npu_plugin src/vpux_compiler/src/dialect/IE/passes/fuse_quantized_ops.cpp`,
        // `FuseWithEltwiseConverter`). ONNX Runtime's own selectors have no Sum rule (its CPU
        // provider runs Sum in float); its quantizer turns the ONNX model zoo's ResNet-50 v1 into
        // DQ -> Sum -> Relu -> Q, which folds here once the Relu is gone (QDQFolding+Relu.swift).
        rules["Sum"] = Rule(dequantized: [0, 1], inputCount: 2)
        rules["Concat"] = Rule(dequantized: nil)
        rules["Conv"] = Rule(dequantized: [0, 1], optionallyDequantized: [2])
        rules["MatMul"] = Rule(dequantized: [0, 1], requiresQuantizedOutput: false)
        rules["Gemm"] = Rule(dequantized: [0, 1], optionallyDequantized: [2], requiresQuantizedOutput: false)
        rules["Where"] = Rule(dequantized: [1, 2])
        return rules
    }()
}
