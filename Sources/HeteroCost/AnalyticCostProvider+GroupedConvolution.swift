import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// How a grouped convolution uses `unit`'s MAC array (`ProcessingUnit.groupedConvolution`): the
    /// fraction of the array it keeps busy and the factor on the weight bytes it streams; (1, 1)
    /// for any other operator, an ungrouped convolution or a unit without the field.
    static func grouping(_ context: OperatorContext, on unit: ProcessingUnit) -> (utilisation: Double, weightFactor: Double) {
        // A ConvTranspose's weights are [input channels, output channels per group, ...]: not this rule's.
        guard let mode = unit.groupedConvolution, context.op.type != "ConvTranspose", let weightInput = convolutionWeightInput[context.op.type],
              let groups = context.op.attributes["group"]?.intValue, groups > 1,
              weightInput < context.inputs.count, let weights = context.inputs[weightInput],
              let shape = weights.shape, shape.count >= 2 else { return (1, 1) }
        return (mode.utilisation(groups: groups, channelsPerGroup: shape[1]), mode.weightFactor(groups: groups))
    }
}
