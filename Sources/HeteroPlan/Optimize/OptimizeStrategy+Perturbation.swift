import HeteroRecords

/// Stage 9 of `OptimizeStrategy.search`: iterated local search over connected clusters
/// (Lourenço, Martin & Stützle 2003, "Iterated local search"; the kick is a cluster relocation as
/// in Shaw's large-neighbourhood search). Issue 13 found plans whose smallest improving move
/// relocates 5 or more connected tasks at once, each single step of it costing 1-50%: no descent,
/// annealing at low temperature or one-operator chain reaches them.
///
/// Each round: grow a connected cluster of `clusterSizes` operators (breadth first over edges,
/// from a random operator of the incumbent's critical path or, every other round, from any
/// operator; members of fused composites are left out), move it — two rounds in three all of it
/// to one unit every member can run on, else each member to a random unit it can run on — then
/// repair: descent over the cluster and its producers and consumers (`Refiner.descend(_:operators:limit:)`).
/// The result replaces the incumbent only when it scores better, so the stage never makes a plan
/// worse. It stops after the refiner's budget / `perturbationBudgetDivisor` evaluations; the
/// randomness is a `SplitMix64` stream of the seed, so the plan is a function of the inputs and
/// options.
extension OptimizeStrategy {
    /// Operators per perturbed cluster, drawn uniformly.
    static let clusterSizes = 5...12
    /// A repaired plan within this factor of the incumbent is annealed for `polishEvaluations`.
    static let polishWithin = 1.03
    static let polishEvaluations = 400
    /// The stage ends after this many rounds in a row drew no cluster it could move (on a graph
    /// whose operators are nearly all in fused composites, which clusters leave out).
    static let maximumMisses = 64

    func perturbationStage(_ start: Refiner.Candidate, refiner: inout Refiner, options: PlanOptions,
                           log: inout [SearchRecord]) -> Refiner.Candidate {
        let problem = refiner.problem
        guard options.perturbationBudgetDivisor > 0, problem.unitCount > 1,
              problem.operatorCount >= Self.clusterSizes.lowerBound else { return start }
        let limit = refiner.evaluations + max(1, refiner.budget / options.perturbationBudgetDivisor)
        var movable = [Bool](repeating: true, count: problem.operatorCount)
        for member in problem.costs.composites.joined() { movable[member] = false }
        let opUnits = (0..<problem.operatorCount).map { problem.costs.capableUnits($0) }
        var rng = SplitMix64(seed: options.seed ^ 0x9E7_C1A5)
        var best = start
        var summary = SearchRecord.PerturbationSummary(objective: options.objective, rounds: 0, kept: 0, from: start.score, to: start.score)
        var misses = 0
        var round = 0
        while refiner.evaluations < limit && !refiner.clock.expired() && misses < Self.maximumMisses {
            round += 1
            misses += 1
            let size = Self.clusterSizes.lowerBound + Int(rng.next() % UInt64(Self.clusterSizes.count))
            var core: [Int] = []
            if round % 2 == 1 {
                let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: best.assignment, priority: best.priority)
                let path = WindowSearch.criticalPath(problem, incumbent).filter { movable[$0] }
                if !path.isEmpty { core = [path[Int(rng.next() % UInt64(path.count))]] }
            }
            let cluster = WindowSearch.grow(core, to: size, problem: problem, movable: movable, rng: &rng)
            guard cluster.count >= 2 else { continue }
            var assignment = best.assignment
            if rng.next() % 3 != 0 {
                let shared = cluster.dropFirst().reduce(Set(opUnits[cluster[0]])) { $0.intersection(opUnits[$1]) }
                let targets = refiner.symmetry.moveTargets(shared.sorted(), best.assignment)
                    .filter { unit in cluster.contains { best.assignment[$0] != unit } }
                guard !targets.isEmpty else { continue }
                let unit = targets[Int(rng.next() % UInt64(targets.count))]
                for op in cluster { assignment[op] = unit }
            } else {
                for op in cluster {
                    let targets = refiner.symmetry.moveTargets(opUnits[op], best.assignment, near: problem.handOffPartners(op, best.assignment))
                    assignment[op] = targets[Int(rng.next() % UInt64(targets.count))]
                }
            }
            guard assignment != best.assignment else { continue }
            var scope = Set(cluster)
            for op in cluster {
                for edge in problem.incoming[op] { scope.insert(edge.producer) }
                for edge in problem.outgoing[op] { scope.insert(edge.consumer) }
            }
            misses = 0
            summary.rounds += 1
            let kicked = refiner.bestOrder(assignment, startOrder: best.priority)
            var repaired = refiner.descend(kicked, operators: scope.sorted(), limit: limit)
            // The order matters as much as the units (a relocated cluster may need another order to
            // pay off): a repaired plan close to the incumbent is annealed briefly.
            if repaired.score < best.score * Self.polishWithin && repaired.score >= best.score - 1e-9 {
                repaired = refiner.anneal(from: repaired, seed: rng.next(), limit: min(limit, refiner.evaluations + Self.polishEvaluations),
                                          patience: Self.polishEvaluations / 2)
            }
            if repaired.score < best.score - 1e-9 {
                best = repaired
                summary.kept += 1
            }
        }
        summary.to = best.score
        log.append(.perturbation(summary))
        return best
    }
}
