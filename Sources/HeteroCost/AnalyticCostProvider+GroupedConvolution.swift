import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// How a grouped convolution uses `unit`'s MAC array (`ProcessingUnit.groupedConvolution`): the
    /// fraction of the array it keeps busy and the factor on the weight bytes it streams; (1, 1)
    /// for any other operator, an ungrouped convolution, a unit without the field or a rule limited
    /// to other data types (`GroupedConvolution.applies(to:)`). The fraction
    /// multiplies the operator's `efficiency` in the compute time; a grouped convolution's measured
    /// efficiency (`GroupedConvolution.efficiency`) replaces that one, so it is folded in here.
    static func grouping(_ context: OperatorContext, on unit: ProcessingUnit, efficiency: Double,
                         dataType: DataType) -> (utilisation: Double, weightFactor: Double) {
        // A ConvTranspose's weights are [input channels, output channels per group, ...]: not this rule's.
        guard let mode = unit.groupedConvolution, mode.applies(to: dataType), context.op.type != "ConvTranspose", let weightInput = convolutionWeightInput[context.op.type],
              let groups = context.op.attributes["group"]?.intValue, groups > 1,
              weightInput < context.inputs.count, let weights = context.inputs[weightInput],
              let shape = weights.shape, shape.count >= 2 else { return (1, 1) }
        let measured = mode.efficiency.map { efficiency > 0 ? $0 / efficiency : 1 } ?? 1
        return (mode.utilisation(groups: groups, channelsPerGroup: shape[1]) * measured, mode.weightFactor(groups: groups))
    }
}
