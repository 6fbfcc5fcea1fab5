import GLPKSolver
import XCTest

/// Time limits end the search with an honest status, incumbent, bound and gap.
final class TimeLimitTests: XCTestCase {
    /// Checks the SolveStats invariants for a minimisation result.
    private func assertConsistentMinimization(
        _ solution: MILPSolution, _ model: MILPModel, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let stats = solution.stats
        guard stats.status.hasSolution else { return }
        assertFeasible(solution.values, for: model, file: file, line: line)
        let objectiveValue = try XCTUnwrap(stats.objective, file: file, line: line)
        XCTAssertEqual(objectiveValue, objective(of: solution.values, in: model), accuracy: 1e-6, file: file, line: line)
        let bound = try XCTUnwrap(stats.bestBound, "a MIP with an incumbent has a bound", file: file, line: line)
        XCTAssertLessThanOrEqual(bound, objectiveValue + 1e-9, "bound <= objective (min)", file: file, line: line)
        let gap = try XCTUnwrap(stats.relativeGap, file: file, line: line)
        XCTAssertEqual(gap, abs(objectiveValue - bound) / (abs(objectiveValue) + Double.ulpOfOne), accuracy: 1e-12, file: file, line: line)
        if stats.status == .optimal {
            XCTAssertEqual(gap, 0, accuracy: 1e-9, file: file, line: line)
        } else {
            XCTAssertTrue(stats.hitTimeLimit, file: file, line: line)
        }
    }

    func testThirtyBinaryKnapsackUnderTinyLimitIsOptimalOrFeasibleWithBound() throws {
        let model = TestModels.coveringKnapsack(items: 30)
        let solution = try GLPKSolver.solve(model, options: MILPOptions(timeLimit: .milliseconds(20)))
        XCTAssertTrue([.optimal, .feasible, .stoppedWithoutSolution].contains(solution.status), "\(solution.status)")
        try assertConsistentMinimization(solution, model)
        XCTAssertLessThan(solution.stats.wallSeconds, 2)
    }

    func testHardParityModelStopsAtTimeLimitWithIncumbentAndBound() throws {
        let model = TestModels.parity()
        let start = ContinuousClock.now
        let solution = try GLPKSolver.solve(
            model,
            options: MILPOptions(timeLimit: .milliseconds(300), warmStart: TestModels.parityWarmStart()))
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(solution.status, .feasible, "proving optimality needs ~C(31,15) nodes")
        XCTAssertTrue(solution.stats.hitTimeLimit)
        XCTAssertEqual(solution.stats.warmStart, .accepted)
        XCTAssertLessThan(elapsed, .seconds(3), "the time limit is honoured")
        try assertConsistentMinimization(solution, model)
        XCTAssertEqual(solution.stats.bestBound ?? .nan, 0, accuracy: 1e-9, "root LP bound")
        XCTAssertLessThanOrEqual(solution.objective ?? .infinity, 31)
        XCTAssertGreaterThanOrEqual(solution.objective ?? 0, 1 - 1e-9, "31 is odd: the optimum is 1")
        XCTAssertGreaterThan(solution.stats.nodes ?? 0, 1)
    }

    func testHardParityModelWithoutWarmStart() throws {
        let model = TestModels.parity()
        let solution = try GLPKSolver.solve(model, options: MILPOptions(timeLimit: .milliseconds(200)))
        XCTAssertTrue([.feasible, .stoppedWithoutSolution].contains(solution.status), "\(solution.status)")
        XCTAssertTrue(solution.stats.hitTimeLimit)
        try assertConsistentMinimization(solution, model)
        if solution.status == .stoppedWithoutSolution {
            XCTAssertTrue(solution.values.isEmpty)
            XCTAssertEqual(solution.stats.bestBound ?? .nan, 0, accuracy: 1e-9)
        }
    }

    func testOneMillisecondLimitReturnsWarmStartOrNothing() throws {
        // With tm_lim = 1 ms glp_intopt stops before processing the root node, so GLPK never has
        // an incumbent: the feasible warm start is returned as-is; without one there is none.
        let model = TestModels.parity()
        let seeded = try GLPKSolver.solve(
            model, options: MILPOptions(timeLimit: .milliseconds(1), warmStart: TestModels.parityWarmStart()))
        XCTAssertEqual(seeded.status, .feasible)
        XCTAssertEqual(seeded.stats.warmStart, .returnedAsSolution)
        XCTAssertTrue(seeded.stats.warmStart.wasAccepted)
        XCTAssertEqual(seeded.values, TestModels.parityWarmStart())
        XCTAssertEqual(seeded.objective ?? .nan, 31, accuracy: 1e-12)

        let bare = try GLPKSolver.solve(model, options: MILPOptions(timeLimit: .milliseconds(1)))
        XCTAssertEqual(bare.status, .stoppedWithoutSolution)
        XCTAssertTrue(bare.stats.hitTimeLimit)
        XCTAssertNil(bare.objective)
    }
}

final class NodeLimitTests: XCTestCase {
    func testNodeLimitStopsDeterministicallyWithIncumbentAndBound() throws {
        // The parity model needs ~C(31,15) nodes to prove optimality; 25 nodes stop it early, at
        // the same point every time (unlike a time limit).
        let model = TestModels.parity()
        var options = MILPOptions(warmStart: TestModels.parityWarmStart())
        options.nodeLimit = 25
        let first = try GLPKSolver.solve(model, options: options)
        let second = try GLPKSolver.solve(model, options: options)
        XCTAssertEqual(first.status, .feasible)
        XCTAssertTrue(first.stats.hitNodeLimit)
        XCTAssertFalse(first.stats.hitTimeLimit)
        XCTAssertGreaterThanOrEqual(first.stats.nodes ?? 0, 25)
        XCTAssertLessThan(first.stats.nodes ?? .max, 40, "stopped near the limit")
        XCTAssertEqual(first.values, second.values)
        XCTAssertEqual(first.stats.nodes, second.stats.nodes)
        XCTAssertEqual(first.stats.bestBound ?? .nan, 0, accuracy: 1e-9)
    }

    func testNodeLimitThatIsNotReachedLeavesTheSolveOptimal() throws {
        var model = MILPModel(name: "small", sense: .maximize)
        let a = model.addVariable(MILPVariable(name: "a", kind: .integer, lowerBound: 0, upperBound: 10, objective: 1))
        let b = model.addVariable(MILPVariable(name: "b", kind: .integer, lowerBound: 0, upperBound: 10, objective: 1))
        _ = model.addConstraint(MILPConstraint(name: "c", terms: [MILPTerm(a, 2), MILPTerm(b, 2)], lowerBound: -.infinity, upperBound: 7))
        var options = MILPOptions()
        options.nodeLimit = 1_000
        let solution = try GLPKSolver.solve(model, options: options)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertFalse(solution.stats.hitNodeLimit)
        XCTAssertEqual(solution.objective ?? 0, 3, accuracy: 1e-9)
    }

    func testNonPositiveNodeLimitIsRejected() {
        var options = MILPOptions()
        options.nodeLimit = 0
        XCTAssertThrowsError(try GLPKSolver.solve(TestModels.parity(), options: options)) { error in
            guard case GLPKError.invalidOption(let message)? = error as? GLPKError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("node limit"), message)
        }
    }
}
