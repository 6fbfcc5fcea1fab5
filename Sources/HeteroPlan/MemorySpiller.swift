import Foundation
import HeteroCost
import HeteroRecords

/// Memory spill: while some memory's planned peak exceeds its capacity, move a victim tensor out
/// of it — stored to another memory after its producer finishes, reloaded before each later reader
/// in its home memory once the reader's other inputs are ready (readers that finish before the
/// spilled interval read the home copy directly) — re-time the schedule with the store and
/// reloads on the readers' paths, and plan memory again.
///
/// Victims are tensors live at the moment of the memory's highest occupancy, produced there, not
/// being read at that moment and read there again later (a residual branch's input waiting for the
/// addition, say), scored by size × idle time (from when the home copy could be freed to the next
/// home reader's start): the tensors whose absence frees the most bytes for the longest. The spill memory is the
/// largest (unlimited first) memory reachable from home. When no victim remains the plan is
/// infeasible and the error names the memory, the moment and the tensors live then.
public enum MemorySpiller {
    public struct Outcome: Sendable {
        public var schedule: Schedule
        public var memory: MemoryPlan
        public var spills: [Decision]
    }

    public static func run(_ problem: PlanProblem, _ schedule: Schedule) throws(PlanError) -> Outcome {
        let costs = problem.costs
        let graph = problem.graph
        var current = schedule
        var plan = MemoryPlanner.plan(problem, current)
        var builder = ScheduleBuilder(problem: problem, insertion: false)
        var decisions: [Decision] = []
        let assignment = schedule.assignment
        let priority = schedule.operators.indices.sorted {
            schedule.operators[$0].startUS != schedule.operators[$1].startUS
                ? schedule.operators[$0].startUS < schedule.operators[$1].startUS : $0 < $1
        }
        let outputs = Set(graph.outputs.compactMap { graph.tensorIndex[$0] })
        var unspillable = Set<Int>()
        func directReadersPrecedeReloads(_ tensor: Int, _ schedule: Schedule) -> Bool {
            guard let direct = builder.spills[tensor]?.directReaders, !direct.isEmpty else { return true }
            let lastDirect = direct.map { schedule.operators[$0].finishUS }.max()!
            let firstReload = schedule.spills.filter { $0.kind == .reload && $0.tensor == tensor }.map(\.startUS).min() ?? .infinity
            return lastDirect <= firstReload
        }
        for _ in 0...(2 * graph.tensors.count) {
            guard let usage = plan.usage.first(where: { usage in usage.capacityBytes.map { usage.peakBytes > $0 } ?? false }) else {
                return Outcome(schedule: current, memory: plan, spills: decisions)
            }
            let memory = usage.memory
            let capacity = usage.capacityBytes!
            let buffers = plan.buffers.filter { $0.memory == memory }
            let moment = busiestMoment(buffers)
            let live = buffers.filter { $0.startUS <= moment && moment < MemoryPlanner.effectiveEnd($0) }
            var best: (tensor: Int, score: Double, target: Int, gap: Double, direct: Set<Int>)?
            for buffer in live where builder.spills[buffer.tensor] == nil && !unspillable.contains(buffer.tensor) && !outputs.contains(buffer.tensor) {
                guard let producer = graph.producer[buffer.tensor] else { continue }
                let placed = current.operators[producer]
                guard costs.unitMemory[placed.unit] == memory else { continue }
                guard let target = spillTarget(from: memory, costs: costs, bytes: buffer.bytes) else { continue }
                let homeReaders = graph.consumers[buffer.tensor].filter { costs.unitMemory[current.operators[$0].unit] == memory }
                guard let firstRead = homeReaders.map({ current.operators[$0].startUS }).min() else { continue }
                var direct: [Int] = []
                var gap = firstRead - placed.finishUS
                if gap <= 0 {
                    // Read right away and again later: readers that finish by the busiest moment
                    // read the home copy directly; the others must all start after it, behind reloads.
                    direct = homeReaders.filter { current.operators[$0].finishUS <= moment }
                    let late = homeReaders.filter { current.operators[$0].finishUS > moment }
                    guard !direct.isEmpty, !late.isEmpty, late.allSatisfy({ current.operators[$0].startUS > moment }) else { continue }
                    gap = late.map { current.operators[$0].startUS }.min()!
                        - direct.reduce(placed.finishUS) { max($0, current.operators[$1].finishUS) }
                    guard gap > 0 else { continue }
                }
                let score = Double(buffer.bytes) * gap
                if best == nil || score > best!.score || (score == best!.score && buffer.tensor < best!.tensor) {
                    best = (buffer.tensor, score, target, gap, Set(direct))
                }
            }
            guard let victim = best else {
                throw .memoryOverflow(memory: costs.memoryNames[memory], atUS: moment, capacity: capacity, needed: usage.peakBytes,
                                      liveTensors: live.map { graph.tensors[$0.tensor].name }, liveBytes: live.map(\.bytes))
            }
            let bytes = graph.tensors[victim.tensor].byteSize
            let store = costs.memoryTransferUS(bytes: bytes, from: memory, to: victim.target)!
            let reload = costs.memoryTransferUS(bytes: bytes, from: victim.target, to: memory)!
            builder.spills[victim.tensor] = ScheduleBuilder.SpillPlan(spillMemory: victim.target, storeUS: store, reloadUS: reload,
                                                                      directReaders: victim.direct)
            decisions.append(Decision(kind: .memorySpill, subject: "tensor \"\(graph.tensors[victim.tensor].name)\"",
                                      reason: String(format: "%@ holds %d bytes at %.3f us against a capacity of %d; moved %d bytes idle for %.3f us to %@ (store %.3f us, reload %.3f us)",
                                                     costs.memoryNames[memory], usage.peakBytes, moment, capacity, bytes, victim.gap,
                                                     costs.memoryNames[victim.target], store, reload)))
            let rebuilt = builder.build(assignment: assignment, priority: priority)
            // Rescheduling may move a direct reader past a reload of the same tensor (the copies
            // would then be read out of order): undo that spill and never try the tensor again.
            if !directReadersPrecedeReloads(victim.tensor, rebuilt) {
                builder.spills[victim.tensor] = nil
                unspillable.insert(victim.tensor)
                decisions.removeLast()
                continue
            }
            current = rebuilt
            plan = MemoryPlanner.plan(problem, current)
        }
        throw .internalInconsistency("memory spill did not converge")
    }

    /// The memory to spill into: reachable both ways, unlimited first, then the largest capacity
    /// (ties: the first). Candidates are tried in that order and the first reachable one taken,
    /// so an array of thousands of tile memories costs route searches only until DRAM answers.
    static func spillTarget(from memory: Int, costs: CostTable, bytes: Int) -> Int? {
        let capacity = { (candidate: Int) in costs.memoryCapacity[candidate] ?? Int.max }
        let candidates = costs.memoryNames.indices.filter { $0 != memory && capacity($0) >= bytes }
            .sorted { capacity($0) != capacity($1) ? capacity($0) > capacity($1) : $0 < $1 }
        return candidates.first { candidate in
            costs.memoryTransferUS(bytes: bytes, from: memory, to: candidate) != nil
                && costs.memoryTransferUS(bytes: bytes, from: candidate, to: memory) != nil
        }
    }

    /// The start time at which the most bytes are live.
    static func busiestMoment(_ buffers: [MemoryPlan.Buffer]) -> Double {
        var events: [(time: Double, isEnd: Bool, bytes: Int)] = []
        for buffer in buffers {
            events.append((buffer.startUS, false, buffer.bytes))
            events.append((MemoryPlanner.effectiveEnd(buffer), true, buffer.bytes))
        }
        events.sort { $0.time != $1.time ? $0.time < $1.time : ($0.isEnd && !$1.isEnd) }
        var live = 0
        var peak = -1
        var moment = 0.0
        for event in events {
            live += event.isEnd ? -event.bytes : event.bytes
            if live > peak { peak = live; moment = event.time }
        }
        return moment
    }
}
