import GLPKSolver
import XCTest

/// Small models with known answers, shared by the test files.
enum TestModels {
    /// max 5x + 4y  s.t.  6x + 4y <= 24,  x + 2y <= 6,  x, y >= 0.
    /// LP optimum (3, 1.5) = 21; integer optimum (4, 0) = 20 (unique).
    static func classic(integer: Bool) -> MILPModel {
        let kind: MILPVariable.Kind = integer ? .integer : .continuous
        return MILPModel(
            name: "classic",
            sense: .maximize,
            variables: [
                MILPVariable(name: "x", kind: kind, objective: 5),
                MILPVariable(name: "y", kind: kind, objective: 4),
            ],
            constraints: [
                .lessOrEqual("paint", [(0, 6), (1, 4)], 24),
                .lessOrEqual("labour", [(0, 1), (1, 2)], 6),
            ])
    }

    /// Deterministic pseudo-random integers in 1...bound (64-bit LCG, Knuth's constants).
    static func numbers(count: Int, seed: UInt64, bound: Int) -> [Int] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound)) + 1
        }
    }

    /// 0/1 knapsack: max sum v_i x_i s.t. sum w_i x_i <= capacity (about 40% of total weight).
    static func knapsack(items: Int = 30, seed: UInt64 = 7) -> MILPModel {
        let weights = numbers(count: items, seed: seed, bound: 97)
        let values = numbers(count: items, seed: seed &+ 1, bound: 89)
        var model = MILPModel(name: "knapsack", sense: .maximize)
        for i in 0..<items {
            model.addVariable(.binary("take_\(i)", objective: Double(values[i] + weights[i] / 3)))
        }
        let capacity = Double(weights.reduce(0, +)) * 0.4
        model.addConstraint(.lessOrEqual("capacity", weights.enumerated().map { ($0.offset, Double($0.element)) }, capacity.rounded(.down) + 0.5))
        return model
    }

    /// Covering knapsack (minimisation): min sum c_i x_i s.t. sum w_i x_i >= demand.
    static func coveringKnapsack(items: Int = 30, seed: UInt64 = 11) -> MILPModel {
        let weights = numbers(count: items, seed: seed, bound: 1000)
        let costs = numbers(count: items, seed: seed &+ 5, bound: 1000)
        var model = MILPModel(name: "cover", sense: .minimize)
        for i in 0..<items {
            model.addVariable(.binary("pick_\(i)", objective: Double(costs[i] + weights[i])))
        }
        let demand = (Double(weights.reduce(0, +)) * 0.5).rounded() + 0.5
        model.addConstraint(.greaterOrEqual("demand", weights.enumerated().map { ($0.offset, Double($0.element)) }, demand))
        return model
    }

    /// Jeroslow-style parity model that branch-and-bound cannot close quickly:
    /// min s+ + s-  s.t.  sum_{i<n} 2 x_i + s+ - s- = n (n odd), x binary, s >= 0.
    /// Optimum 1, but every node whose LP still has a fractional x has bound 0, so proving it
    /// takes about C(n, n/2) nodes. (x = 0, s+ = n) is a feasible point of objective n.
    static func parity(n: Int = 31) -> MILPModel {
        var model = MILPModel(name: "parity", sense: .minimize)
        var terms: [(Int, Double)] = []
        for i in 0..<n { terms.append((model.addVariable(.binary("x_\(i)")), 2)) }
        terms.append((model.addVariable(MILPVariable(name: "s_plus", objective: 1)), 1))
        terms.append((model.addVariable(MILPVariable(name: "s_minus", objective: 1)), -1))
        model.addConstraint(.equal("parity", terms, Double(n)))
        return model
    }

    /// The feasible point (x = 0, s+ = n, s- = 0) of ``parity(n:)``.
    static func parityWarmStart(n: Int = 31) -> [Double] {
        [Double](repeating: 0, count: n) + [Double(n), 0]
    }
}

/// Independent feasibility check of a solution (not the library's warm-start checker).
func assertFeasible(
    _ values: [Double], for model: MILPModel, tolerance: Double = 1e-6,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(values.count, model.variables.count, "value count", file: file, line: line)
    guard values.count == model.variables.count else { return }
    for (j, v) in model.variables.enumerated() {
        let x = values[j]
        XCTAssertGreaterThanOrEqual(x, v.lowerBound - tolerance, "\(v.name) below bound", file: file, line: line)
        XCTAssertLessThanOrEqual(x, v.upperBound + tolerance, "\(v.name) above bound", file: file, line: line)
        if v.isInteger {
            XCTAssertEqual(x, x.rounded(), "\(v.name) not integral", file: file, line: line)
        }
    }
    for c in model.constraints {
        let activity = c.terms.reduce(0.0) { $0 + $1.coefficient * values[$1.variable] }
        XCTAssertGreaterThanOrEqual(activity, c.lowerBound - tolerance, "\(c.name) violated", file: file, line: line)
        XCTAssertLessThanOrEqual(activity, c.upperBound + tolerance, "\(c.name) violated", file: file, line: line)
    }
}

/// The objective of `values`, computed independently.
func objective(of values: [Double], in model: MILPModel) -> Double {
    zip(model.variables, values).reduce(model.objectiveOffset) { $0 + $1.0.objective * $1.1 }
}

/// Runs `body`, which must throw a GLPKError, and returns it (nil and a failure otherwise).
func expectGLPKError(
    file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws(GLPKError) -> Void
) -> GLPKError? {
    do {
        try body()
        XCTFail("expected a GLPKError", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
