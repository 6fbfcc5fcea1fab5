import HeteroIR
import HeteroPlatform

extension CostEngine {
    /// `CostTable.paddedChannels`: per unit, the channels each activation is padded to in the
    /// unit's resident memory — the most any operator producing or reading it pads it to
    /// (`AnalyticCostProvider.paddedChannels`) on any unit that pads channels (`ChannelAlignment`)
    /// and keeps activations in that memory, when the operator can run there. The compiler lays a
    /// tensor out once in a memory, so a tensor one of its operators pads there is stored padded
    /// for all of them (Meteor Lake's SHAVE unit shares the NPU's CMX: a tensor it produces for
    /// an NPU convolution is written padded). Which of those operators a plan puts on such a unit
    /// is not asked (assumed: a tensor stays on chip only when all its operators run on units of
    /// that memory, and then each that can pad it there may). Empty when no unit pads channels;
    /// memories other than resident ones hold tensors unpadded.
    static func paddedChannels(_ graph: Graph, units: [ProcessingUnit], details: [[OperatorCost]]) -> [[String: Int]] {
        guard units.contains(where: { $0.channelAlignment != nil && $0.residentMemory != nil }) else { return [] }
        var byMemory: [String: [String: Int]] = [:]
        for op in graph.operators.indices {
            let context = OperatorContext(graph: graph, index: op)
            for (index, unit) in units.enumerated() where unit.channelAlignment != nil && details[op][index].canRun {
                guard let memory = unit.residentMemory else { continue }
                for (name, count) in AnalyticCostProvider.paddedChannels(context, on: unit) {
                    byMemory[memory, default: [:]][name] = max(count, byMemory[memory]?[name] ?? 0)
                }
            }
        }
        return units.map { unit in unit.residentMemory.flatMap { byMemory[$0] } ?? [:] }
    }
}
