extension MILPModel {
    /// GLPK's limits on rows and columns (`M_MAX`, `N_MAX` in GLPK's `prob.h`) and on names.
    static let maxRowsOrColumns = 100_000_000
    static let maxNonzeros = Int(Int32.max) - 1
    static let maxNameBytes = 255

    /// Checks every invariant GLPK relies on and throws the first violation found.
    ///
    /// GLPK aborts the process on some bad inputs (e.g. an out-of-range index, a too-long name)
    /// and silently mis-solves others (NaN coefficients), so ``GLPKSolver`` calls this before
    /// any C code runs. Checks, in order: names, sizes, objective, variable bounds and kinds,
    /// then each constraint's bounds and terms.
    ///
    /// - Complexity: O(variables + constraints + terms).
    public func validate() throws(GLPKError) {
        try Self.checkName(name, at: .model)
        guard variables.count <= Self.maxRowsOrColumns else {
            throw .modelTooLarge("\(variables.count) variables (GLPK allows \(Self.maxRowsOrColumns))")
        }
        guard constraints.count <= Self.maxRowsOrColumns else {
            throw .modelTooLarge("\(constraints.count) constraints (GLPK allows \(Self.maxRowsOrColumns))")
        }
        guard termCount <= Self.maxNonzeros else {
            throw .modelTooLarge("\(termCount) constraint terms (GLPK allows \(Self.maxNonzeros))")
        }
        guard objectiveOffset.isFinite else {
            throw .nonFiniteCoefficient(.objective, variable: nil, value: objectiveOffset)
        }
        for (j, variable) in variables.enumerated() {
            try Self.check(variable, at: .variable(index: j, name: variable.name))
        }
        // lastRow[j] == i + 1 when variable j already has a term in constraint i: O(1) duplicate
        // detection without a per-row set.
        var lastRow = [Int](repeating: 0, count: variables.count)
        for (i, constraint) in constraints.enumerated() {
            let location = GLPKError.Location.constraint(index: i, name: constraint.name)
            try Self.checkName(constraint.name, at: location)
            guard Self.isInterval(constraint.lowerBound, constraint.upperBound) else {
                throw .invalidBounds(location, lower: constraint.lowerBound, upper: constraint.upperBound)
            }
            for term in constraint.terms {
                guard variables.indices.contains(term.variable) else {
                    throw .variableIndexOutOfRange(location, index: term.variable, variableCount: variables.count)
                }
                guard term.coefficient.isFinite else {
                    throw .nonFiniteCoefficient(location, variable: term.variable, value: term.coefficient)
                }
                guard lastRow[term.variable] != i + 1 else {
                    throw .duplicateTerm(location, variable: term.variable)
                }
                lastRow[term.variable] = i + 1
            }
        }
    }

    private static func check(_ variable: MILPVariable, at location: GLPKError.Location) throws(GLPKError) {
        try checkName(variable.name, at: location)
        guard variable.objective.isFinite else {
            throw .nonFiniteCoefficient(.objective, variable: location.variableIndex, value: variable.objective)
        }
        let (lower, upper) = (variable.lowerBound, variable.upperBound)
        guard isInterval(lower, upper) else {
            throw .invalidBounds(location, lower: lower, upper: upper)
        }
        switch variable.kind {
        case .continuous:
            break
        case .integer:
            guard isIntegralOrInfinite(lower), isIntegralOrInfinite(upper) else {
                throw .fractionalIntegerBound(location, lower: lower, upper: upper)
            }
        case .binary:
            guard lower >= 0, upper <= 1 else {
                throw .binaryBoundsOutsideUnitInterval(location, lower: lower, upper: upper)
            }
            guard isIntegralOrInfinite(lower), isIntegralOrInfinite(upper) else {
                throw .fractionalIntegerBound(location, lower: lower, upper: upper)
            }
        }
    }

    /// GLPK rejects names longer than 255 bytes or containing control characters (it tests
    /// each byte with `iscntrl`), by aborting.
    private static func checkName(_ name: String, at location: GLPKError.Location) throws(GLPKError) {
        let bytes = name.utf8
        guard bytes.count <= maxNameBytes else {
            throw .invalidName(location, reason: "\(bytes.count) UTF-8 bytes (at most \(maxNameBytes))")
        }
        if let bad = bytes.first(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw .invalidName(location, reason: "contains control character 0x\(String(bad, radix: 16))")
        }
    }

    /// `[lower, upper]` is a non-empty interval of the extended reals with no NaN.
    static func isInterval(_ lower: Double, _ upper: Double) -> Bool {
        !lower.isNaN && !upper.isNaN && lower <= upper && lower != .infinity && upper != -.infinity
    }

    private static func isIntegralOrInfinite(_ x: Double) -> Bool {
        x.isInfinite || x == x.rounded()
    }
}

extension GLPKError.Location {
    fileprivate var variableIndex: Int? {
        if case .variable(let index, _) = self { return index }
        return nil
    }
}
