@testable import HeteroPlan
import XCTest

final class EjectionChainTests: XCTestCase {
    private func refiner(_ problem: PlanProblem, start: [Int]) -> Refiner {
        let reference = ScheduleBuilder(problem: problem, insertion: false).build(assignment: start, priority: Array(0..<problem.operatorCount))
        return Refiner(problem: problem, coarsening: Coarsening(problem, heavyEdges: false), options: PlanOptions(),
                       objective: ObjectiveScore(problem: problem, objective: .latency, reference: reference))
    }

    /// No single-operator move improves the pair (see `pairProblem` and
    /// `WindowSearchTests`); the chain t0 -> u1 (worse), then its consumer t1 -> u1 does.
    func testChainMovesAProducerConsumerPairTogether() throws {
        let problem = try pairProblem()
        var chains = refiner(problem, start: [0, 0])
        let best = chains.ejectionChains(Refiner.Candidate(assignment: [0, 0], priority: [0, 1], score: 20),
                                         budget: .init(evaluations: 100))
        XCTAssertEqual(best.assignment, [1, 1])
        XCTAssertEqual(best.score, 16, accuracy: 1e-9)
    }

    /// Chains never worsen the start, respect their evaluation budget, and are deterministic.
    func testChainsNeverWorsenAndAreDeterministic() throws {
        for seed in 0..<3 as Range<UInt64> {
            let problem = classicProblem(tasks: 30, seed: 500 + seed)
            let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
            let start = Refiner.Candidate(assignment: heft.assignment, priority: Refiner.priority(of: heft), score: heft.makespanUS)
            var first = refiner(problem, start: heft.assignment)
            var second = refiner(problem, start: heft.assignment)
            let a = first.ejectionChains(start, budget: .init(evaluations: 500))
            let b = second.ejectionChains(start, budget: .init(evaluations: 500))
            XCTAssertEqual(a.assignment, b.assignment)
            XCTAssertEqual(a.priority, b.priority)
            XCTAssertLessThanOrEqual(a.score, ScheduleBuilder(problem: problem, insertion: false)
                .makespan(assignment: start.assignment, priority: start.priority) + 1e-9)
            // The budget is checked before each chain; one chain costs at most 2·length·degree·units.
            XCTAssertLessThan(first.evaluations, 500 + 2 * 6 * 2 * problem.operatorCount)
        }
    }
}
