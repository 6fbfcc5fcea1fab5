extension MILPModel {
    /// Outcome of checking a warm start against the model.
    enum WarmStartCheck: Sendable, Equatable {
        /// Feasible: `values` has integer variables rounded to exact integers and continuous
        /// values clamped into their bounds, as GLPK expects them.
        case feasible(values: [Double], objective: Double)
        case infeasible(String)
    }

    /// Relative feasibility tolerance for warm starts: a violation `v` of a bound `b` is
    /// accepted when `v <= 1e-6 * max(1, |b|)`; same for integrality.
    static let warmStartTolerance = 1e-6

    /// Checks that `point` (already validated for length and finiteness) is a feasible solution.
    ///
    /// `glp_ios_heur_sol` checks only that integer columns hold exact integers and that the
    /// objective improves on the incumbent; it never checks bounds or rows. An infeasible point
    /// offered to it would become GLPK's incumbent and could be reported as optimal, so every
    /// condition is checked here, on the rounded/clamped point actually offered.
    ///
    /// - Complexity: O(variables + terms).
    func checkWarmStart(_ point: [Double]) -> WarmStartCheck {
        let tol = Self.warmStartTolerance
        func slack(_ bound: Double) -> Double { tol * Swift.max(1, abs(bound)) }
        var values = point
        for (j, variable) in variables.enumerated() {
            var x = values[j]
            let label = GLPKError.Location.variable(index: j, name: variable.name)
            if x < variable.lowerBound - slack(variable.lowerBound) {
                return .infeasible("\(label) = \(x) is below its lower bound \(variable.lowerBound)")
            }
            if x > variable.upperBound + slack(variable.upperBound) {
                return .infeasible("\(label) = \(x) is above its upper bound \(variable.upperBound)")
            }
            if variable.isInteger {
                let rounded = x.rounded()
                if abs(x - rounded) > slack(x) {
                    return .infeasible("\(label) = \(x) is not integral")
                }
                x = rounded
            }
            values[j] = Swift.min(Swift.max(x, variable.lowerBound), variable.upperBound)
        }
        for (i, constraint) in constraints.enumerated() {
            let activity = constraint.activity(at: values)
            let label = GLPKError.Location.constraint(index: i, name: constraint.name)
            if activity < constraint.lowerBound - slack(constraint.lowerBound) {
                return .infeasible("\(label): activity \(activity) < lower bound \(constraint.lowerBound)")
            }
            if activity > constraint.upperBound + slack(constraint.upperBound) {
                return .infeasible("\(label): activity \(activity) > upper bound \(constraint.upperBound)")
            }
        }
        return .feasible(values: values, objective: objectiveValue(at: values))
    }
}
