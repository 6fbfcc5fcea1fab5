import HeteroIR
import HeteroPlatform

extension CostEngine {
    /// An operator runs with its activation inputs and outputs resident in the memory its unit
    /// computes from (weights stream from where they are stored). When that memory has a capacity
    /// and the activations alone exceed it, no tiling or spill can make the operator fit there:
    /// the unit cannot run it, whatever a provider answered.
    /// `bytes` is the operator's `activationBytes`, the same on every unit.
    static func residencyViolation(activationBytes bytes: Int, on unit: ProcessingUnit, platform: Platform) -> String? {
        guard let memory = platform.memory(named: unit.memory), let capacity = memory.capacityBytes else { return nil }
        guard bytes > capacity else { return nil }
        return "its activations (\(bytes) bytes in and out) exceed \(memory.name) (\(capacity) bytes), the memory \(unit.name) computes from"
    }

    /// The bytes of the operator's distinct activation (non-constant) inputs and outputs.
    static func activationBytes(_ context: OperatorContext) -> Int {
        var bytes = 0
        var counted = Set<String>()
        for tensor in context.inputs.compactMap({ $0 }) + context.outputs
        where tensor.kind != .constant && counted.insert(tensor.name).inserted {
            bytes += tensor.byteSize
        }
        return bytes
    }

    /// The residency-dependent form of an analytic cost on a unit with a resident memory (nil
    /// otherwise, or for a cost the analytic model did not give): the operator's distinct
    /// activation inputs and outputs as operands, in the unit's data type and with the channels it
    /// pads, and the rest of its traffic (weights, tiling re-reads) as fixed stream bytes.
    func residencyCost(_ context: OperatorContext, on unit: ProcessingUnit, cost: OperatorCost) -> ResidencyCost? {
        guard unit.residentMemory != nil, cost.canRun, let bound = cost.bound, [.compute, .memory, .overhead].contains(bound),
              let paths = residencyPaths(unit) else { return nil }
        let graph = context.graph
        // Channels the unit pads (`ChannelAlignment`) move with their tensor, wherever it lives.
        let padded = AnalyticCostProvider.paddedTensors(context, on: unit)
        var operands: [ResidencyCost.Operand] = []
        var weights: [ResidencyCost.Operand] = []
        var seen = Set<Int>()
        for name in context.op.inputs + context.op.outputs where !name.isEmpty {
            guard let tensor = graph.tensorIndex[name], seen.insert(tensor).inserted else { continue }
            let operand = ResidencyCost.Operand(tensor: tensor, bytes: Double(graph.tensors[tensor].byteSize)
                                                                        * Self.storedScale(graph.tensors[tensor], on: unit) * (padded[name] ?? 1))
            if graph.tensors[tensor].kind == .constant { weights.append(operand) } else { operands.append(operand) }
        }
        // Weights from a weight memory are not in `cost.bytes`: their stream is a fixed term, and
        // they are not prefetched (a prefetch copies over the stream path from `memory`).
        let weightStreamUS = cost.weightBytes.map { self.paths(of: unit).weights?.timeUS(bytes: Double($0)) ?? 0 } ?? 0
        return makeResidencyCost(paths: paths, overheadUS: cost.overheadUS, computeUS: cost.computeUS, totalBytes: Double(cost.bytes),
                                 operands: operands, weights: cost.weightBytes == nil ? weights : [], weightStreamUS: weightStreamUS,
                                 baseUS: cost.timeUS!, basePJ: cost.energyPJ)
    }

    /// The stream path (from the unit's memory) and the resident path of a unit with a resident memory.
    func residencyPaths(_ unit: ProcessingUnit) -> (stream: StreamPath, resident: StreamPath)? {
        paths(of: unit).resident
    }

    /// A residency cost whose operands together move at most `totalBytes` (an operator that reads
    /// only part of an input, a Gather or a Slice, is charged for what it reads), the rest fixed;
    /// `weights` are the constant inputs among the fixed bytes that a prefetch can put on chip.
    func makeResidencyCost(paths: (stream: StreamPath, resident: StreamPath), overheadUS: Double, computeUS: Double,
                           totalBytes: Double, operands: [ResidencyCost.Operand], weights: [ResidencyCost.Operand] = [],
                           weightStreamUS: Double = 0, baseUS: Double, basePJ: Double) -> ResidencyCost {
        var operands = operands
        let operandBytes = operands.reduce(0) { $0 + $1.bytes }
        if operandBytes > totalBytes, operandBytes > 0 {
            let factor = totalBytes / operandBytes
            for index in operands.indices { operands[index].bytes *= factor }
        }
        let fixed = max(0, totalBytes - min(operandBytes, totalBytes))
        return ResidencyCost(overheadUS: overheadUS, computeUS: computeUS, fixedBytes: fixed, operands: operands, weights: weights,
                             weightStreamUS: weightStreamUS,
                             streamBytesPerUS: paths.stream.bytesPerUS, streamLatencyUS: paths.stream.memory.latencyUS,
                             residentBytesPerUS: paths.resident.bytesPerUS, residentLatencyUS: paths.resident.memory.latencyUS,
                             streamPJPerByte: paths.stream.pjPerByte, residentPJPerByte: paths.resident.pjPerByte,
                             baseUS: baseUS, basePJ: basePJ)
    }
}
