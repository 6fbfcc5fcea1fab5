import HeteroRecords

/// The number the optimizer minimises for an `--objective`: the objective's figure, with the
/// makespan as a tie-break (weighted so that it only separates schedules whose figure agrees to
/// about one part in a million). An assignment whose kernels overflow a unit's program memory
/// (`ProgramPacking`) scores infinity under every objective: no search accepts it.
///
/// - latency: the makespan;
/// - energy: `PlanMetrics.energyPJ`;
/// - throughput: `PlanMetrics.intervalUS`, the pipelined steady-state interval;
/// - memory: `PlanMetrics.peakLiveBytes` of the list schedule.
struct ObjectiveScore {
    let problem: PlanProblem
    let objective: PlanOptions.Objective
    /// Weight of the makespan tie-break.
    let makespanWeight: Double
    /// For latency with `PlanOptions.TieBreak.finishTimes`: the search's score of an assignment
    /// and order adds the operators' mean finish time × `tieBreakWeight`, so among plans of one
    /// makespan the one finishing its operators earlier ranks first (a schedule's `score` and
    /// every reported figure stay the makespan).
    let finishTieBreak: Bool
    /// The term is at most this × the makespan (0.1 ppm), so it outweighs only makespan
    /// differences smaller than that.
    static let tieBreakWeight = 1e-7
    /// The program memories kernels must fit (nil on platforms without them).
    let packing: ProgramPacking?
    /// The list scheduler `score(assignment:priority:)` runs, made once: making one per evaluation
    /// copied the problem (a retain and a release of each of its arrays) every time.
    let builder: ScheduleBuilder

    init(problem: PlanProblem, objective: PlanOptions.Objective, reference: Schedule, tieBreak: PlanOptions.TieBreak = .none) {
        self.problem = problem
        self.objective = objective
        finishTieBreak = objective == .latency && tieBreak == .finishTimes
        packing = ProgramPacking(problem.costs)
        builder = ScheduleBuilder(problem: problem, insertion: false)
        let figure = Self.figure(problem, objective, reference)
        let makespan = reference.makespanUS
        makespanWeight = objective == .latency ? 1 : (figure > 0 && makespan > 0 ? 1e-6 * figure / makespan : 1)
    }

    static func figure(_ problem: PlanProblem, _ objective: PlanOptions.Objective, _ schedule: Schedule) -> Double {
        switch objective {
        case .latency: schedule.makespanUS
        case .energy: PlanMetrics.energyPJ(problem, schedule)
        case .throughput: PlanMetrics.intervalUS(problem, schedule.assignment)
        case .memory: Double(PlanMetrics.peakLiveBytes(problem, schedule))
        }
    }

    /// Whether going from score `from` to `to` improves the objective's figure, not only the
    /// tie-break: what the search records as an improvement.
    func improvesFigure(from: Double, to: Double) -> Bool {
        from - to > (finishTieBreak ? Self.tieBreakWeight * abs(from) : 0) + 1e-9
    }

    func score(_ schedule: Schedule) -> Double {
        if let packing, packing.overflows(schedule.assignment) { return .infinity }
        return objective == .latency ? schedule.makespanUS : Self.figure(problem, objective, schedule) + makespanWeight * schedule.makespanUS
    }

    /// The score of list-scheduling an assignment in a priority order (the refiner's hot path).
    func score(assignment: [Int], priority: [Int]) -> Double {
        var timings = _TimingCache()
        return score(assignment: assignment, priority: priority, timings: &timings)
    }

    /// `score(assignment:priority:)` reading operator timings from the caller's `_TimingCache`,
    /// which holds those of its previous evaluation.
    func score(assignment: [Int], priority: [Int], timings cache: inout _TimingCache) -> Double {
        if let packing, packing.overflows(assignment) { return .infinity }
        switch objective {
        case .latency:
            // Only the operators a move can re-time are timed again (`_TimingCache`).
            let timings = cache.timings(problem, assignment)
            guard finishTieBreak else { return builder.makespan(assignment: assignment, priority: priority, timings: timings) }
            let (makespan, totalFinish) = builder.makespanAndTotalFinish(assignment: assignment, priority: priority, timings: timings)
            return makespan + Self.tieBreakWeight * totalFinish / Double(max(1, problem.operatorCount))
        case .energy:
            return PlanMetrics.energyPJ(problem, assignment) + makespanWeight * builder.makespan(assignment: assignment, priority: priority)
        case .throughput:
            // Each operator timed once for both the interval and the list schedule.
            let timings = cache.timings(problem, assignment)
            return PlanMetrics.intervalUS(problem, assignment, timings: timings)
                + makespanWeight * builder.makespan(assignment: assignment, priority: priority, timings: timings)
        case .memory:
            return score(builder.build(assignment: assignment, priority: priority))
        }
    }
}
