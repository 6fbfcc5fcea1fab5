import HeteroIR
import HeteroRecords
import HeteroSupport

extension SimulationPlan {
    /// A `recompute` entry of `spill_copies`, resolved: it must name a tensor an operator
    /// produces, that operator as `producer`, an operator reading the tensor as `consumer`, the
    /// consumer's unit as `unit`, its producer's activation inputs as `inputs`, and one memory both
    /// ways (nothing is copied). Whether the inputs are still there when it runs, and whether the
    /// unit can run the producer, is the simulator's to find. Nil (with the problems reported)
    /// when it does not resolve.
    static func resolveRecompute(_ entry: PlanDocument.SpillCopy, at path: JSONPath, graph: Graph, units: [Int],
                                 unit: (String, JSONPath) -> Int?, memory: (String, JSONPath) -> Int?,
                                 problems: ProblemCollector) -> ScheduledSpill? {
        guard let tensor = graph.tensorIndex[entry.tensor] else {
            problems.report(path.appending("tensor"), "unknown tensor \"\(entry.tensor)\"")
            return nil
        }
        guard let producer = graph.producer[tensor] else {
            problems.report(path.appending("tensor"), "tensor \"\(entry.tensor)\" has no producer to recompute it")
            return nil
        }
        if entry.producer != graph.operators[producer].name {
            problems.report(path.appending("producer"),
                            "tensor \"\(entry.tensor)\" is produced by \"\(graph.operators[producer].name)\", not \"\(entry.producer ?? "")\"")
            return nil
        }
        guard let name = entry.consumer, let consumer = graph.operatorIndex[name],
              graph.operators[consumer].inputs.contains(entry.tensor) else {
            problems.report(path.appending("consumer"), "a recomputation names an operator that reads tensor \"\(entry.tensor)\"")
            return nil
        }
        let inputs = graph.operators[producer].inputs.filter { !$0.isEmpty && graph.tensorIndex[$0].map { graph.tensors[$0].kind != .constant } ?? false }
        var distinct: [String] = []
        for input in inputs where !distinct.contains(input) { distinct.append(input) }
        if entry.inputs ?? [] != distinct {
            problems.report(path.appending("inputs"), "the recomputation of \"\(entry.tensor)\" reads \(distinct), not \(entry.inputs ?? [])")
            return nil
        }
        guard let unitName = entry.unit, let runsOn = unit(unitName, path.appending("unit")),
              let from = memory(entry.fromMemory, path.appending("from_memory")), let to = memory(entry.toMemory, path.appending("to_memory")) else {
            return nil
        }
        if units[consumer] >= 0, runsOn != units[consumer] {
            problems.report(path.appending("unit"), "a recomputation runs on its consumer's unit; \"\(name)\" is not on \(unitName)")
            return nil
        }
        if from != to {
            problems.report(path.appending("to_memory"), "a recomputation writes where it is: from_memory and to_memory are one memory")
            return nil
        }
        return ScheduledSpill(kind: .recompute, tensor: tensor, fromMemory: from, toMemory: to, bytes: entry.bytes, startUS: entry.startUS,
                              finishUS: entry.finishUS, consumer: consumer, producer: producer, unit: runsOn,
                              inputs: distinct.compactMap { graph.tensorIndex[$0] })
    }
}
