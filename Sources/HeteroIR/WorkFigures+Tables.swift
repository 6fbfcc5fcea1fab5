extension WorkFigures {
    /// Arithmetic ops per output element for element-wise and normalisation operators.
    static let opsPerElement: [String: Int] = [
        "Relu": 1, "LeakyRelu": 2, "PRelu": 2, "Elu": 4, "Selu": 5, "Celu": 5, "Gelu": 8, "Sigmoid": 4,
        "HardSigmoid": 3, "HardSwish": 4, "Tanh": 5, "Softplus": 4, "Softsign": 3, "Mish": 9, "Swish": 5,
        "Exp": 2, "Log": 2, "Sqrt": 2, "Reciprocal": 1, "Neg": 1, "Abs": 1, "Erf": 8, "Floor": 1, "Ceil": 1,
        "Round": 1, "Sin": 4, "Cos": 4, "Tan": 5, "Asin": 6, "Acos": 6, "Atan": 6, "Sinh": 5, "Cosh": 5,
        "Asinh": 6, "Acosh": 6, "Atanh": 6, "Sign": 1, "Clip": 2, "ThresholdedRelu": 1, "Shrink": 2,
        "IsNaN": 1, "IsInf": 1, "Not": 1, "BitwiseNot": 1,
        "Add": 1, "Sub": 1, "Mul": 1, "Div": 1, "Pow": 4, "Max": 1, "Min": 1, "Equal": 1, "Less": 1, "Greater": 1,
        "LessOrEqual": 1, "GreaterOrEqual": 1, "And": 1, "Or": 1, "Xor": 1, "Mod": 2, "BitShift": 1,
        "BitwiseAnd": 1, "BitwiseOr": 1, "BitwiseXor": 1, "Where": 1, "Mean": 1,
        "BatchNormalization": 2, "InstanceNormalization": 5, "LayerNormalization": 8, "GroupNormalization": 8,
        "RMSNormalization": 5, "SimplifiedLayerNormalization": 5, "SkipLayerNormalization": 9,
        "SkipSimplifiedLayerNormalization": 6, "LpNormalization": 4, "MeanVarianceNormalization": 6,
        "Softmax": 5, "LogSoftmax": 5, "Hardmax": 2, "Resize": 4, "Upsample": 4, "GridSample": 8,
        "QuantizeLinear": 3, "DequantizeLinear": 2, "DynamicQuantizeLinear": 5, "QLinearAdd": 5, "QLinearMul": 5,
        "QLinearSigmoid": 8, "QLinearLeakyRelu": 6, "QLinearAveragePool": 4, "QLinearGlobalAveragePool": 4,
        "FastGelu": 8, "BiasGelu": 9, "QuickGelu": 5, "BiasAdd": 2,
        "EmbedLayerNormalization": 10, "QLinearSoftmax": 8, "QLinearConcat": 2,
        "CumSum": 1, "CumProd": 1, "Trilu": 1, "SwiGLU": 6, "Bernoulli": 2, "RandomUniformLike": 2, "RandomNormalLike": 4,
    ]

    /// Operators that do one operation per element of their first input (reductions, global pooling).
    static let readsWholeInput: Set<String> = [
        "GlobalAveragePool", "GlobalMaxPool", "GlobalLpPool", "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin",
        "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare", "ArgMax", "ArgMin", "TopK",
    ]
}
