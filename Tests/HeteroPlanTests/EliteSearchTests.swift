@testable import HeteroPlan
import HeteroRecords
import XCTest

final class EliteSearchTests: XCTestCase {
    private func candidate(_ problem: PlanProblem, _ schedule: Schedule) -> Refiner.Candidate {
        let priority = Refiner.priority(of: schedule)
        return Refiner.Candidate(assignment: schedule.assignment, priority: priority,
                                 score: ScheduleBuilder(problem: problem, insertion: false).makespan(assignment: schedule.assignment, priority: priority))
    }

    private func refiner(_ problem: PlanProblem) throws -> Refiner {
        let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        return Refiner(problem: problem, coarsening: Coarsening(problem, heavyEdges: false), options: PlanOptions(),
                       objective: ObjectiveScore(problem: problem, objective: .latency, reference: heft))
    }

    /// The pool keeps at most its capacity, best first, and never two plans closer than its
    /// minimum distance: a near plan replaces a member only when better.
    func testPoolKeepsTheBestDistinctPlans() {
        var pool = ElitePool(capacity: 2, minimumDistance: 2)
        func plan(_ assignment: [Int], _ score: Double) -> Refiner.Candidate {
            Refiner.Candidate(assignment: assignment, priority: [0, 1, 2, 3], score: score)
        }
        XCTAssertTrue(pool.insert(plan([0, 0, 0, 0], 10)))
        XCTAssertFalse(pool.insert(plan([1, 0, 0, 0], 11)), "one operator away and worse")
        XCTAssertTrue(pool.insert(plan([1, 1, 1, 1], 12)))
        XCTAssertFalse(pool.insert(plan([2, 2, 2, 2], 13)), "full, and worse than the worst")
        XCTAssertTrue(pool.insert(plan([1, 0, 0, 0], 9)), "near the best but better: replaces it")
        XCTAssertEqual(pool.members.map(\.score), [9, 12])
        XCTAssertTrue(pool.insert(plan([2, 2, 2, 2], 11)))
        XCTAssertEqual(pool.members.map(\.score), [9, 11])
        XCTAssertEqual(pool.best?.assignment, [1, 0, 0, 0])
        XCTAssertEqual(pool.pairs.map { [$0.0, $0.1] }, [[0, 1]])
    }

    /// A relinking walk between HEFT's and PEFT's plans returns a plan strictly between them (it
    /// shares units with each that the other does not have), within d² evaluations for d
    /// differing operators, and the same plan every time.
    func testRelinkReturnsAPointBetweenThePlans() throws {
        for seed in 0..<3 as Range<UInt64> {
            let problem = classicProblem(tasks: 30, seed: 700 + seed)
            let a = candidate(problem, try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule)
            let b = candidate(problem, try PEFTStrategy().schedule(problem, options: PlanOptions()).schedule)
            let distance = ElitePool.distance(a.assignment, b.assignment)
            guard distance >= 2 else { continue }
            var first = try refiner(problem)
            var second = try refiner(problem)
            let point = try XCTUnwrap(first.relink(from: a, towards: b, breadth: 24, limit: 100_000))
            let again = try XCTUnwrap(second.relink(from: a, towards: b, breadth: 24, limit: 100_000))
            XCTAssertEqual(point.assignment, again.assignment)
            XCTAssertEqual(point.priority, again.priority)
            let fromA = ElitePool.distance(point.assignment, a.assignment), fromB = ElitePool.distance(point.assignment, b.assignment)
            XCTAssertGreaterThan(fromA, 0)
            XCTAssertGreaterThan(fromB, 0)
            XCTAssertEqual(fromA + fromB, distance, "every operator keeps one of the two plans' units")
            XCTAssertLessThanOrEqual(first.evaluations, distance * distance + 2 * distance)
            XCTAssertEqual(point.score, ScheduleBuilder(problem: problem, insertion: false)
                .makespan(assignment: point.assignment, priority: point.priority), accuracy: 1e-9)
        }
    }

    /// Randomised HEFT gives valid plans, differs with the seed, and is HEFT at spread 0.
    func testRandomisedHEFT() throws {
        let problem = classicProblem(tasks: 40, seed: 900)
        let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        XCTAssertEqual(RandomisedHEFT.schedule(problem, seed: 1, spread: 0).assignment, heft.assignment)
        let plans = (1...4 as ClosedRange<UInt64>).map { RandomisedHEFT.schedule(problem, seed: $0, spread: 0.5) }
        XCTAssertGreaterThan(Set(plans.map(\.assignment)).count, 1)
        for plan in plans {
            for op in 0..<problem.operatorCount { XCTAssertNotNil(problem.exec(op, plan.assignment[op]), "t\(op) on an incapable unit") }
        }
        XCTAssertEqual(plans[0].assignment, RandomisedHEFT.schedule(problem, seed: 1, spread: 0.5).assignment, "seeded")
    }
}
