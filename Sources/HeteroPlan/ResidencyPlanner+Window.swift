import Foundation
import GLPKSolver
import HeteroRecords

extension ResidencyPlanner {
    /// Rounds of `evictByWindows` (one MILP each) before the next-use rule finishes the job.
    static let windowRounds = 8
    /// Weight in `evictionCost` of the time an eviction adds off the critical path (slack
    /// absorbs it in this schedule, but it lengthens the unit's busy time and DMA traffic).
    static let offPathWeight = 0.01
    /// The words every eviction decision of `evictByWindows` holds (how a report tells them apart).
    public static let windowReason = "chosen by a MILP over"

    /// Evicts by windows: while a resident memory overflows, the victims at its busiest instants
    /// are chosen together by a MILP (`VictimFormulation`) minimising the summed `evictionCost`,
    /// solved by GLPK under a node limit (deterministic). The MILP counts live bytes, the memory
    /// planner places offsets (fragmentation): each round aims at the capacity less the
    /// fragmentation the planner showed in the previous one (its peak over the largest live
    /// sum), or, when no instant exceeds that, at the live bytes less the planner's excess, and
    /// the evictions are re-timed and re-planned before the next round. What `windowRounds`
    /// rounds leave (or a window no eviction can fix) is finished by the next-use rule.
    func evictByWindows(_ start: Trial) throws(PlanError) -> Trial {
        let costs = problem.costs
        var trial = start
        var plan = MemoryPlanner.plan(trial.problem, trial.schedule)
        for _ in 0..<Self.windowRounds {
            guard let usage = overflow(plan), let capacity = usage.capacityBytes else { return trial }
            let memory = usage.memory
            let buffers = plan.buffers.filter { $0.memory == memory }
            let live = MemoryPlanner.maximumLive(buffers)
            var target = capacity - max(0, usage.peakBytes - live)
            if live <= target { target = live - (usage.peakBytes - capacity) }
            let slack = slack(trial.schedule)
            guard let formulation = VictimFormulation(buffers: buffers, capacity: target, cost: { tensor in
                evictionCost(tensor, trial, slack: slack)
            }) else { break }
            let (solution, _) = try SolverReport.solve(formulation.model, options: formulation.options)
            guard solution.status.hasSolution, !solution.values.isEmpty else { break }
            let victims = formulation.victims(solution.values)
            guard !victims.isEmpty else { break }
            for victim in victims {
                trial.problem.evicted[victim.tensor] = true
                trial.order.append(victim.tensor)
                let home = costs.memoryNames[costs.unitMemory[assignment[problem.graph.producer[victim.tensor]!]]]
                trial.decisions.append(Decision(
                    kind: .memorySpill, subject: "tensor \"\(problem.graph.tensors[victim.tensor].name)\"",
                    reason: String(format: "%@ needs %d bytes against a capacity of %d; evicted its %d bytes to %@: one of %d victims %@ %d instants (%.3f-%.3f us) among %d live tensors, minimising the DMA time evictions add on the critical path (this one %.3f us); the producer writes it there and its readers stream it back",
                                   costs.memoryNames[memory], usage.peakBytes, capacity, victim.bytes, home, victims.count, Self.windowReason,
                                   formulation.instants.count, formulation.instants.first ?? 0, formulation.instants.last ?? 0,
                                   formulation.candidates.count, victim.cost)))
            }
            trial.schedule = build(trial.problem)
            plan = MemoryPlanner.plan(trial.problem, trial.schedule)
        }
        return try evictUntilFits(trial, evaluating: false)
    }

    /// What evicting `tensor` (not yet evicted in `trial`) adds to the objective, estimated
    /// from the operators it touches — its producer and the readers of it and of its views — in
    /// the trial's schedule: for latency and memory, each one's longer duration beyond its
    /// `slack` (what reaches the makespan), plus `offPathWeight` of the whole; for throughput,
    /// the summed longer durations (busy time); for energy, the extra energy. Nil when the tensor
    /// cannot be evicted (no producer, already evicted).
    func evictionCost(_ tensor: Int, _ trial: Trial, slack: [Double]) -> Double? {
        let graph = problem.graph
        guard let producer = graph.producer[tensor], !trial.problem.evicted[tensor] else { return nil }
        var evicted = trial.problem
        evicted.evicted[tensor] = true
        var touched: Set<Int> = [producer]
        for view in graph.tensors.indices where graph.aliasRoot[view] == tensor { touched.formUnion(graph.consumers[view]) }
        var cost = 0.0
        for op in touched.sorted() {
            let unit = assignment[op]
            if objective == .energy {
                cost += (evicted.energyPJ(op, unit, assignment) ?? 0) - (trial.problem.energyPJ(op, unit, assignment) ?? 0)
                continue
            }
            let longer = (evicted.duration(op, unit, assignment) ?? 0) - (trial.problem.duration(op, unit, assignment) ?? 0)
            cost += objective == .throughput ? longer : max(0, longer - slack[op]) + Self.offPathWeight * longer
        }
        return max(0, cost)
    }

    /// Per operator, how much later it could finish without delaying the makespan, its unit's
    /// order and data edges kept: the latest finish is the makespan for a last operator,
    /// otherwise the least over its successors (data, and the next on its unit) of their latest
    /// start less the transfer between the units. Operators are visited by decreasing finish
    /// (then start, then index), so successors come first.
    /// - Complexity: O(V + E) after an O(V log V) sort.
    func slack(_ schedule: Schedule) -> [Double] {
        let placed = schedule.operators
        let makespan = schedule.makespanUS
        var next = [Int?](repeating: nil, count: placed.count)
        for queue in schedule.unitQueues { for (a, b) in zip(queue, queue.dropFirst()) { next[a] = b } }
        let order = placed.indices.sorted {
            (placed[$0].finishUS, placed[$0].startUS, $0) > (placed[$1].finishUS, placed[$1].startUS, $1)
        }
        var latestFinish = [Double](repeating: makespan, count: placed.count)
        for op in order {
            var latest = makespan
            if let b = next[op] { latest = min(latest, latestFinish[b] - (placed[b].finishUS - placed[b].startUS)) }
            for edge in problem.outgoing[op] {
                let consumer = edge.consumer
                let transfer = problem.communication(edge, from: placed[op].unit, to: placed[consumer].unit)
                latest = min(latest, latestFinish[consumer] - (placed[consumer].finishUS - placed[consumer].startUS) - transfer)
            }
            latestFinish[op] = max(placed[op].finishUS, latest)
        }
        return placed.indices.map { latestFinish[$0] - placed[$0].finishUS }
    }
}
