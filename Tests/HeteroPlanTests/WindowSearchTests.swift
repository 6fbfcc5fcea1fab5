import GLPKSolver
import HeteroCost
import HeteroIR
@testable import HeteroPlan
import HeteroRecords
import XCTest

final class WindowSearchTests: XCTestCase {
    func testWindowFindsTheJointMoveNoSingleMoveFinds() throws {
        let problem = try pairProblem()
        let start = [0, 0]
        let builder = ScheduleBuilder(problem: problem, insertion: false)
        XCTAssertEqual(builder.makespan(assignment: start, priority: [0, 1]), 20, accuracy: 1e-9)
        for op in 0..<2 {
            var moved = start
            moved[op] = 1
            XCTAssertGreaterThan(builder.makespan(assignment: moved, priority: [0, 1]), 20, "moving t\(op) alone must not improve")
        }
        var refiner = Refiner(problem: problem, coarsening: Coarsening(problem, heavyEdges: false), options: PlanOptions(),
                              objective: ObjectiveScore(problem: problem, objective: .latency,
                                                                             reference: builder.build(assignment: start, priority: [0, 1])))
        let candidate = Refiner.Candidate(assignment: start, priority: [0, 1], score: 20)
        var search = WindowSearch(problem: problem, budget: .init(windows: 1, perWindow: SolverBudget(nodes: 50, work: 10_000_000, rootIterations: 100_000), minimumWindow: 2, maximumWindow: 2))
        let best = try search.improve(candidate, refiner: &refiner, seed: 1)
        XCTAssertEqual(best.assignment, [1, 1])
        XCTAssertEqual(best.score, 16, accuracy: 1e-9)
        XCTAssertEqual(search.records.count, 1)
    }

    /// On a 10-task chain whose only improving move relocates all 10 tasks, twenty windows of 4-8
    /// operators leave the plan as it is; one wide window (10-30 operators) finds the optimum, with
    /// either ordering.
    func testWideWindowFindsTheMoveSmallWindowsCannot() throws {
        let problem = try chainProblem(length: 10)
        let start = [Int](repeating: 0, count: 10)
        let priority = Array(0..<10)
        let builder = ScheduleBuilder(problem: problem, insertion: false)
        XCTAssertEqual(builder.makespan(assignment: start, priority: priority), 100, accuracy: 1e-9)
        let limits = SolverBudget(nodes: 300, work: 40_000_000, rootIterations: 100_000)
        func search(windows: Int, wide: Int, ordering: WindowFormulation.Ordering = .exact) throws -> Refiner.Candidate {
            var refiner = Refiner(problem: problem, coarsening: Coarsening(problem, heavyEdges: false), options: PlanOptions(),
                                  objective: ObjectiveScore(problem: problem, objective: .latency,
                                                            reference: builder.build(assignment: start, priority: priority)))
            var search = WindowSearch(problem: problem, budget: .init(windows: windows, perWindow: limits, wideWindows: wide,
                                                                      widePerWindow: limits, wideOrdering: ordering))
            return try search.improve(Refiner.Candidate(assignment: start, priority: priority, score: 100), refiner: &refiner, seed: 1)
        }
        let small = try search(windows: 20, wide: 0)
        XCTAssertEqual(small.score, 100, accuracy: 1e-9, "windows of 4-8 operators cannot reach the whole chain")
        XCTAssertEqual(small.assignment, start)
        for ordering in WindowFormulation.Ordering.allCases {
            let wide = try search(windows: 0, wide: 1, ordering: ordering)
            XCTAssertEqual(wide.score, 90, accuracy: 1e-9, "\(ordering)")
            XCTAssertEqual(wide.assignment, [Int](repeating: 1, count: 10), "\(ordering)")
        }
    }

    /// The incumbent satisfies every row of the window MILP, in both orderings and for small and
    /// wide windows (so GLPK accepts it as a warm start); an exact window's solution
    /// list-schedules to at most its makespan C, a load-relaxed one's C is at most the incumbent's.
    func testIncumbentIsFeasibleAndSolutionsListScheduleWithinTheirMakespan() throws {
        for seed in 0..<4 as Range<UInt64> {
            let problem = classicProblem(tasks: 30, seed: 300 + seed)
            let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
            let incumbent = ScheduleBuilder(problem: problem, insertion: false).build(assignment: heft.assignment, priority: Refiner.priority(of: heft))
            var rng = SplitMix64(seed: seed)
            var rank = 0
            let search = WindowSearch(problem: problem, budget: .init(windows: 1, perWindow: SolverBudget(nodes: 50, work: 10_000_000, rootIterations: 100_000)))
            for kind in WindowSearch.WindowKind.allCases {
                for (size, ordering) in [(6, WindowFormulation.Ordering.exact), (6, .loadRelaxed), (20, .exact), (20, .loadRelaxed)] {
                    let window = search.choose(kind, size: size, incumbent: incumbent, rng: &rng, transferRank: &rank)
                    guard window.count >= 2 else { continue }
                    XCTAssertLessThanOrEqual(window.count, size, "\(kind)")
                    let formulation = WindowFormulation(problem: problem, window: window, incumbent: incumbent, ordering: ordering)
                    let values = formulation.values(for: incumbent)
                    for constraint in formulation.model.constraints {
                        let lhs = constraint.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable] }
                        XCTAssertGreaterThanOrEqual(lhs, constraint.lowerBound - 1e-6, "\(constraint.name), seed \(seed), \(kind), \(ordering)")
                        XCTAssertLessThanOrEqual(lhs, constraint.upperBound + 1e-6, "\(constraint.name), seed \(seed), \(kind), \(ordering)")
                    }
                    var options = MILPOptions(warmStart: values)
                    options.nodeLimit = 50
                    let (solution, _) = try SolverReport.solve(formulation.model, options: options)
                    XCTAssertTrue(solution.stats.warmStart.wasAccepted)
                    let objective = try XCTUnwrap(solution.stats.objective)
                    // The objective is C plus the start-time tie-break, at most startWeight · the horizon.
                    XCTAssertLessThanOrEqual(objective, incumbent.makespanUS * (1 + WindowFormulation.startWeight) + 1e-6,
                                             "seed \(seed), \(kind), \(ordering)")
                    guard ordering == .exact else { continue }
                    let (units, starts) = formulation.decode(solution.values)
                    var assignment = incumbent.assignment
                    for (w, op) in window.enumerated() { assignment[op] = units[w] }
                    let order = starts.indices.sorted { starts[$0] != starts[$1] ? starts[$0] < starts[$1] : $0 < $1 }
                    let makespan = ScheduleBuilder(problem: problem, insertion: false).makespan(assignment: assignment, priority: order)
                    XCTAssertLessThanOrEqual(makespan, objective + 1e-6, "seed \(seed), \(kind)")
                    XCTAssertLessThanOrEqual(makespan, incumbent.makespanUS + 1e-6, "seed \(seed), \(kind)")
                }
            }
        }
    }

    /// The critical path ends at the last operator to finish and each step is a binding constraint.
    func testCriticalPathEndsAtTheMakespan() throws {
        let problem = classicProblem(tasks: 25, seed: 11)
        let heft = try HEFTStrategy().schedule(problem, options: PlanOptions()).schedule
        let path = WindowSearch.criticalPath(problem, heft)
        XCTAssertEqual(heft.operators[try XCTUnwrap(path.last)].finishUS, heft.makespanUS, accuracy: 1e-9)
        XCTAssertEqual(Set(path).count, path.count)
    }
}
