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
    }

    /// ONNX Runtime's QDQ groups for its CPU provider (`qdq_selector_action_transformer.cc`,
    /// `CreateSelectorActionRegistry`): the "drop" rules (data movement, DQ and Q removed), the
    /// unary, binary and variadic rules (replaced by QLinear* kernels), Conv (QLinearConv), MatMul
    /// (QLinearMatMul, or MatMulIntegerToFloat without a Q), Gemm (QGemm, Q optional) and Where.
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
        rules["Concat"] = Rule(dequantized: nil)
        rules["Conv"] = Rule(dequantized: [0, 1], optionallyDequantized: [2])
        rules["MatMul"] = Rule(dequantized: [0, 1], requiresQuantizedOutput: false)
        rules["Gemm"] = Rule(dequantized: [0, 1], optionallyDequantized: [2], requiresQuantizedOutput: false)
        rules["Where"] = Rule(dequantized: [1, 2])
        return rules
    }()
}
