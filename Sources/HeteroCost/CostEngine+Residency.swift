import HeteroIR
import HeteroPlatform

extension CostEngine {
    /// An operator runs with its activation inputs and outputs resident in the memory its unit
    /// computes from (weights stream from where they are stored). When that memory has a capacity
    /// and the activations alone exceed it, no tiling or spill can make the operator fit there:
    /// the unit cannot run it, whatever a provider answered.
    static func residencyViolation(_ context: OperatorContext, on unit: ProcessingUnit, platform: Platform) -> String? {
        guard let memory = platform.memory(named: unit.memory), let capacity = memory.capacityBytes else { return nil }
        var bytes = 0
        var counted = Set<String>()
        for tensor in context.inputs.compactMap({ $0 }) + context.outputs
        where tensor.kind != .constant && counted.insert(tensor.name).inserted {
            bytes += tensor.byteSize
        }
        guard bytes > capacity else { return nil }
        return "its activations (\(bytes) bytes in and out) exceed \(memory.name) (\(capacity) bytes), the memory \(unit.name) computes from"
    }
}
