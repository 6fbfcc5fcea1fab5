/// One linear constraint `lowerBound <= sum(terms) <= upperBound` (a GLPK row).
///
/// Invariants checked by ``MILPModel/validate()``: each term names an existing variable at most
/// once, coefficients are finite, and the bounds form a non-empty interval (an infinite side
/// means "no bound"; both infinite makes a free row, which constrains nothing).
public struct MILPConstraint: Sendable, Equatable {
    /// Name used in messages and in the CPLEX LP file; may be empty (GLPK then writes `r_<i>`).
    public var name: String
    /// Sparse row: at most one term per variable.
    public var terms: [MILPTerm]
    public var lowerBound: Double
    public var upperBound: Double

    public init(
        name: String = "",
        terms: [MILPTerm],
        lowerBound: Double = -.infinity,
        upperBound: Double = .infinity
    ) {
        self.name = name
        self.terms = terms
        self.lowerBound = lowerBound
        self.upperBound = upperBound
    }

    /// `sum(terms) <= rhs`.
    public static func lessOrEqual(
        _ name: String, _ terms: [(Int, Double)], _ rhs: Double
    ) -> MILPConstraint {
        MILPConstraint(name: name, terms: terms.map { MILPTerm($0.0, $0.1) }, upperBound: rhs)
    }

    /// `sum(terms) >= rhs`.
    public static func greaterOrEqual(
        _ name: String, _ terms: [(Int, Double)], _ rhs: Double
    ) -> MILPConstraint {
        MILPConstraint(name: name, terms: terms.map { MILPTerm($0.0, $0.1) }, lowerBound: rhs)
    }

    /// `sum(terms) == rhs`.
    public static func equal(
        _ name: String, _ terms: [(Int, Double)], _ rhs: Double
    ) -> MILPConstraint {
        MILPConstraint(
            name: name, terms: terms.map { MILPTerm($0.0, $0.1) }, lowerBound: rhs, upperBound: rhs)
    }

    /// `sum(terms)` evaluated at `values` (indexed like ``MILPModel/variables``).
    ///
    /// - Complexity: O(terms.count).
    public func activity(at values: [Double]) -> Double {
        terms.reduce(0) { $0 + $1.coefficient * values[$1.variable] }
    }
}
