import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// The weight input of each convolution type whose `group` attribute groups input channels.
    static let groupedConvolutionWeightInput: [String: Int] = ["Conv": 1, "ConvInteger": 1, "FusedConv": 1, "QLinearConv": 3]

    /// How a grouped convolution uses `unit`'s MAC array (`ProcessingUnit.groupedConvolution`): the
    /// fraction of the array it keeps busy and the factor on the weight bytes it streams; (1, 1)
    /// for any other operator, an ungrouped convolution or a unit without the field.
    static func grouping(_ context: OperatorContext, on unit: ProcessingUnit) -> (utilisation: Double, weightFactor: Double) {
        guard let mode = unit.groupedConvolution, let weightInput = groupedConvolutionWeightInput[context.op.type],
              let groups = context.op.attributes["group"]?.intValue, groups > 1,
              weightInput < context.inputs.count, let weights = context.inputs[weightInput],
              let shape = weights.shape, shape.count >= 2 else { return (1, 1) }
        return (mode.utilisation(groups: groups, channelsPerGroup: shape[1]), mode.weightFactor(groups: groups))
    }
}
