extension OperatorSupport {
    /// ONNX Runtime kernels that compute a standard operator in another form — quantized
    /// (QOperator, *Integer), fused with an activation, or with block-quantized weights — mapped
    /// to that operator. A unit that lists the operator runs the kernel under that entry (its data
    /// types, efficiency and limits), as the NPU toolchains import them: OpenVINO's ONNX frontend
    /// turns QLinearConv into a quantized Convolution and MatMulNBits into a MatMul on compressed
    /// weights, QNN's converter maps QLinearConv and QGemm to its quantized Conv2d and
    /// FullyConnected. Whether the unit can run it in the kernel's type is still the entry's
    /// `data_types` (a QLinearConv is int8; MatMulNBits int8 at accuracy level 4). NhwcConv is not
    /// mapped: its channels-last layout is the CPU kernel's own. The NCHWc layout changes
    /// (ReorderInput, ReorderOutput of `com.microsoft.nchwc`) are blocked transposes, data
    /// movement without arithmetic, and run under a unit's Transpose entry; the NCHWc Conv and
    /// pools keep their default-domain type names and so their entries.
    public static let computedOperator: [String: String] = [
        "QLinearConv": "Conv", "ConvInteger": "Conv", "FusedConv": "Conv",
        "QLinearMatMul": "MatMul", "MatMulInteger": "MatMul", "FusedMatMul": "MatMul", "MatMulNBits": "MatMul",
        "MatMulIntegerToFloat": "MatMul", "DynamicQuantizeMatMul": "MatMul",
        "QGemm": "Gemm", "FusedGemm": "Gemm",
        "QLinearAdd": "Add", "QLinearMul": "Mul", "QLinearConcat": "Concat", "QLinearAveragePool": "AveragePool",
        "QLinearGlobalAveragePool": "GlobalAveragePool", "QLinearSoftmax": "Softmax", "QLinearSigmoid": "Sigmoid",
        "QLinearLeakyRelu": "LeakyRelu",
        "ReorderInput": "Transpose", "ReorderOutput": "Transpose",
    ]
}
