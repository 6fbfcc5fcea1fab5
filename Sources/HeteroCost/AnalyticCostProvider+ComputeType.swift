import HeteroIR
import HeteroPlatform

extension AnalyticCostProvider {
    /// The data type `unit` computes `op` in.
    ///
    /// A quantized operator (`Operator.quantizedType`, set by `QDQFolding`) runs as an integer
    /// kernel on a unit that accepts its type for the operator and has MAC or vector throughput
    /// for it (an NPU's int8 MAC array, a CPU's VNNI); its tensors are already that type, so
    /// no bytes are scaled. Elsewhere the unit converts it to its `computeType` as it converts
    /// float tensors (a float16 DSP dequantizes int8), and a unit with no compute type computes
    /// in the graph's type, which refuses the operator when the unit does not accept that type.
    static func computeType(of op: Operator, graphType: DataType, on unit: ProcessingUnit,
                            support: OperatorSupport) -> DataType {
        if let quantized = op.quantizedType.flatMap({ DataType(rawValue: $0.rawValue) }), support.accepts(quantized),
           unit.macsPerCycle[quantized] != nil || unit.vectorOpsPerCycle[quantized] != nil {
            return quantized
        }
        return unit.computeType ?? graphType
    }

    /// The element type an operator computes on before the unit's conversion: its quantized type
    /// (a folded QDQ group) or its first input's type.
    static func graphElementType(_ context: OperatorContext) -> ElementType {
        context.op.quantizedType ?? context.inputs.compactMap { $0 }.first?.elementType ?? .float32
    }

    /// The data type `unit` computes the operator in, or nil when it has no entry for it or the
    /// element type has no platform data type (the cost itself reports why).
    static func computeType(of context: OperatorContext, on unit: ProcessingUnit) -> DataType? {
        guard let support = unit.support(for: context.op.type),
              let graphType = DataType(rawValue: graphElementType(context).rawValue) else { return nil }
        return computeType(of: context.op, graphType: graphType, on: unit, support: support)
    }
}
