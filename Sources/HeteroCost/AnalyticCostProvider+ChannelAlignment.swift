import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// How much more an operator computes and moves on a unit that pads its activations' channels
    /// (`ProcessingUnit.channelAlignment`): each factor is padded / real (1 when nothing is padded).
    struct ChannelPadding: Equatable {
        /// MACs: padded output channels × padded input channels per group of a dense convolution,
        /// padded output channels of a grouped one.
        var macs = 1.0
        /// Vector operations (pooling, element-wise): padded output channels.
        var vector = 1.0
        /// Activation bytes read, each input by its own padding, weighted by its bytes.
        var inputs = 1.0
        /// Weight bytes: as the MACs (the weight sets of the padded channels are zeros).
        var weights = 1.0
        /// Bytes written: padded output channels.
        var outputs = 1.0
        /// Each padded activation tensor's factor (padded / real bytes), by name: the residency
        /// costs' operands (`CostEngine.residencyCost`, fused chains) move these.
        var tensors: [String: Double] = [:]
        /// Each padded activation tensor's padded channel count, by name (the keys of `tensors`):
        /// its buffer in the unit's resident memory holds these channels (`CostTable.storedBytes`).
        var channels: [String: Int] = [:]

        static let none = ChannelPadding()
    }

    /// The padded / real bytes of each activation tensor `unit` pads for the operator (empty when
    /// it pads none), in the data type it computes the operator in.
    static func paddedTensors(_ context: OperatorContext, on unit: ProcessingUnit) -> [String: Double] {
        channelPadding(context, on: unit).tensors
    }

    /// The padded channel count of each activation tensor `unit` pads for the operator (empty
    /// when it pads none), in the data type it computes the operator in.
    static func paddedChannels(_ context: OperatorContext, on unit: ProcessingUnit) -> [String: Int] {
        channelPadding(context, on: unit).channels
    }

    /// The padding `unit` applies to the operator in the data type it computes it in.
    private static func channelPadding(_ context: OperatorContext, on unit: ProcessingUnit) -> ChannelPadding {
        guard unit.channelAlignment != nil, let dataType = computeType(of: context, on: unit) else { return .none }
        return channelPadding(context, on: unit, dataType: dataType)
    }

    /// The padding `unit` applies to the operator (`ChannelPadding.none` for an operator type the
    /// rule does not list, or tensors that are not 4-D, N C H W).
    static func channelPadding(_ context: OperatorContext, on unit: ProcessingUnit, dataType: DataType) -> ChannelPadding {
        let op = context.op
        let type = OperatorSupport.computedOperator[op.type] ?? op.type
        guard let rule = unit.channelAlignment, rule.operators.contains(type),
              let outputChannels = channels(of: context.outputs.first), outputChannels > 0 else { return .none }
        let isConvolution = convolutionWeightInput[op.type] != nil && op.type != "ConvTranspose"
        let grouped = (op.attributes["group"]?.intValue ?? 1) > 1
        let integer = !dataType.rawValue.hasPrefix("float") && dataType != .bfloat16
        let outputFactor = Double(rule.padded(outputChannels)) / Double(outputChannels)

        var padding = ChannelPadding(macs: 1, vector: outputFactor, inputs: 1, weights: 1, outputs: outputFactor)
        if outputFactor != 1, let output = context.outputs.first {
            padding.tensors[output.name] = outputFactor
            padding.channels[output.name] = rule.padded(outputChannels)
        }
        var bytes = 0.0
        var paddedBytes = 0.0
        var convolutionInputFactor = 1.0
        for (position, tensor) in context.inputs.enumerated() {
            guard let tensor, tensor.kind != .constant, let count = channels(of: tensor), count > 0 else { continue }
            let padded = isConvolution && position == 0
                ? rule.paddedConvolutionInput(count, grouped: grouped, integer: integer) : rule.padded(count)
            let factor = Double(padded) / Double(count)
            if isConvolution && position == 0 { convolutionInputFactor = factor }
            if factor != 1 {
                padding.tensors[tensor.name] = factor
                padding.channels[tensor.name] = max(padded, padding.channels[tensor.name] ?? 0)
            }
            let size = Double(tensor.byteSize)
            bytes += size
            paddedBytes += size * factor
        }
        if bytes > 0 { padding.inputs = paddedBytes / bytes }
        if isConvolution {
            // A grouped convolution's groups grow with the channels; each keeps its own inputs.
            padding.macs = grouped ? outputFactor : outputFactor * convolutionInputFactor
            padding.weights = padding.macs
        }
        return padding
    }

    /// The channel count of a 4-D (N, C, H, W) tensor; nil for other ranks or unknown shapes.
    private static func channels(of tensor: Tensor?) -> Int? {
        guard let shape = tensor?.shape, shape.count == 4 else { return nil }
        return shape[1]
    }
}
