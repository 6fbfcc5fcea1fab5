import Foundation
import HeteroCost
import HeteroRecords

/// The residency stage: which activations stay in on-chip resident memories (CMX, VTCM, SRAM).
///
/// An activation produced and read only on units sharing a resident memory stays there unless
/// evicted (`PlanProblem.isResident`); its producer and readers then move it at that memory's
/// bandwidth instead of over the DMA path. The stage starts with every such activation resident
/// (the strategy searched with those costs) and, while a resident memory's planned peak (offsets
/// from the memory planner, fragmentation included) exceeds its capacity, evicts one activation
/// live at the busiest moment to its producer's memory (DRAM): its producer writes it there and
/// its readers stream it back over the DMA path — the spill and reload an NPU compiler inserts.
/// Each eviction re-times the schedule (same assignment and order), since the evicted tensor's
/// producer and readers take longer.
///
/// Which tensor goes is the policy (`ResidencyPolicy`):
/// - `next-use`, the baseline: Belady's rule, the live tensor whose next read is furthest away;
/// - `optimize`: the candidate (the first `candidatesPerEviction` in Belady order) whose eviction
///   costs the objective least, each candidate's schedule evaluated; the better of that sequence
///   and the next-use one is kept, then evicted tensors that fit again and do not worsen the
///   objective are re-admitted, so it is never worse than `next-use`. Then the victims are chosen
///   again by windows (`evictByWindows`: a MILP over the overflowing instants, solved by GLPK,
///   minimising the DMA time the evictions add on the critical path), re-admitted the same way,
///   and that result replaces the first when the re-timed schedule scores better by more than
///   `windowGain`;
/// - `dram`: every activation evicted.
public struct ResidencyPlanner {
    public struct Outcome: Sendable {
        /// The problem with the evictions recorded (`PlanProblem.evicted`).
        public var problem: PlanProblem
        public var schedule: Schedule
        public var decisions: [Decision]
    }

    /// Candidates the `optimize` policy evaluates per overflow.
    static let candidatesPerEviction = 8
    /// The relative gain by which the window's evictions must beat the candidate-evaluating ones
    /// to replace them.
    static let windowGain = 1e-9

    let problem: PlanProblem
    let assignment: [Int]
    let priority: [Int]
    let objective: PlanOptions.Objective
    let residentMemories: Set<Int>

    /// - Parameter retime: whether `schedule` was timed with other evictions than `problem`'s
    ///   (it is then re-timed first, in its order).
    /// - Parameter recompute: whether `optimize` then replaces evictions by recomputations where
    ///   they score better (`recompute(_:)`).
    public static func run(_ problem: PlanProblem, _ schedule: Schedule, policy: ResidencyPolicy,
                           objective: PlanOptions.Objective, retime: Bool = false, recompute: Bool = true) throws(PlanError) -> Outcome {
        // Recomputations are chosen here, afresh for each schedule (which the strategy timed without them).
        var problem = problem
        problem.recomputes = [:]
        let residentMemories = Set(problem.costs.residentMemory.compactMap { $0 })
        guard !residentMemories.isEmpty else { return Outcome(problem: problem, schedule: schedule, decisions: []) }
        let priority = schedule.operators.indices.sorted {
            schedule.operators[$0].startUS != schedule.operators[$1].startUS
                ? schedule.operators[$0].startUS < schedule.operators[$1].startUS : $0 < $1
        }
        let planner = ResidencyPlanner(problem: problem, assignment: schedule.assignment, priority: priority, objective: objective,
                                       residentMemories: residentMemories)
        // The strategy timed its schedule with the problem's evictions: it stands until an eviction.
        let start = Trial(problem: problem, schedule: retime ? planner.build(problem) : schedule, decisions: [], order: [])
        var chosen: Trial
        switch policy {
        case .dram:
            guard problem.evicted.contains(false) else { return Outcome(problem: problem, schedule: start.schedule, decisions: []) }
            var all = problem
            all.evicted = Array(repeating: true, count: problem.evicted.count)
            return Outcome(problem: all, schedule: planner.build(all), decisions: [])
        case .nextUse:
            chosen = try planner.evictUntilFits(start, evaluating: false)
        case .optimize:
            let belady = try planner.evictUntilFits(start, evaluating: false)
            let evaluated = try planner.evictUntilFits(start, evaluating: true)
            let sequential = planner.readmit(planner.score(evaluated) <= planner.score(belady) ? evaluated : belady)
            // Unchanged schedule (nothing overflows): no window to solve.
            guard !belady.order.isEmpty else { chosen = sequential; break }
            let windowed = planner.readmit(try planner.evictByWindows(start))
            // Strictly better by more than rounding: a gain of an ulp must not buy other evictions.
            chosen = planner.score(windowed) < planner.score(sequential) * (1 - Self.windowGain) ? windowed : sequential
        }
        // Evictions made here or inherited with the problem (a search re-planned with them).
        if policy == .optimize && recompute { chosen = planner.recompute(chosen) }
        return Outcome(problem: chosen.problem, schedule: chosen.schedule, decisions: chosen.decisions + planner.summary(chosen))
    }

    /// A residency: the problem with its evictions, its schedule, and the eviction decisions in order.
    struct Trial {
        var problem: PlanProblem
        var schedule: Schedule
        var decisions: [Decision]
        var order: [Int]
    }

    func build(_ problem: PlanProblem) -> Schedule {
        ScheduleBuilder(problem: problem, insertion: false).build(assignment: assignment, priority: priority)
    }

    func score(_ trial: Trial) -> Double {
        ObjectiveScore(problem: trial.problem, objective: objective, reference: trial.schedule).score(trial.schedule)
    }

    /// The first resident memory whose planned peak exceeds its capacity.
    func overflow(_ plan: MemoryPlan) -> MemoryPlan.MemoryUsage? {
        plan.usage.first { usage in residentMemories.contains(usage.memory) && usage.capacityBytes.map { usage.peakBytes > $0 } ?? false }
    }

    /// Evicts one tensor at a time until every resident memory fits: the first in Belady order,
    /// or (`evaluating`) the best of the first candidates by the objective.
    func evictUntilFits(_ start: Trial, evaluating: Bool) throws(PlanError) -> Trial {
        let costs = problem.costs
        var trial = start
        var plan = MemoryPlanner.plan(trial.problem, trial.schedule)
        for _ in 0...problem.graph.tensors.count {
            guard let usage = overflow(plan) else { return trial }
            let memory = usage.memory
            let buffers = plan.buffers.filter { $0.memory == memory }
            let moment = MemorySpiller.busiestMoment(buffers)
            let live = buffers.filter { $0.startUS <= moment && moment < MemoryPlanner.effectiveEnd($0) }
            // Only activations can be evicted (to their producer's memory); a tensor without a
            // producer or already evicted stays, and an overflow nothing can relieve is an error.
            let ranked = beladyOrder(live, at: moment, trial.schedule).filter {
                problem.graph.producer[$0] != nil && !trial.problem.evicted[$0]
            }
            guard !ranked.isEmpty else { break }
            var next: Trial?
            for tensor in ranked.prefix(evaluating ? Self.candidatesPerEviction : 1) {
                var candidate = trial
                candidate.problem.evicted[tensor] = true
                candidate.schedule = build(candidate.problem)
                if next == nil || score(candidate) < score(next!) { next = candidate }
            }
            let victim = ranked.first { next!.problem.evicted[$0] && !trial.problem.evicted[$0] }!
            let bytes = live.first { $0.tensor == victim }?.bytes ?? 0
            let home = costs.memoryNames[costs.unitMemory[assignment[problem.graph.producer[victim]!]]]
            next!.order.append(victim)
            next!.decisions.append(Decision(
                kind: .memorySpill, subject: "tensor \"\(problem.graph.tensors[victim].name)\"",
                reason: String(format: "%@ needs %d bytes at %.3f us against a capacity of %d; evicted its %d bytes to %@ (%@): the producer writes it there and its readers stream it back",
                               costs.memoryNames[memory], usage.peakBytes, moment, usage.capacityBytes ?? 0, bytes, home,
                               evaluating ? "the eviction that costs the objective least" : "the furthest next read")))
            trial = next!
            plan = MemoryPlanner.plan(trial.problem, trial.schedule)
        }
        let usage = overflow(plan)!
        throw .memoryOverflow(memory: costs.memoryNames[usage.memory], atUS: MemorySpiller.busiestMoment(plan.buffers.filter { $0.memory == usage.memory }),
                              capacity: usage.capacityBytes ?? 0, needed: usage.peakBytes, liveTensors: [], liveBytes: [])
    }

    /// Tensors of `live` (buffers at `moment`) by Belady's rule: furthest next read first (a tensor
    /// being read at the moment has its next read then), then larger, then lower index.
    func beladyOrder(_ live: [MemoryPlan.Buffer], at moment: Double, _ schedule: Schedule) -> [Int] {
        let consumers = problem.graph.consumers
        return live.map { buffer -> (tensor: Int, nextUse: Double, bytes: Int) in
            let reading = consumers[buffer.tensor].contains { schedule.operators[$0].startUS <= moment && moment < schedule.operators[$0].finishUS }
            let later = consumers[buffer.tensor].map { schedule.operators[$0].startUS }.filter { $0 >= moment }.min()
            return (buffer.tensor, reading ? moment : (later ?? moment), buffer.bytes)
        }
        .sorted { ($0.nextUse, $0.bytes, -$0.tensor) > ($1.nextUse, $1.bytes, -$1.tensor) }
        .map(\.tensor)
    }

    /// Re-admits evicted tensors, in eviction order, that fit again and improve the objective (an
    /// eviction an overflow forced that later evictions made unnecessary).
    func readmit(_ start: Trial) -> Trial {
        var trial = start
        var current = score(trial)
        for tensor in start.order {
            var candidate = trial
            candidate.problem.evicted[tensor] = false
            candidate.schedule = build(candidate.problem)
            guard overflow(MemoryPlanner.plan(candidate.problem, candidate.schedule)) == nil else { continue }
            let candidateScore = score(candidate)
            guard candidateScore < current else { continue }
            let subject = "tensor \"\(problem.graph.tensors[tensor].name)\""
            candidate.decisions.removeAll { $0.subject == subject }
            candidate.order.removeAll { $0 == tensor }
            trial = candidate
            current = candidateScore
        }
        return trial
    }

    /// One decision per resident memory: what stays there and what was evicted.
    func summary(_ trial: Trial) -> [Decision] {
        let costs = problem.costs
        var resident: [Int: (count: Int, bytes: Int)] = [:]
        var evicted: [Int: (count: Int, bytes: Int)] = [:]
        let evictedSet = Set(trial.problem.evictedActivations(assignment))
        for tensor in problem.graph.tensors.indices {
            guard let producer = problem.graph.producer[tensor], let memory = costs.residentMemory[assignment[producer]] else { continue }
            let bytes = costs.storedBytes(problem.graph.tensors[tensor], on: assignment[producer])
            if trial.problem.isResident(tensor, assignment) {
                let bytes = trial.problem.residentBufferBytes(tensor, on: assignment[producer], assignment)
                resident[memory, default: (0, 0)].count += 1
                resident[memory, default: (0, 0)].bytes += bytes
            } else if evictedSet.contains(tensor) {
                evicted[memory, default: (0, 0)].count += 1
                evicted[memory, default: (0, 0)].bytes += bytes
            }
        }
        return Set(resident.keys).union(evicted.keys).sorted().map { memory in
            let kept = resident[memory] ?? (0, 0)
            let out = evicted[memory] ?? (0, 0)
            return Decision(kind: .residency, subject: costs.memoryNames[memory],
                            reason: "\(kept.count) activations (\(kept.bytes) bytes) stay on chip between their producer and readers; "
                                + "\(out.count) (\(out.bytes) bytes) were evicted to fit its capacity")
        }
    }
}
