import GLPKSolver
import XCTest

final class WarmStartTests: XCTestCase {
    /// A feasible, deliberately poor knapsack solution: the first items that fit, in index order.
    private func firstFit(_ model: MILPModel) -> [Double] {
        let row = model.constraints[0]
        var load = 0.0
        return row.terms.map { term in
            guard load + term.coefficient <= row.upperBound else { return 0 }
            load += term.coefficient
            return 1
        }
    }

    func testFeasibleWarmStartIsAcceptedAndNeverBeaten() throws {
        let model = TestModels.knapsack()
        let warm = firstFit(model)
        assertFeasible(warm, for: model)
        let warmObjective = objective(of: warm, in: model)

        let solution = try GLPKSolver.solve(model, options: MILPOptions(warmStart: warm))
        XCTAssertEqual(solution.stats.warmStart, .accepted)
        XCTAssertTrue(solution.stats.warmStart.wasAccepted)
        XCTAssertEqual(solution.status, .optimal)
        XCTAssertGreaterThanOrEqual(solution.objective ?? -.infinity, warmObjective, "maximisation: never worse")
        assertFeasible(solution.values, for: model)

        let cold = try GLPKSolver.solve(model)
        XCTAssertEqual(solution.objective ?? .nan, cold.objective ?? .nan, accuracy: 1e-6, "same optimum")
    }

    func testOptimalWarmStartIsKept() throws {
        let model = TestModels.coveringKnapsack()
        let optimum = try GLPKSolver.solve(model)
        let seeded = try GLPKSolver.solve(model, options: MILPOptions(warmStart: optimum.values))
        XCTAssertEqual(seeded.stats.warmStart, .accepted)
        XCTAssertEqual(seeded.objective ?? .nan, optimum.objective ?? .nan, accuracy: 1e-9)
    }

    func testInfeasibleWarmStartIsNotOffered() throws {
        let model = TestModels.knapsack()
        let everything = [Double](repeating: 1, count: model.variables.count)  // over capacity
        let solution = try GLPKSolver.solve(model, options: MILPOptions(warmStart: everything))
        guard case .rejectedInfeasible(let why) = solution.stats.warmStart else {
            return XCTFail("expected rejectedInfeasible, got \(solution.stats.warmStart)")
        }
        XCTAssertTrue(why.contains("capacity"), why)
        XCTAssertFalse(solution.stats.warmStart.wasAccepted)
        XCTAssertEqual(solution.status, .optimal)
        assertFeasible(solution.values, for: model)

        var fractional = firstFit(model)
        fractional[0] = 0.5
        let second = try GLPKSolver.solve(model, options: MILPOptions(warmStart: fractional))
        guard case .rejectedInfeasible(let reason) = second.stats.warmStart else {
            return XCTFail("expected rejectedInfeasible for a fractional binary")
        }
        XCTAssertTrue(reason.contains("not integral"), reason)
    }

    func testNearlyIntegralWarmStartIsRoundedBeforeOffering() throws {
        let model = TestModels.knapsack()
        let warm = firstFit(model).map { $0 == 1 ? 1 - 1e-9 : 1e-9 }
        let solution = try GLPKSolver.solve(model, options: MILPOptions(warmStart: warm))
        XCTAssertEqual(solution.stats.warmStart, .accepted)
    }

    func testWarmStartOnLPAndWithPresolveIsNotOffered() throws {
        let lp = TestModels.classic(integer: false)
        let lpSolution = try GLPKSolver.solve(lp, options: MILPOptions(warmStart: [0, 0]))
        guard case .notOffered = lpSolution.stats.warmStart else {
            return XCTFail("LP: expected notOffered, got \(lpSolution.stats.warmStart)")
        }
        XCTAssertEqual(lpSolution.objective ?? .nan, 21, accuracy: 1e-9)

        let mip = TestModels.knapsack()
        let presolved = try GLPKSolver.solve(mip, options: MILPOptions(warmStart: firstFit(mip), presolve: true))
        XCTAssertEqual(presolved.stats.warmStart, .notOffered("presolve is on"))
        XCTAssertEqual(presolved.status, .optimal)
        let plain = try GLPKSolver.solve(mip)
        XCTAssertEqual(presolved.objective ?? .nan, plain.objective ?? .nan, accuracy: 1e-6)
    }
}
