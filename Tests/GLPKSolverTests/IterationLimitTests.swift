import GLPKSolver
import XCTest

/// Simplex iteration limits stop a solve at the same point on every run, with an honest status.
final class IterationLimitTests: XCTestCase {
    func testBranchIterationLimitStopsDeterministicallyWithIncumbentAndBound() throws {
        // The parity model needs ~C(31,15) nodes to prove optimality; 60 iterations of
        // branch-and-cut after the root LP stop it early, at the same point every time.
        var options = MILPOptions(warmStart: TestModels.parityWarmStart())
        options.branchIterationLimit = 60
        let first = try GLPKSolver.solve(TestModels.parity(), options: options)
        let second = try GLPKSolver.solve(TestModels.parity(), options: options)
        XCTAssertEqual(first.status, .feasible)
        XCTAssertTrue(first.stats.hitIterationLimit)
        XCTAssertFalse(first.stats.hitNodeLimit)
        XCTAssertFalse(first.stats.hitTimeLimit)
        let branchIterations = first.stats.totalSimplexIterations - first.stats.simplexIterations
        XCTAssertGreaterThanOrEqual(branchIterations, 60)
        XCTAssertLessThan(branchIterations, 200, "stopped at the first callback past the limit")
        XCTAssertEqual(first.values, second.values)
        XCTAssertEqual(first.stats.nodes, second.stats.nodes)
        XCTAssertEqual(first.stats.totalSimplexIterations, second.stats.totalSimplexIterations)
        XCTAssertEqual(first.stats.bestBound ?? .nan, 0, accuracy: 1e-9)
    }

    func testRootIterationLimitLeavesAMIPWithoutSolutionOrWithItsWarmStart() throws {
        let model = TestModels.knapsack(items: 30)
        var options = MILPOptions()
        options.rootIterationLimit = 1
        let bare = try GLPKSolver.solve(model, options: options)
        XCTAssertEqual(bare.status, .stoppedWithoutSolution)
        XCTAssertTrue(bare.stats.hitIterationLimit)
        XCTAssertFalse(bare.stats.hitTimeLimit)
        XCTAssertEqual(bare.stats.simplexIterations, 1)
        XCTAssertTrue(bare.values.isEmpty)
        XCTAssertNil(bare.stats.nodes, "branch-and-cut did not run")

        options.warmStart = [Double](repeating: 0, count: model.variables.count)
        let warm = try GLPKSolver.solve(model, options: options)
        XCTAssertEqual(warm.status, .feasible)
        XCTAssertEqual(warm.stats.warmStart, .returnedAsSolution)
        XCTAssertEqual(warm.values, options.warmStart)
    }

    func testLimitsThatAreNotReachedLeaveTheSolveOptimal() throws {
        var options = MILPOptions()
        options.rootIterationLimit = 10_000
        options.branchIterationLimit = 10_000
        let solution = try GLPKSolver.solve(TestModels.classic(integer: true), options: options)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertFalse(solution.stats.hitIterationLimit)
        XCTAssertGreaterThanOrEqual(solution.stats.totalSimplexIterations, solution.stats.simplexIterations)
    }

    func testNonPositiveIterationLimitsAreRejected() {
        for (root, branch) in [(0, nil), (nil, -3)] as [(Int?, Int?)] {
            var options = MILPOptions()
            options.rootIterationLimit = root
            options.branchIterationLimit = branch
            XCTAssertThrowsError(try GLPKSolver.solve(TestModels.parity(), options: options)) { error in
                guard case GLPKError.invalidOption(let message)? = error as? GLPKError else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("iteration limit must be at least 1"), message)
            }
        }
    }
}
