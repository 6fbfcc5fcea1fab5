import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// The weights' input position in each convolution form: 3 in QLinearConv, 1 in the others.
    static let convolutionWeightInput: [String: Int] = ["Conv": 1, "ConvTranspose": 1, "ConvInteger": 1, "FusedConv": 1, "QLinearConv": 3]

    /// The first of the unit's kernel, stride, dilation and channel limits the operator exceeds,
    /// as a message; `nil` when it is within all of them. The kernel is the `kernel_shape`
    /// attribute, or for convolutions (and their quantized and fused forms) the spatial extent of
    /// the weights.
    static func limitViolation(_ context: OperatorContext, _ limits: OperatorLimits) -> String? {
        let op = context.op
        var kernel = op.attributes["kernel_shape"]?.intsValue
        let weightIndex = convolutionWeightInput[op.type]
        if kernel == nil, let weightIndex, let weights = context.inputs.count > weightIndex ? context.inputs[weightIndex]?.shape : nil {
            kernel = Array(weights.dropFirst(2))
        }
        if let maximum = limits.maxKernel, let kernel, let largest = kernel.max(), largest > maximum {
            return "kernel \(kernel.map(String.init).joined(separator: "x")) exceeds the maximum \(maximum)"
        }
        if let maximum = limits.maxStride, let strides = op.attributes["strides"]?.intsValue, let largest = strides.max(), largest > maximum {
            return "stride \(largest) exceeds the maximum \(maximum)"
        }
        if let maximum = limits.maxDilation, let dilations = op.attributes["dilations"]?.intsValue, let largest = dilations.max(), largest > maximum {
            return "dilation \(largest) exceeds the maximum \(maximum)"
        }
        if let maximum = limits.maxChannels {
            let channels = (context.inputs.first??.shape?.dropFirst().first).map { [$0] } ?? []
            let outputs = (context.outputs.first?.shape?.dropFirst().first).map { [$0] } ?? []
            if let largest = (channels + outputs).max(), largest > maximum {
                return "\(largest) channels exceed the maximum \(maximum)"
            }
        }
        return nil
    }
}
