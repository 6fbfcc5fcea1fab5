@testable import HeteroPlan
import HeteroIR
import XCTest

/// The optimizer's block-relocation stage (`BlockRelocation`, `OptimizeStrategy.blockRelocationStage`):
/// the plan's same-unit blocks, and their parts beside each transfer, moved and repaired.
final class BlockRelocationTests: XCTestCase {
    /// Blocks are the components of same-unit edges; the moves include each block to another
    /// unit and, for a transfer, the consumer's downstream part of its block to the producer's unit.
    func testBlocksAndMovesFollowThePlan() throws {
        let problem = try chainProblem(length: 6)
        // t0 t1 on u0, t2 ... t5 on u1: two blocks, one transfer t1 -> t2.
        let assignment = [0, 0, 1, 1, 1, 1]
        XCTAssertEqual(BlockRelocation.blocks(problem, assignment), [[0, 1], [2, 3, 4, 5]])
        let moves = BlockRelocation(problem: problem).moves(assignment, opUnits: (0..<6).map { problem.costs.capableUnits($0) })
        XCTAssertEqual(moves.map(\.members), [[0, 1], [2, 3, 4, 5]])
        XCTAssertEqual(moves.map(\.unit), [1, 0])
    }

    /// A chain of 30 tasks all on u0 (300 us): every stretch of at most 19 tasks moved to u1 costs
    /// a transfer more than it saves, so the repair alone cannot leave; the block moved whole
    /// reaches 270 us, and the stage reports it.
    func testRelocatesAWholeBlockNoSingleMoveImproves() throws {
        let problem = try chainProblem(length: 30)
        let start = Refiner.Candidate(assignment: Array(repeating: 0, count: 30), priority: Array(0..<30), score: 300)
        var descent = latencyRefiner(problem, start: start.assignment, budget: 10_000)
        XCTAssertEqual(descent.descend(start, operators: Array(0..<30), limit: 10_000).score, 300, accuracy: 1e-9)
        var search = BlockRelocation(problem: problem)
        var blocks = latencyRefiner(problem, start: start.assignment, budget: 10_000)
        let best = search.improve(start, refiner: &blocks, limit: 10_000)
        XCTAssertEqual(best.assignment, Array(repeating: 1, count: 30))
        XCTAssertEqual(best.score, 270, accuracy: 1e-9)
        XCTAssertEqual(search.kept, 1)
    }

    /// On seeded classic instances the search never worsens its start, stops at its limit (the
    /// move under way may finish one order comparison past it) and is deterministic.
    func testNeverWorsensStaysInLimitAndIsDeterministic() throws {
        for seed in 0..<2 as Range<UInt64> {
            let problem = classicProblem(tasks: 20, seed: 700 + seed)
            let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
            let start = Refiner.Candidate(assignment: heft.assignment, priority: Refiner.priority(of: heft), score: heft.makespanUS)
            var results: [Refiner.Candidate] = []
            for _ in 0..<2 {
                var search = BlockRelocation(problem: problem)
                var evaluator = latencyRefiner(problem, start: heft.assignment, budget: 2_000)
                results.append(search.improve(start, refiner: &evaluator, limit: 300))
                XCTAssertLessThanOrEqual(evaluator.evaluations, 300 + 2)
            }
            XCTAssertEqual(results[0].assignment, results[1].assignment)
            XCTAssertEqual(results[0].priority, results[1].priority)
            XCTAssertLessThanOrEqual(results[0].score, start.score + 1e-9)
        }
    }
}
