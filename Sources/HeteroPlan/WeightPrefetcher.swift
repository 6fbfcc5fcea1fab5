import HeteroCost
import HeteroRecords

/// The weight-prefetch stage: which weights are copied into a unit's resident memory (CMX, VTCM,
/// NVDLA's SRAM) ahead of their reader, while earlier operators on the unit run — the weight
/// double buffering and run-ahead DMA an NPU compiler schedules — so that the reader finds them on
/// chip instead of streaming them.
///
/// A weight is a candidate when its reader runs on a unit with a resident memory behind another
/// operator, reads it alone (`PlanProblem.prefetchCandidates`) and would take less time with it on
/// chip. Three rules keep the plan physical, for the stage's fixed assignment and order:
/// 1. **DMA time.** Copies use the unit's stream path only while it is idle: during an operator,
///    its busy time (duration less command overhead) less the time its own streamed bytes take at
///    the stream path's bandwidth. Readers are served from the last to the first, each taking the
///    idle time of the operators just before it, latest first, until its copies' summed time is
///    covered; its copies start when the earliest of those operators starts
///    (`PlanProblem.prefetchTrigger`: the previous operator is double buffering, an earlier one
///    run-ahead). A reader whose copies the idle time before it cannot cover streams its weights.
///    Without contention the copies then land before the reader's previous operator finishes;
///    with it they share the DMA path and memories with what is already placed
///    (`ContentionLedger`), and a reader they would still make wait streams its weights.
/// 2. **Capacity.** A copy lives in the resident memory from its start until its reader finishes
///    (`MemoryPlanner`); while a resident memory's planned peak exceeds its capacity, the largest
///    prefetch live at its busiest moment is dropped. A memory that overflowed before the stage
///    gets none (the spill stage has its activations to deal with).
/// 3. **Objective.** The prefetched plan stands only if it scores no worse than the plan without.
/// Each change re-times the operators (a dropped prefetch lengthens its reader, which lends idle
/// time to others), so rules 1 and 2 are applied again until nothing changes; a step either drops
/// a reader or settles the lead times, and a run that does not settle prefetches nothing.
public enum WeightPrefetcher {
    public struct Outcome: Sendable {
        public var problem: PlanProblem
        public var schedule: Schedule
        public var decisions: [Decision]
    }

    public static func run(_ problem: PlanProblem, _ schedule: Schedule, objective: PlanOptions.Objective) -> Outcome {
        let unchanged = Outcome(problem: problem, schedule: schedule, decisions: [])
        let costs = problem.costs
        guard costs.residentMemory.contains(where: { $0 != nil }), !costs.residency.isEmpty else { return unchanged }
        let assignment = schedule.assignment
        let priority = schedule.operators.indices.sorted {
            schedule.operators[$0].startUS != schedule.operators[$1].startUS
                ? schedule.operators[$0].startUS < schedule.operators[$1].startUS : $0 < $1
        }
        let build = { (problem: PlanProblem) in ScheduleBuilder(problem: problem, insertion: false).build(assignment: assignment, priority: priority) }
        // The fixed-order builds below place operators in one order whatever their durations
        // (readiness counts placements, not times), so the units' queues are this build's.
        let queues = build(problem).unitQueues
        var previous = [Int](repeating: -1, count: problem.operatorCount)
        var position = [Int](repeating: 0, count: problem.operatorCount)
        for queue in queues {
            for (index, op) in queue.enumerated() {
                position[op] = index
                if index > 0 { previous[op] = queue[index - 1] }
            }
        }

        // Candidates: readers behind another operator whose weights on chip make them faster.
        var candidates: [Int: [WeightPrefetch]] = [:]
        for queue in queues {
            for op in queue.dropFirst() {
                let unit = assignment[op]
                let weights = problem.prefetchCandidates(op, on: unit)
                guard !weights.isEmpty, let streamed = problem.timing(op, unit, assignment)?.durationUS else { continue }
                var trial = problem
                var marks = problem.prefetchTrigger
                for weight in weights { marks[weight.tensor] = previous[op] }
                trial.prefetchTrigger = marks
                guard let resident = trial.timing(op, unit, assignment)?.durationUS, resident < streamed else { continue }
                candidates[op] = weights
            }
        }
        guard !candidates.isEmpty else { return unchanged }
        let before = MemoryPlanner.plan(problem, schedule)
        let overflowing = Set(before.usage.filter { usage in usage.capacityBytes.map { usage.peakBytes > $0 } ?? false }.map(\.memory))

        var chosen = Set(candidates.keys.filter { op in !candidates[op]!.contains { overflowing.contains($0.toMemory) } })
        var dropped: [Int: String] = [:]
        var current = problem
        var trigger: [Int: Int] = [:]
        func apply() {
            var marks = [Int](repeating: -1, count: problem.graph.tensors.count)
            for op in chosen { for weight in candidates[op]! { marks[weight.tensor] = trigger[op] ?? previous[op] } }
            current.prefetchTrigger = marks
        }
        apply()
        var built = build(current)
        var settled = false
        for _ in 0...(2 * candidates.count + 8) {
            // Rule 1: lead times from the idle DMA time before each reader, under the current timings.
            let allocation = allocate(current, chosen: chosen, candidates: candidates, queues: queues, assignment: assignment)
            if !allocation.unserved.isEmpty {
                for (op, reason) in allocation.unserved {
                    chosen.remove(op)
                    dropped[op] = reason
                }
                apply()
                built = build(current)
                continue
            }
            if allocation.trigger != trigger {
                trigger = allocation.trigger
                apply()
                built = build(current)
                continue
            }
            // Under contention: a reader whose copies land after its previous operator finishes.
            var late: [Int: Double] = [:]
            for copy in built.spills where copy.kind == .prefetch {
                let reader = copy.consumer!
                if copy.finishUS > built.operators[previous[reader]].finishUS + 1e-9 { late[reader] = max(late[reader] ?? 0, copy.finishUS) }
            }
            if !late.isEmpty {
                for reader in late.keys.sorted() {
                    chosen.remove(reader)
                    dropped[reader] = String(format: "sharing the DMA path its copies land at %.3f us, after the operator before it finishes (%.3f us)",
                                             late[reader]!, built.operators[previous[reader]].finishUS)
                }
                apply()
                built = build(current)
                continue
            }
            // Rule 2: the resident memories hold the copies.
            let plan = MemoryPlanner.plan(current, built)
            guard let usage = plan.usage.first(where: { usage in
                costs.residentMemory.contains(usage.memory) && !overflowing.contains(usage.memory)
                    && usage.capacityBytes.map { usage.peakBytes > $0 } ?? false
            }) else {
                settled = true
                break
            }
            let buffers = plan.buffers.filter { $0.memory == usage.memory }
            let moment = MemorySpiller.busiestMoment(buffers)
            let live = built.spills.filter { copy in
                copy.kind == .prefetch && copy.toMemory == usage.memory
                    && buffers.contains { $0.tensor == copy.tensor && $0.startUS <= moment && moment < MemoryPlanner.effectiveEnd($0) }
            }
            guard let victim = live.max(by: { ($0.bytes, -$0.tensor) < ($1.bytes, -$1.tensor) }), let reader = victim.consumer else { break }
            chosen.remove(reader)
            dropped[reader] = String(format: "%@ would hold %d bytes at %.3f us against a capacity of %d", costs.memoryNames[usage.memory],
                                     usage.peakBytes, moment, usage.capacityBytes ?? 0)
            apply()
            built = build(current)
        }
        guard settled, !chosen.isEmpty else { return unchanged }
        // Rule 3: no worse by the objective.
        let without = ObjectiveScore(problem: problem, objective: objective, reference: schedule).score(schedule)
        let with = ObjectiveScore(problem: current, objective: objective, reference: schedule).score(built)
        guard with <= without else {
            return Outcome(problem: problem, schedule: schedule, decisions: [Decision(
                kind: .residency, subject: "weight prefetch",
                reason: String(format: "prefetching %d readers' weights scores %.6g against %.6g without; none prefetched", chosen.count, with, without))])
        }
        return Outcome(problem: current, schedule: built, decisions: decisions(current, built, original: schedule, dropped: dropped,
                                                                               position: position))
    }

    /// Rule 1 for the `chosen` readers under `problem`'s timings: each reader's trigger (the
    /// earliest of the operators before it on its unit whose idle DMA time its copies use) or why
    /// it has none.
    static func allocate(_ problem: PlanProblem, chosen: Set<Int>, candidates: [Int: [WeightPrefetch]], queues: [[Int]],
                         assignment: [Int]) -> (trigger: [Int: Int], unserved: [(Int, String)]) {
        var triggers: [Int: Int] = [:]
        var unserved: [(Int, String)] = []
        for queue in queues where queue.contains(where: chosen.contains) {
            var idle = queue.indices.map { position in
                position + 1 < queue.count ? max(0, streamingIdleUS(problem, queue[position], reader: queue[position + 1], assignment)) : 0
            }
            for position in queue.indices.reversed() where chosen.contains(queue[position]) {
                let reader = queue[position]
                var need = candidates[reader]!.reduce(0) { $0 + $1.copyUS }
                let total = need
                var trigger = position
                while need > 1e-9 && trigger > 0 {
                    trigger -= 1
                    let taken = min(idle[trigger], need)
                    idle[trigger] -= taken
                    need -= taken
                }
                if need > 1e-9 {
                    unserved.append((reader, String(format: "its weights' copies take %.3f us, more than the DMA path is idle on %@ before it",
                                                    total, problem.costs.unitNames[assignment[reader]])))
                } else {
                    triggers[reader] = queue[trigger]
                }
            }
        }
        return (triggers, unserved.sorted { $0.0 < $1.0 })
    }

    /// The time the unit's stream path is idle while `op` runs on its unit: busy time (duration
    /// less command overhead) less what its streamed bytes take at the stream path's bandwidth
    /// (the unit's, from `op`'s residency cost or else its `reader`'s on the same unit).
    static func streamingIdleUS(_ problem: PlanProblem, _ op: Int, reader: Int, _ assignment: [Int]) -> Double {
        let unit = assignment[op]
        guard let timing = problem.timing(op, unit, assignment) else { return 0 }
        let busy = timing.durationUS - timing.overheadUS
        guard timing.streamedBytes > 0 else { return busy }
        guard let path = problem.costs.residency[op][unit] ?? problem.costs.residency[reader][unit], path.streamBytesPerUS > 0 else { return 0 }
        return busy - path.streamUS(timing.streamedBytes)
    }

    /// One decision per prefetched reader (`--explain`), one per reader whose candidates were
    /// dropped, and a summary per resident memory.
    static func decisions(_ problem: PlanProblem, _ schedule: Schedule, original: Schedule, dropped: [Int: String],
                          position: [Int]) -> [Decision] {
        let graph = problem.graph, costs = problem.costs
        var decisions: [Decision] = []
        var perMemory: [Int: (readers: Int, weights: Int, bytes: Int)] = [:]
        var readers: [Int: [ScheduledSpill]] = [:]
        for copy in schedule.spills where copy.kind == .prefetch { readers[copy.consumer!, default: []].append(copy) }
        for reader in readers.keys.sorted() {
            let copies = readers[reader]!
            let memory = copies[0].toMemory
            let bytes = copies.reduce(0) { $0 + $1.bytes }
            perMemory[memory, default: (0, 0, 0)].readers += 1
            perMemory[memory, default: (0, 0, 0)].weights += copies.count
            perMemory[memory, default: (0, 0, 0)].bytes += bytes
            let old = original.operators[reader], new = schedule.operators[reader]
            let ahead = position[reader] - position[problem.prefetchTrigger[copies[0].tensor]]
            decisions.append(Decision(kind: .residency, subject: "operator \"\(graph.operators[reader].name)\"", reason: String(
                format: "%d weight bytes prefetched into %@ from %.3f to %.3f us, during the %d operator(s) before it on %@; it reads them there: %.3f -> %.3f us",
                bytes, costs.memoryNames[memory], copies.map(\.startUS).min()!, copies.map(\.finishUS).max()!, ahead, costs.unitNames[new.unit],
                old.finishUS - old.startUS, new.finishUS - new.startUS)))
        }
        for reader in dropped.keys.sorted() where readers[reader] == nil {
            decisions.append(Decision(kind: .residency, subject: "operator \"\(graph.operators[reader].name)\"",
                                      reason: "its weights stream: \(dropped[reader]!)"))
        }
        for memory in perMemory.keys.sorted() {
            let figures = perMemory[memory]!
            decisions.append(Decision(kind: .residency, subject: costs.memoryNames[memory], reason:
                "\(figures.weights) weights (\(figures.bytes) bytes) of \(figures.readers) operators are prefetched into it ahead of their readers; "
                + "\(dropped.count) candidate readers stream theirs (DMA time or capacity)"))
        }
        return decisions
    }
}
