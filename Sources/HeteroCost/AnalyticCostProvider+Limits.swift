import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// The first of the unit's kernel, stride, dilation and channel limits the operator exceeds,
    /// as a message; `nil` when it is within all of them. The kernel is the `kernel_shape`
    /// attribute, or for convolutions the spatial extent of the weights.
    static func limitViolation(_ context: OperatorContext, _ limits: OperatorLimits) -> String? {
        let op = context.op
        var kernel = op.attributes["kernel_shape"]?.intsValue
        if kernel == nil, op.type == "Conv" || op.type == "ConvTranspose", let weights = context.inputs.count > 1 ? context.inputs[1]?.shape : nil {
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
