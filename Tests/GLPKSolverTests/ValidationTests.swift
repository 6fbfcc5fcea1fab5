import GLPKSolver
import XCTest

/// Invalid models and options are typed errors raised before any C code runs, never crashes.
final class ValidationTests: XCTestCase {
    private func solveError(_ model: MILPModel, _ options: MILPOptions = MILPOptions()) -> GLPKError? {
        expectGLPKError { () throws(GLPKError) in _ = try GLPKSolver.solve(model, options: options) }
    }

    func testLowerAboveUpperOnVariable() {
        var model = TestModels.classic(integer: true)
        model.variables[1].lowerBound = 5
        model.variables[1].upperBound = 2
        guard case .invalidBounds(.variable(1, "y"), 5, 2)? = solveError(model) else {
            return XCTFail("expected invalidBounds on variable y")
        }
        XCTAssertEqual(
            solveError(model)?.description,
            "variable #1 'y': invalid bounds [5.0, 2.0]: the lower bound exceeds the upper bound")
    }

    func testLowerAboveUpperOnConstraint() {
        var model = TestModels.classic(integer: false)
        model.constraints[0].lowerBound = 30
        guard case .invalidBounds(.constraint(0, "paint"), 30, 24)? = solveError(model) else {
            return XCTFail("expected invalidBounds on constraint paint")
        }
    }

    func testNaNAndInfiniteValues() {
        var nanCoefficient = TestModels.classic(integer: true)
        nanCoefficient.constraints[1].terms[0].coefficient = .nan
        guard case .nonFiniteCoefficient(.constraint(1, "labour"), 0, let v)? = solveError(nanCoefficient), v.isNaN else {
            return XCTFail("expected nonFiniteCoefficient for a NaN term")
        }

        var nanObjective = TestModels.classic(integer: true)
        nanObjective.variables[0].objective = .nan
        guard case .nonFiniteCoefficient(.objective, 0, _)? = solveError(nanObjective) else {
            return XCTFail("expected nonFiniteCoefficient for a NaN objective coefficient")
        }

        var infiniteOffset = TestModels.classic(integer: true)
        infiniteOffset.objectiveOffset = .infinity
        guard case .nonFiniteCoefficient(.objective, nil, .infinity)? = solveError(infiniteOffset) else {
            return XCTFail("expected nonFiniteCoefficient for an infinite offset")
        }

        var nanBound = TestModels.classic(integer: false)
        nanBound.variables[0].upperBound = .nan
        guard case .invalidBounds(.variable(0, "x"), _, _)? = solveError(nanBound) else {
            return XCTFail("expected invalidBounds for a NaN bound")
        }

        var emptyInfinite = TestModels.classic(integer: false)
        emptyInfinite.variables[0].lowerBound = .infinity
        emptyInfinite.variables[0].upperBound = .infinity
        guard case .invalidBounds? = solveError(emptyInfinite) else {
            return XCTFail("expected invalidBounds for [+inf, +inf]")
        }
    }

    func testVariableIndexOutOfRange() {
        for bad in [2, -1, Int.max] {
            var model = TestModels.classic(integer: true)
            model.constraints[0].terms.append(MILPTerm(bad, 1))
            guard case .variableIndexOutOfRange(.constraint(0, "paint"), bad, 2)? = solveError(model) else {
                return XCTFail("expected variableIndexOutOfRange for index \(bad)")
            }
        }
    }

    func testDuplicateTerm() {
        var model = TestModels.classic(integer: true)
        model.constraints[1].terms.append(MILPTerm(0, 3))
        guard case .duplicateTerm(.constraint(1, "labour"), 0)? = solveError(model) else {
            return XCTFail("expected duplicateTerm")
        }
    }

    func testIntegerAndBinaryBounds() {
        var fractional = TestModels.classic(integer: true)
        fractional.variables[0].upperBound = 2.5
        guard case .fractionalIntegerBound(.variable(0, "x"), 0, 2.5)? = solveError(fractional) else {
            return XCTFail("expected fractionalIntegerBound")
        }

        var wideBinary = TestModels.knapsack(items: 4)
        wideBinary.variables[2].upperBound = 2
        guard case .binaryBoundsOutsideUnitInterval(.variable(2, "take_2"), 0, 2)? = solveError(wideBinary) else {
            return XCTFail("expected binaryBoundsOutsideUnitInterval")
        }
    }

    func testNamesGLPKWouldAbortOn() {
        var long = TestModels.classic(integer: true)
        long.constraints[0].name = String(repeating: "n", count: 256)
        guard case .invalidName(.constraint(0, _), _)? = solveError(long) else {
            return XCTFail("expected invalidName for a 256-byte name")
        }
        var control = TestModels.classic(integer: true)
        control.variables[1].name = "bad\nname"
        guard case .invalidName(.variable(1, _), _)? = solveError(control) else {
            return XCTFail("expected invalidName for a control character")
        }
        var maxLength = TestModels.classic(integer: true)
        maxLength.name = String(repeating: "é", count: 127)  // 254 bytes: allowed
        XCTAssertNoThrow(try GLPKSolver.solve(maxLength))
    }

    func testInvalidOptions() {
        let model = TestModels.classic(integer: true)
        guard case .invalidOption? = solveError(model, MILPOptions(timeLimit: .zero)) else {
            return XCTFail("expected invalidOption for a zero time limit")
        }
        guard case .invalidOption? = solveError(model, MILPOptions(relativeGap: -0.1)) else {
            return XCTFail("expected invalidOption for a negative gap")
        }
        guard case .invalidOption? = solveError(model, MILPOptions(relativeGap: .nan)) else {
            return XCTFail("expected invalidOption for a NaN gap")
        }
        guard case .invalidWarmStart? = solveError(model, MILPOptions(warmStart: [1])) else {
            return XCTFail("expected invalidWarmStart for a short warm start")
        }
        guard case .invalidWarmStart? = solveError(model, MILPOptions(warmStart: [1, .nan])) else {
            return XCTFail("expected invalidWarmStart for a NaN value")
        }
    }

    func testValidateIsPublicAndPassesGoodModels() throws {
        try TestModels.classic(integer: true).validate()
        try TestModels.knapsack().validate()
        try TestModels.parity().validate()
    }
}
