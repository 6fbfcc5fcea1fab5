/// One decision variable of a ``MILPModel`` (a GLPK column).
///
/// Bounds are closed intervals; `-.infinity` / `.infinity` mean "no bound". Invariants checked by
/// ``MILPModel/validate()`` (not here, so that models can be built incrementally):
/// `lowerBound <= upperBound`, neither is NaN, integer variables have integral bounds, binary
/// variables have bounds inside `[0, 1]`, and the objective coefficient is finite.
public struct MILPVariable: Sendable, Equatable {
    /// Domain of a variable.
    public enum Kind: Sendable, Equatable, CaseIterable, CustomStringConvertible {
        case continuous
        case integer
        /// An integer variable whose bounds lie inside `[0, 1]` (default exactly `[0, 1]`).
        case binary

        public var description: String {
            switch self {
            case .continuous: "continuous"
            case .integer: "integer"
            case .binary: "binary"
            }
        }
    }

    /// Name used in messages and in the CPLEX LP file; may be empty (GLPK then writes `x_<j>`).
    public var name: String
    public var kind: Kind
    public var lowerBound: Double
    public var upperBound: Double
    /// Coefficient of this variable in the objective.
    public var objective: Double

    /// Creates a variable. Omitted bounds default to `[0, 1]` for binary variables and to
    /// `[0, +inf)` otherwise (the usual LP sign convention).
    public init(
        name: String = "",
        kind: Kind = .continuous,
        lowerBound: Double? = nil,
        upperBound: Double? = nil,
        objective: Double = 0
    ) {
        self.name = name
        self.kind = kind
        self.lowerBound = lowerBound ?? 0
        self.upperBound = upperBound ?? (kind == .binary ? 1 : .infinity)
        self.objective = objective
    }

    /// A 0/1 variable.
    public static func binary(_ name: String, objective: Double = 0) -> MILPVariable {
        MILPVariable(name: name, kind: .binary, objective: objective)
    }

    /// True for `.integer` and `.binary`.
    public var isInteger: Bool { kind != .continuous }
}
