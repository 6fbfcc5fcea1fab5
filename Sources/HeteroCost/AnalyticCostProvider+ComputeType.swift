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
}
