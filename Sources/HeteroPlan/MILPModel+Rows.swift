import GLPKSolver

extension MILPModel {
    /// Adds `lower <= sum(terms) <= upper`, merging repeated variables (GLPK wants each variable
    /// once per row) and dropping zero coefficients; columns in ascending order.
    mutating func addRow(_ name: String, _ terms: [(Int, Double)], lower: Double, upper: Double = .infinity) {
        var merged: [Int: Double] = [:]
        for (variable, coefficient) in terms { merged[variable, default: 0] += coefficient }
        let row = merged.keys.sorted().compactMap { merged[$0] == 0 ? nil : MILPTerm($0, merged[$0]!) }
        _ = addConstraint(MILPConstraint(name: name, terms: row, lowerBound: lower, upperBound: upper))
    }
}
