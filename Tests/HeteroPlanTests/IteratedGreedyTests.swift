@testable import HeteroPlan
import HeteroIR
import HeteroRecords
import XCTest

/// The optimizer's iterated-greedy stage (`OptimizeStrategy.iteratedGreedyStage`): rounds of
/// destroy, HEFT-insertion rebuild and descent from the final plan, kept only when strictly better.
final class IteratedGreedyTests: XCTestCase {
    /// The stage's inputs for a seeded classic instance: the seeds, a refiner with `budget`
    /// evaluations and the plan steepest descent reaches from HEFT's (a local optimum of the
    /// single and group moves).
    private func descended(tasks: Int, seed: UInt64, budget: Int) throws -> (OptimizeStrategy.Seeds, Refiner, Schedule, PlanOptions) {
        let problem = classicProblem(tasks: tasks, seed: seed)
        var options = PlanOptions()
        options.evaluationBudget = budget
        var log: [SearchRecord] = []
        let seeds = try OptimizeStrategy().seedStage(problem, options: options, log: &log)
        let heft = try HEFTStrategy().schedule(problem, options: options).schedule
        var refiner = latencyRefiner(problem, start: heft.assignment, budget: budget)
        let start = Refiner.Candidate(assignment: heft.assignment, priority: Refiner.priority(of: heft), score: heft.makespanUS)
        let local = refiner.descend(start, limit: 1_000_000)
        let plan = ScheduleBuilder(problem: problem, insertion: false).build(assignment: local.assignment, priority: local.priority)
        return (seeds, latencyRefiner(problem, start: heft.assignment, budget: budget), plan, options)
    }

    /// From steepest descent's local optimum on a 20-task instance (no single or group move
    /// gains), destroy-and-rebuild rounds reach 125.482 us from 134.749 us, and the stage keeps it.
    func testRebuildsBeyondTheDescentsLocalOptimum() throws {
        let (seeds, refiner, plan, options) = try descended(tasks: 20, seed: 903, budget: 4_000)
        XCTAssertEqual(plan.makespanUS, 134.749, accuracy: 1e-6)
        var descent = refiner
        let priority = Refiner.priority(of: plan)
        let start = Refiner.Candidate(assignment: plan.assignment, priority: priority,
                                      score: descent.evaluate(plan.assignment, priority: priority))
        XCTAssertEqual(descent.descend(start, limit: 1_000_000).score, start.score, accuracy: 1e-9)
        let outcome = try XCTUnwrap(OptimizeStrategy().iteratedGreedyStage(plan, seeds: seeds, refiner: refiner, options: options))
        let improved = try XCTUnwrap(outcome.improved)
        XCTAssertEqual(improved.makespanUS, 125.482, accuracy: 1e-6)
        guard case let .iteratedGreedy(summary) = outcome.record else { return XCTFail("not the stage's record") }
        XCTAssertEqual(summary.to, improved.makespanUS, accuracy: 1e-9)
        XCTAssertLessThanOrEqual(summary.evaluations, 4_000 / OptimizeStrategy.iteratedGreedyBudgetDivisor + 1_600)
        XCTAssertTrue(outcome.record.decision.reason.contains("kept"))
    }

    /// The same inputs give the same plan; a plan the rounds do not beat is not replaced.
    func testDeterministicAndKeptOnlyWhenBetter() throws {
        let (seeds, refiner, plan, options) = try descended(tasks: 20, seed: 900, budget: 4_000)
        let first = OptimizeStrategy().iteratedGreedyStage(plan, seeds: seeds, refiner: refiner, options: options)?.improved
        let second = OptimizeStrategy().iteratedGreedyStage(plan, seeds: seeds, refiner: refiner, options: options)?.improved
        XCTAssertEqual(first, second)
        XCTAssertNotNil(first)
        let (otherSeeds, otherRefiner, unbeaten, otherOptions) = try descended(tasks: 20, seed: 901, budget: 4_000)
        let outcome = try XCTUnwrap(OptimizeStrategy().iteratedGreedyStage(unbeaten, seeds: otherSeeds, refiner: otherRefiner, options: otherOptions))
        XCTAssertNil(outcome.improved)
        XCTAssertTrue(outcome.record.decision.reason.contains("not better, not kept"))
    }

    /// Latency only, several units, at most `iteratedGreedyOperators` operators.
    func testGate() {
        let small = classicProblem(tasks: 20, seed: 900), large = classicProblem(tasks: 100, seed: 900)
        var options = PlanOptions()
        XCTAssertTrue(OptimizeStrategy.iteratedGreedyStageRuns(small, options: options))
        XCTAssertFalse(OptimizeStrategy.iteratedGreedyStageRuns(large, options: options))
        options.objective = .energy
        XCTAssertFalse(OptimizeStrategy.iteratedGreedyStageRuns(small, options: options))
    }
}
