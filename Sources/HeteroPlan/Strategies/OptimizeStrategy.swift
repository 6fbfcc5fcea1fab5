import Foundation
import HeteroRecords

/// The default strategy: start from the best baseline for the objective (fallback, greedy, HEFT,
/// PEFT — so the result is never worse than any of them), coarsen, solve the coarse assignment
/// ILP, refine on the true list-scheduled objective, and decode the best assignment and order into
/// the final schedule. Small graphs are then solved exactly (latency).
///
/// With contention (the platform's switch, and bandwidths to share) the search first runs as if
/// the interconnect were ideal, exactly as without contention, and its plan is re-timed with
/// contention: a candidate, so modelling contention never gives a plan the model rates worse.
/// When contention costs that plan more than 0.1%, a short refinement with contention follows from
/// it (a sixteenth of the ideal search's evaluations, so contention adds little planning time:
/// design-space sweeps plan thousands of points). Measured on the shipped platforms (`hetero-plan
/// benchmark contention`), longer contended searches find more (inception_v1 on snapdragon: 8%
/// faster after 16,000 contended evaluations from PEFT's plan) at twice the planning time.
public struct OptimizeStrategy: PlanningStrategy {
    public let name = "optimize"

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let deadline = Clock.now() + options.timeLimitSeconds
        guard problem.costs.contention && ContentionLedger.anythingContends(problem.costs) else {
            return try search(problem, options: options, deadline: deadline, ideal: nil).result
        }
        var idealCosts = problem.costs
        idealCosts.contention = false
        let idealProblem = try PlanProblem(graph: problem.graph, costs: idealCosts)
        var idealOptions = options
        idealOptions.exactThreshold = 0
        let ideal = try search(idealProblem, options: idealOptions, deadline: deadline, ideal: nil)
        var contended = options
        contended.evaluationBudget = max(200, ideal.evaluations / 16)
        return try search(problem, options: contended, deadline: deadline, ideal: ideal).result
    }

    /// A search's plan and its coarse ILP (which a contended search reuses: the ILP has no contention).
    private struct SearchOutcome {
        var result: StrategyResult
        var coarse: CoarseILPOutcome?
        /// Schedules the refinement evaluated.
        var evaluations: Int
    }

    /// One search. `ideal`, when given, is the outcome of a search for an ideal interconnect: its
    /// coarse ILP stands in for this search's, and refinement starts from its plan re-timed with
    /// contention (or is skipped when contention costs that plan at most 0.1%).
    private func search(_ problem: PlanProblem, options: PlanOptions, deadline: Double,
                        ideal: SearchOutcome?) throws(PlanError) -> SearchOutcome {
        var decisions: [Decision] = operatorSpills(problem)

        // Seeds: every baseline that applies, and for energy the least-energy assignment.
        var seeds: [(String, Schedule)] = []
        let baselines: [any PlanningStrategy] = [HEFTStrategy(), PEFTStrategy(), GreedyStrategy(), FallbackStrategy()]
        for baseline in baselines {
            if let result = try? baseline.schedule(problem, options: options) { seeds.append((baseline.name, result.schedule)) }
        }
        guard let latencySeed = seeds.min(by: { $0.1.makespanUS < $1.1.makespanUS }) else {
            throw .internalInconsistency("no baseline produced a schedule")
        }
        let objective = ObjectiveScore(problem: problem, objective: options.objective, reference: latencySeed.1)
        if options.objective == .energy { seeds.append(("least-energy", leastEnergySchedule(problem))) }
        // The ideal search's plan re-timed with contention, and what contention costs it.
        var idealRetimed: (schedule: Schedule, order: [Int], negligible: Bool)?
        if let ideal {
            let order = Refiner.priority(of: ideal.result.schedule)
            let retimed = [false, true].map { ScheduleBuilder(problem: problem, insertion: $0).build(assignment: ideal.result.schedule.assignment, priority: order) }
            let schedule = retimed.min { objective.score($0) < objective.score($1) }!
            idealRetimed = (schedule, order, schedule.makespanUS <= ideal.result.schedule.makespanUS * 1.001)
        }
        let (seedName, seedSchedule) = seeds.min { objective.score($0.1) < objective.score($1.1) }!
        let figure: (Schedule) -> String = { schedule in
            switch options.objective {
            case .latency: "\(self.format(schedule.makespanUS)) us"
            case .energy: String(format: "%.4g uJ", PlanMetrics.energyPJ(problem, schedule.assignment) / 1e6)
            case .throughput: "interval \(self.format(PlanMetrics.intervalUS(problem, schedule.assignment))) us"
            case .memory: "peak live \(PlanMetrics.peakLiveBytes(problem, schedule)) B"
            }
        }
        decisions.append(Decision(kind: .strategy, subject: "initial placement",
                                  reason: "best baseline for \(options.objective.rawValue) is \(seedName): " + seeds.map { "\($0.0) \(figure($0.1))" }.joined(separator: ", ")))

        let coarsening = Coarsening(problem)
        decisions.append(Decision(kind: .composite, subject: "coarsening",
                                  reason: "\(problem.operatorCount) operators in \(coarsening.groups.count) groups (declared composites, chains and heavy edges between operators with the same support contracted)"))
        var refiner = Refiner(problem: problem, coarsening: coarsening, options: options, deadline: deadline, objective: objective)
        var start = Refiner.Candidate(assignment: seedSchedule.assignment, priority: Refiner.priority(of: seedSchedule),
                                      score: objective.score(seedSchedule))
        start.score = refiner.evaluate(start.assignment, priority: start.priority)

        // The coarse assignment ILP (GLPK), warm-started with the seed, on composites and chains
        // (without heavy edges: measured on the classic instances, the finer graph gives a better
        // projection, and a valid bound when nothing is contracted); refinement continues from the
        // better of its projection and the seed. It models latency only; graphs small enough for
        // the exact MILP skip it.
        var coarse: CoarseILPOutcome?
        if let ideal {
            // The ideal search's ILP, its projection re-timed with contention.
            coarse = ideal.coarse
            decisions += ideal.coarse?.decisions ?? []
            if let candidate = ideal.coarse?.candidate {
                let projected = refiner.bestOrder(candidate.assignment, startOrder: candidate.priority)
                if projected.score < start.score - 1e-9 { start = projected }
            }
        } else if options.objective == .latency,
           problem.operatorCount > min(options.exactThreshold, ExactILPStrategy.operatorLimit) && problem.unitCount > 1 {
            // The finer composite-and-chain graph when it is small enough; else the full coarsening.
            let fine = Coarsening(problem, heavyEdges: false)
            let ilpGraph = fine.groups.count * problem.unitCount <= options.coarseILPMaxAssignments ? fine : coarsening
            let outcome = try coarseILP(problem, ilpGraph, seed: seedSchedule.assignment, refiner: &refiner,
                                        options: options, deadline: deadline)
            decisions += outcome.decisions
            if let candidate = outcome.candidate, candidate.score < start.score - 1e-9 { start = candidate }
            coarse = outcome
        }
        var best = start
        var evaluations = 0
        if let ideal, let idealRetimed {
            let searched = "searched for an ideal interconnect first (\(figure(ideal.result.schedule)) there, \(figure(idealRetimed.schedule)) with contention); "
            decisions.append(Decision(kind: .strategy, subject: "contention", reason: searched + (idealRetimed.negligible
                ? "contention costs that plan at most 0.1%, so no search with contention. That search's moves:"
                : "then refined with contention from the better of that plan and the best contended seed. The ideal search's moves, then the contended ones:")))
            // The moves the ideal search made explain the plan it gives.
            decisions += ideal.result.decisions.filter { $0.kind == .compositeSpill || $0.kind == .refinement }
            if !idealRetimed.negligible {
                let from = Refiner.Candidate(assignment: idealRetimed.schedule.assignment, priority: idealRetimed.order,
                                             score: refiner.evaluate(idealRetimed.schedule.assignment, priority: idealRetimed.order))
                best = refiner.refine(from.score < start.score - 1e-9 ? from : start)
                evaluations = refiner.evaluations
                decisions += refiner.improvements
            }
        } else {
            best = refiner.refine(start)
            evaluations = refiner.evaluations
            decisions += refiner.improvements
        }

        // Final decode: the refined candidate, with and without insertion; never worse than the seed.
        var final = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
        let inserted = ScheduleBuilder(problem: problem, insertion: true).build(assignment: best.assignment, priority: best.priority)
        if objective.score(inserted) < objective.score(final) - 1e-9 { final = inserted }
        if objective.score(seedSchedule) < objective.score(final) - 1e-9 { final = seedSchedule }
        if let idealRetimed, objective.score(idealRetimed.schedule) < objective.score(final) - 1e-9 { final = idealRetimed.schedule }
        decisions.append(Decision(kind: .strategy, subject: "refinement",
                                  reason: "\(evaluations + (ideal?.evaluations ?? 0)) schedules evaluated; \(options.objective.rawValue) \(figure(seedSchedule)) -> \(figure(final))"))
        var result = StrategyResult(schedule: final, decisions: decisions, solver: coarse?.solver,
                                    lowerBoundUS: coarse?.lowerBoundUS, solverSeconds: coarse?.solverSeconds)

        // Small graphs: the exact MILP, warm-started with the refined schedule, within the time left.
        if options.objective == .latency, problem.operatorCount <= min(options.exactThreshold, ExactILPStrategy.operatorLimit) {
            var exactOptions = options
            exactOptions.timeLimitSeconds = max(0.5, deadline - Clock.now())
            let exact = try ExactILPStrategy().solve(problem, incumbent: final, options: exactOptions)
            result.decisions += exact.decisions
            result.solver = exact.solver
            result.lowerBoundUS = exact.lowerBoundUS
            result.solverSeconds = exact.solverSeconds
            if exact.schedule.makespanUS < final.makespanUS - 1e-9 { result.schedule = exact.schedule }
        }
        return SearchOutcome(result: result, coarse: coarse, evaluations: evaluations)
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

    /// Operators the fastest unit for most of the graph cannot run: operator spills to explain.
    func operatorSpills(_ problem: PlanProblem) -> [Decision] {
        var decisions: [Decision] = []
        for op in 0..<problem.operatorCount {
            for unit in 0..<problem.unitCount {
                if let reason = problem.costs.reasons[op][unit], problem.costs.unitKinds[unit] != "cpu" {
                    decisions.append(Decision(kind: .operatorSpill, subject: problem.graph.operators[op].label,
                                              reason: "cannot run on \(problem.costs.unitNames[unit]): \(reason)"))
                }
            }
        }
        return decisions
    }

    private func format(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
