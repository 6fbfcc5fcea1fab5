import Foundation
import HeteroRecords

/// The stages of `OptimizeStrategy.search`, in the order it runs them.
extension OptimizeStrategy {
    /// The baselines' schedules and the objective measured against the best one for latency.
    struct Seeds {
        /// Every baseline that produced a schedule, in the order they ran.
        var all: [(name: String, schedule: Schedule)]
        /// The best of them for the objective: where the search starts.
        var best: (name: String, schedule: Schedule)
        var objective: ObjectiveScore

        /// The seeds the pipeline would otherwise plan again (`PlanPipeline.baselines`), by name.
        var reported: [String: Schedule] {
            let names = Set(PlanPipeline.baselines.map(\.name))
            return Dictionary(all.filter { names.contains($0.name) }.map { ($0.name, $0.schedule) }, uniquingKeysWith: { first, _ in first })
        }

        func figure(_ schedule: Schedule) -> SearchRecord.Figure {
            SearchRecord.Figure(objective.problem, objective.objective, schedule)
        }

        /// The best seed as the refiner's starting candidate (one evaluation).
        func candidate(_ refiner: inout Refiner) -> Refiner.Candidate {
            let priority = Refiner.priority(of: best.schedule)
            return Refiner.Candidate(assignment: best.schedule.assignment, priority: priority,
                                     score: refiner.evaluate(best.schedule.assignment, priority: priority))
        }
    }

    /// Stage 1, seeds: every baseline that applies, and for energy the least-energy assignment.
    func seedStage(_ problem: PlanProblem, options: PlanOptions, log: inout [SearchRecord]) throws(PlanError) -> Seeds {
        var seeds: [(name: String, schedule: Schedule)] = []
        let baselines: [any PlanningStrategy] = [HEFTStrategy(), PEFTStrategy(), GreedyStrategy(), FallbackStrategy()]
        for baseline in baselines {
            if let result = try? baseline.schedule(problem, options: options) { seeds.append((baseline.name, result.schedule)) }
        }
        if let home = homeUnitSeed(problem) { seeds.append(home) }
        seeds = try packingRepaired(seeds, problem)
        guard let latencySeed = seeds.min(by: { $0.schedule.makespanUS < $1.schedule.makespanUS }) else {
            throw .internalInconsistency("no baseline produced a schedule")
        }
        let objective = ObjectiveScore(problem: problem, objective: options.objective, reference: latencySeed.schedule,
                                       tieBreak: options.tieBreak)
        if options.objective == .energy { seeds.append(("least-energy", leastEnergySchedule(problem))) }
        if let spread = try spreadSeed(seeds, problem, objective: objective) { seeds.append(spread) }
        let best = seeds.min { objective.score($0.schedule) < objective.score($1.schedule) }!
        let result = Seeds(all: seeds, best: best, objective: objective)
        log.append(.initialPlacement(objective: options.objective, chosen: best.name,
                                     seeds: seeds.map { ($0.name, result.figure($0.schedule)) }))
        return result
    }

    /// The best by makespan of the plans that run every operator on one unit wherever it can and each
    /// other operator on the fastest unit sharing that unit's resident memory (`companion`), else
    /// on its fastest unit, over the units (named "home UNIT"); nil with one unit. Where an
    /// accelerator is fast only while its neighbours share its on-chip memory, single moves from a
    /// plan centred elsewhere do not reach it, and the baselines may all be centred elsewhere.
    /// Each unit's plan is scheduled only until it cannot beat the best so far (ties keep the
    /// first unit); only the best one is built in full.
    func homeUnitSeed(_ problem: PlanProblem) -> (name: String, schedule: Schedule)? {
        guard problem.unitCount > 1 else { return nil }
        let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
        let builder = ScheduleBuilder(problem: problem)
        var best: (unit: Int, makespan: Double)?
        for unit in 0..<problem.unitCount {
            let assignment = homeAssignment(unit, problem)
            if let cutoff = best?.makespan {
                if let makespan = builder.makespan(assignment: assignment, priority: priority, below: cutoff) { best = (unit, makespan) }
            } else {
                best = (unit, builder.makespan(assignment: assignment, priority: priority))
            }
        }
        guard let unit = best?.unit else { return nil }
        return ("home \(problem.costs.unitNames[unit])", builder.build(assignment: homeAssignment(unit, problem), priority: priority))
    }

    /// The home plan of `unit`: every operator it can run on it, each other one on its companion or its fastest unit.
    func homeAssignment(_ unit: Int, _ problem: PlanProblem) -> [Int] {
        (0..<problem.operatorCount).map { op in
            problem.exec(op, unit) != nil ? unit : (companion(op, of: unit, problem) ?? problem.fastestUnit(op))
        }
    }

    /// The fastest unit that can run `op` and shares `home`'s resident memory (the NPU's SHAVE
    /// cores beside its DPU), so the home plan keeps its activations on chip; nil when none.
    private func companion(_ op: Int, of home: Int, _ problem: PlanProblem) -> Int? {
        let residentMemory = problem.costs.residentMemory
        guard !residentMemory.isEmpty, let memory = residentMemory[home] else { return nil }
        let unit = problem.fastestUnit(op) { residentMemory[$0] == memory }
        return unit >= 0 ? unit : nil
    }

    /// Stage 2, coarsen: composites, chains and heavy edges between operators with the same support.
    func coarsenStage(_ problem: PlanProblem, log: inout [SearchRecord]) -> Coarsening {
        let coarsening = Coarsening(problem)
        log.append(.coarsening(operators: problem.operatorCount, groups: coarsening.groups.count))
        return coarsening
    }

    /// Stage 3, coarse ILP: the assignment MILP (GLPK), warm-started with the seed, on composites
    /// and chains (without heavy edges: measured on the classic instances, the finer graph gives a
    /// better projection, and a valid bound when nothing is contracted). It models latency only;
    /// graphs small enough for the exact MILP skip it.
    func coarseILPStage(_ problem: PlanProblem, seeds: Seeds, refiner: inout Refiner, options: PlanOptions,
                        clock: SearchClock, log: inout [SearchRecord]) throws(PlanError) -> CoarseILPOutcome? {
        guard options.objective == .latency,
              problem.operatorCount > min(options.exactThreshold, ExactILPStrategy.operatorLimit) && problem.unitCount > 1 else { return nil }
        guard problem.unitCount <= options.ilpMaxUnits else {
            log.append(.ilpTooManyUnits(units: problem.unitCount, limit: options.ilpMaxUnits))
            return nil
        }
        // The finer composite-and-chain graph when it is small enough; else the full coarsening.
        let fine = Coarsening(problem, heavyEdges: false)
        let ilpGraph = fine.groups.count * problem.unitCount <= options.coarseILPMaxAssignments ? fine : refiner.coarsening
        let outcome = try coarseILP(problem, ilpGraph, seed: seeds.best.schedule.assignment, refiner: &refiner,
                                    options: options, clock: clock)
        log += outcome.records
        return outcome
    }

    /// What the refine stage produced: the plan after steepest descent and the best plan after
    /// annealing from it.
    struct Refined {
        var descended: Refiner.Candidate
        var best: Refiner.Candidate
    }

    /// Stage 4, refine: the refiner's local search from `start`; its improving moves are logged.
    func refineStage(_ start: Refiner.Candidate, refiner: inout Refiner, log: inout [SearchRecord]) -> Refined {
        let descended = refiner.descend(start)
        let best = refiner.anneal(from: descended)
        log += refiner.improvements
        return Refined(descended: descended, best: best)
    }

    /// Stage 6, ejection chains on the refined plan, within a share of the refiner's budget.
    func chainStage(_ start: Refiner.Candidate, refiner: inout Refiner, options: PlanOptions,
                    log: inout [SearchRecord]) -> Refiner.Candidate {
        let before = refiner.improvements.count
        let budget = Refiner.ChainBudget(evaluations: refiner.budget / options.chainBudgetDivisor)
        let best = refiner.ejectionChains(start, budget: budget)
        log += refiner.improvements[before...]
        return best
    }

    /// Stage 7, window search: GLPK re-solves windows of the refined plan (latency only).
    func windowStage(_ start: Refiner.Candidate, refiner: inout Refiner, options: PlanOptions,
                     log: inout [SearchRecord]) throws(PlanError) -> Refiner.Candidate {
        guard options.objective == .latency, refiner.problem.operatorCount <= options.windowSearchMaxOperators,
              refiner.problem.unitCount <= options.ilpMaxUnits else { return start }
        var search = WindowSearch(problem: refiner.problem, budget: .default(options))
        let best = try search.improve(start, refiner: &refiner, seed: options.seed)
        log += search.records
        return best
    }

    /// Stage 8, enumeration windows: windows whose units are enumerated by branch and bound on the
    /// list schedule (`EnumerationSearch`; latency only, same size gate as the window search).
    func enumerationStage(_ start: Refiner.Candidate, refiner: inout Refiner, options: PlanOptions,
                          log: inout [SearchRecord]) -> Refiner.Candidate {
        guard options.objective == .latency, options.enumerationWindows > 0,
              refiner.problem.operatorCount <= options.windowSearchMaxOperators else { return start }
        var search = EnumerationSearch(problem: refiner.problem, budget: .default(options))
        let best = search.improve(start, refiner: &refiner, seed: options.seed)
        log += search.records
        return best
    }

    /// Stage 10, decode: the candidate list-scheduled with and without insertion; never worse than
    /// the seed or any of `alternatives`.
    func decodeStage(_ best: Refiner.Candidate, seeds: Seeds, problem: PlanProblem, alternatives: [Schedule] = []) -> Schedule {
        let objective = seeds.objective
        var final = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
        let inserted = ScheduleBuilder(problem: problem, insertion: true).build(assignment: best.assignment, priority: best.priority)
        if objective.score(inserted) < objective.score(final) - 1e-9 { final = inserted }
        for candidate in [seeds.best.schedule] + alternatives where objective.score(candidate) < objective.score(final) - 1e-9 {
            final = candidate
        }
        return final
    }

    /// Stage 11, exact: on small graphs, the exact MILP warm-started with the plan, within its node
    /// and iteration limits (and the time left, under a requested cap).
    func exactStage(_ result: inout StrategyResult, problem: PlanProblem, options: PlanOptions, clock: SearchClock,
                    log: inout [SearchRecord]) throws(PlanError) {
        guard exactStageApplies(problem, options: options) else { return }
        let exact = try ExactILPStrategy().solve(problem, incumbent: result.schedule, options: options,
                                                 clock: clock, minimumSeconds: 0.5)
        log += exact.records
        result.solver = exact.result.solver
        result.lowerBoundUS = exact.result.lowerBoundUS
        result.solverSeconds = exact.result.solverSeconds
        if exact.result.schedule.makespanUS < result.schedule.makespanUS - 1e-9 { result.schedule = exact.result.schedule }
    }

    /// Whether the exact stage runs: latency, on graphs of at most the exact threshold.
    func exactStageApplies(_ problem: PlanProblem, options: PlanOptions) -> Bool {
        options.objective == .latency && problem.operatorCount <= min(options.exactThreshold, ExactILPStrategy.operatorLimit)
    }

    /// Every operator on the unit where it costs the least energy (ties: the faster unit), in
    /// upward-rank order.
    func leastEnergySchedule(_ problem: PlanProblem) -> Schedule {
        let assignment = (0..<problem.operatorCount).map { op in
            problem.costs.capableUnits(op).min { a, b in
                let (ea, eb) = (problem.costs.energyPJ[op][a] ?? .infinity, problem.costs.energyPJ[op][b] ?? .infinity)
                return ea != eb ? ea < eb : (problem.exec(op, a) ?? .infinity) < (problem.exec(op, b) ?? .infinity)
            }!
        }
        let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
        return ScheduleBuilder(problem: problem, insertion: true).build(assignment: assignment, priority: priority)
    }

    /// Operators that some non-CPU unit cannot run: operator spills to explain.
    func operatorSpills(_ problem: PlanProblem) -> [SearchRecord] {
        var records: [SearchRecord] = []
        for op in 0..<problem.operatorCount {
            for unit in 0..<problem.unitCount {
                if let reason = problem.costs.reasons[op][unit], problem.costs.unitKinds[unit] != "cpu" {
                    records.append(.operatorSpill(operatorLabel: problem.graph.operators[op].label,
                                                  unitName: problem.costs.unitNames[unit], reason: reason))
                }
            }
        }
        return records
    }
}
