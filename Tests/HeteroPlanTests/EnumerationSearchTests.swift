import HeteroCost
import HeteroIR
@testable import HeteroPlan
import HeteroRecords
import XCTest

final class EnumerationSearchTests: XCTestCase {
    private func refiner(_ problem: PlanProblem, _ reference: Schedule) -> Refiner {
        Refiner(problem: problem, coarsening: Coarsening(problem, heavyEdges: false), options: PlanOptions(),
                objective: ObjectiveScore(problem: problem, objective: .latency, reference: reference))
    }

    /// Every assignment of `ops` (the others as in `base`) list-scheduled in `priority`: the least
    /// makespan and an assignment reaching it.
    private func bruteForce(_ problem: PlanProblem, base: [Int], ops: [Int], priority: [Int]) -> (makespan: Double, assignment: [Int]) {
        let builder = ScheduleBuilder(problem: problem, insertion: false)
        var best = (makespan: Double.infinity, assignment: base)
        var assignment = base
        func visit(_ index: Int) {
            guard index < ops.count else {
                let makespan = builder.makespan(assignment: assignment, priority: priority)
                if makespan < best.makespan { best = (makespan, assignment) }
                return
            }
            for unit in problem.costs.capableUnits(ops[index]) {
                assignment[ops[index]] = unit
                visit(index + 1)
            }
            assignment[ops[index]] = base[ops[index]]
        }
        visit(0)
        return best
    }

    /// An 8-task chain all on u0 (80 us) is a local optimum no move of 1-4 tasks escapes (each
    /// moved stretch adds a 20 us transfer and saves at most 4 us); the only better plan moves all
    /// 8 (72 us, the optimum by brute force). One enumeration window of 8 operators finds it;
    /// windows of 4 cannot.
    func testEnumerationEscapesALocalOptimumNoSmallMoveEscapes() throws {
        let problem = try chainProblem(length: 8)
        let start = [Int](repeating: 0, count: 8)
        let priority = Array(0..<8)
        let builder = ScheduleBuilder(problem: problem, insertion: false)
        XCTAssertEqual(builder.makespan(assignment: start, priority: priority), 80, accuracy: 1e-9)
        for mask in 1..<(1 << 8) where mask.nonzeroBitCount <= 4 {
            let moved = (0..<8).map { mask & (1 << $0) != 0 ? 1 : 0 }
            XCTAssertGreaterThan(builder.makespan(assignment: moved, priority: priority), 80, "moving \(moved) must not improve")
        }
        let optimum = bruteForce(problem, base: start, ops: Array(0..<8), priority: priority)
        XCTAssertEqual(optimum.makespan, 72, accuracy: 1e-9)

        func search(size: Int, windows: Int) -> (Refiner.Candidate, [SearchRecord]) {
            var refiner = refiner(problem, builder.build(assignment: start, priority: priority))
            var search = EnumerationSearch(problem: problem, budget: .init(windows: windows, size: size, work: 1_000_000))
            let best = search.improve(Refiner.Candidate(assignment: start, priority: priority, score: 80), refiner: &refiner, seed: 1)
            return (best, search.records)
        }
        let small = search(size: 4, windows: 6).0
        XCTAssertEqual(small.score, 80, accuracy: 1e-9, "windows of 4 operators cannot reach the optimum")
        let (whole, records) = search(size: 8, windows: 1)
        XCTAssertEqual(whole.score, optimum.makespan, accuracy: 1e-9)
        XCTAssertEqual(whole.assignment, optimum.assignment)
        guard case let .enumeratedWindow(summary) = try XCTUnwrap(records.first) else { return XCTFail("\(records)") }
        XCTAssertEqual(summary.reassigned, 8)
    }

    /// With the whole graph as the window and no work limit, the branch and bound from every task
    /// on its slowest unit returns the best assignment for the priority order, as brute force over all 3^9 finds it (a bound that cut
    /// off a better completion would fail this), and its makespan is the list scheduler's.
    func testBranchAndBoundFindsTheBruteForceOptimum() throws {
        for seed in 0..<3 as Range<UInt64> {
            let problem = classicProblem(tasks: 9, seed: 900 + seed)
            let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
            let priority = Refiner.priority(of: heft)
            // Start from every task on its slowest unit, so the optimum is well below the start.
            let slowest = (0..<9).map { op in problem.costs.capableUnits(op).max { problem.exec(op, $0)! < problem.exec(op, $1)! }! }
            let builder = ScheduleBuilder(problem: problem, insertion: false)
            let makespan = builder.makespan(assignment: slowest, priority: priority)
            var search = AssignmentEnumeration(problem: problem, window: Array(0..<9), incumbent: slowest, priority: priority,
                                               makespan: makespan, targets: { problem.costs.capableUnits($0) }, workLimit: .max)
            search.run()
            let optimum = bruteForce(problem, base: slowest, ops: Array(0..<9), priority: priority)
            XCTAssertLessThan(optimum.makespan, makespan * 0.9, "seed \(seed)")
            XCTAssertEqual(search.bestMakespan, optimum.makespan, accuracy: 1e-9, "seed \(seed)")
            XCTAssertEqual(builder.makespan(assignment: search.best, priority: priority), search.bestMakespan, accuracy: 1e-9, "seed \(seed)")
            XCTAssertLessThan(search.work, 9 * 19_683, "seed \(seed): the bound prunes nothing")
        }
    }

    /// The same inputs give the same plan, which is never worse than the start.
    func testDeterministicAndNeverWorse() throws {
        let problem = classicProblem(tasks: 30, seed: 31)
        let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let start = Refiner.Candidate(assignment: heft.assignment, priority: Refiner.priority(of: heft), score: 0)
        var results: [Refiner.Candidate] = []
        for _ in 0..<2 {
            var refiner = refiner(problem, heft)
            var candidate = start
            candidate.score = refiner.evaluate(start.assignment, priority: start.priority)
            var search = EnumerationSearch(problem: problem, budget: .init(windows: 4, size: 10, work: 50_000))
            let best = search.improve(candidate, refiner: &refiner, seed: 3)
            XCTAssertLessThanOrEqual(best.score, candidate.score)
            results.append(best)
        }
        XCTAssertEqual(results[0].assignment, results[1].assignment)
        XCTAssertEqual(results[0].priority, results[1].priority)
        XCTAssertEqual(results[0].score, results[1].score)
    }
}
