import GLPKSolver
import XCTest

/// Basic statuses and values on models with known answers.
final class SolveTests: XCTestCase {
    func testSmallMIPHasKnownOptimum() throws {
        let model = TestModels.classic(integer: true)
        let solution = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.values, [4, 0])
        XCTAssertEqual(solution.objective ?? .nan, 20, accuracy: 1e-9)
        XCTAssertEqual(solution.stats.bestBound ?? .nan, 20, accuracy: 1e-9)
        XCTAssertEqual(solution.stats.relativeGap ?? .nan, 0, accuracy: 1e-12)
        XCTAssertNotNil(solution.stats.nodes)
        XCTAssertFalse(solution.stats.hitTimeLimit)
        XCTAssertEqual(solution.stats.warmStart, .notProvided)
        XCTAssertEqual(solution[0], 4)
    }

    func testLPOnlyModelReturnsFractionalOptimum() throws {
        let model = TestModels.classic(integer: false)
        let solution = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.values[0], 3, accuracy: 1e-9)
        XCTAssertEqual(solution.values[1], 1.5, accuracy: 1e-9)
        XCTAssertEqual(solution.objective ?? .nan, 21, accuracy: 1e-9)
        XCTAssertNil(solution.stats.nodes, "an LP runs no branch-and-bound")
        XCTAssertGreaterThan(solution.stats.simplexIterations, 0)
    }

    func testMinimizationWithOffsetEqualityAndFreeVariable() throws {
        // min 2a - b + 10  s.t.  a + b = 4,  a - b >= -2,  b free in [-inf, 5];  a integer >= 0.
        let model = MILPModel(
            sense: .minimize, objectiveOffset: 10,
            variables: [
                MILPVariable(name: "a", kind: .integer, objective: 2),
                MILPVariable(name: "b", lowerBound: -.infinity, upperBound: 5, objective: -1),
            ],
            constraints: [
                .equal("sum", [(0, 1), (1, 1)], 4),
                .greaterOrEqual("diff", [(0, 1), (1, -1)], -2),
            ])
        let solution = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.status, .optimal)
        // a = 1, b = 3 -> 2 - 3 + 10 = 9 (a = 0 would need b = 4, violating a - b >= -2).
        XCTAssertEqual(solution.values, [1, 3])
        XCTAssertEqual(solution.objective ?? .nan, 9, accuracy: 1e-9)
    }

    func testInfeasibleLP() throws {
        let model = MILPModel(
            variables: [MILPVariable(name: "x"), MILPVariable(name: "y")],
            constraints: [
                .greaterOrEqual("atLeast5", [(0, 1), (1, 1)], 5),
                .lessOrEqual("atMost3", [(0, 1), (1, 1)], 3),
            ])
        let solution = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.status, .infeasible)
        XCTAssertTrue(solution.values.isEmpty)
        XCTAssertNil(solution.objective)
        XCTAssertNil(solution.stats.bestBound)
    }

    func testIntegerInfeasibleButLPFeasible() throws {
        // 2x = 1 has the LP solution x = 0.5 and no integer solution: decided by glp_intopt.
        let model = MILPModel(
            variables: [MILPVariable(name: "x", kind: .integer, upperBound: 10)],
            constraints: [.equal("odd", [(0, 2)], 1)])
        let solution = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.status, .infeasible)
        XCTAssertNotNil(solution.stats.nodes)
    }

    func testUnboundedLPAndMIP() throws {
        for kind in [MILPVariable.Kind.continuous, .integer] {
            let model = MILPModel(
                sense: .maximize,
                variables: [
                    MILPVariable(name: "x", kind: kind, objective: 1),
                    MILPVariable(name: "y", kind: kind, objective: 1),
                ],
                constraints: [.lessOrEqual("diff", [(0, 1), (1, -1)], 1)])
            let solution = try GLPKSolver.solve(model)
            XCTAssertEqual(solution.status, .unbounded, "\(kind)")
            XCTAssertTrue(solution.values.isEmpty)
        }
    }

    func testModelWithoutConstraintsOrVariables() throws {
        let boundsOnly = MILPModel(
            sense: .maximize,
            variables: [MILPVariable(name: "z", kind: .integer, lowerBound: -3, upperBound: 7, objective: 2)])
        let solution = try GLPKSolver.solve(boundsOnly)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.values, [7])

        let empty = MILPModel(objectiveOffset: 4)
        let emptySolution = try GLPKSolver.solve(empty)
        XCTAssertEqual(emptySolution.status, .optimal)
        XCTAssertEqual(emptySolution.objective ?? .nan, 4, accuracy: 1e-12)
    }

    func testBinaryFixedByBounds() throws {
        // A binary with bounds [1, 1] must stay fixed (the guard must not reset it to [0, 1]).
        var model = TestModels.knapsack(items: 8)
        model.variables[0].lowerBound = 1
        let solution = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertEqual(solution.values[0], 1)
        assertFeasible(solution.values, for: model)
    }

    func testKnapsackIsOptimalFeasibleAndDeterministic() throws {
        let model = TestModels.knapsack()
        let first = try GLPKSolver.solve(model)
        let second = try GLPKSolver.solve(model)
        XCTAssertEqual(first.status, .optimal)
        assertFeasible(first.values, for: model)
        XCTAssertEqual(first.objective ?? .nan, objective(of: first.values, in: model), accuracy: 1e-6)
        XCTAssertEqual(first.values, second.values)
        XCTAssertEqual(first.objective, second.objective)
        XCTAssertEqual(first.stats.nodes, second.stats.nodes)
    }

    func testRelativeGapOptionStopsEarlyWithinTolerance() throws {
        let model = TestModels.coveringKnapsack()
        let exact = try GLPKSolver.solve(model)
        let loose = try GLPKSolver.solve(model, options: MILPOptions(relativeGap: 0.05))
        XCTAssertEqual(exact.status, .optimal)
        XCTAssertEqual(loose.status, .optimal)
        assertFeasible(loose.values, for: model)
        let optimum = try XCTUnwrap(exact.objective)
        let found = try XCTUnwrap(loose.objective)
        XCTAssertGreaterThanOrEqual(found, optimum - 1e-6)
        XCTAssertLessThanOrEqual((found - optimum) / optimum, 0.05 + 1e-9)
        if let bound = loose.stats.bestBound {
            XCTAssertLessThanOrEqual(bound, optimum + 1e-6, "a bound never exceeds the optimum (min)")
        }
    }

    func testVerboseLogIsCapturedNotPrinted() throws {
        let solution = try GLPKSolver.solve(
            TestModels.classic(integer: true), options: MILPOptions(verboseLog: true))
        XCTAssertTrue(solution.stats.solverLog.contains("mip ="), solution.stats.solverLog)
        let quiet = try GLPKSolver.solve(TestModels.classic(integer: true))
        XCTAssertEqual(quiet.stats.solverLog, "")
    }

    func testVersionIsGLPK5() {
        XCTAssertTrue(GLPKSolver.glpkVersion.hasPrefix("5."), GLPKSolver.glpkVersion)
    }
}
