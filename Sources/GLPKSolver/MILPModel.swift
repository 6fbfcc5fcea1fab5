/// A mixed-integer linear program:
///
///     minimize / maximize   objectiveOffset + sum_j variables[j].objective * x[j]
///     subject to            constraints[i].lowerBound <= sum(constraints[i].terms) <= constraints[i].upperBound
///                           variables[j].lowerBound <= x[j] <= variables[j].upperBound
///                           x[j] integral for integer and binary variables
///
/// A plain value: build it freely, then hand it to ``GLPKSolver``, which calls ``validate()``
/// before any C code sees it. A model without integer variables is solved as an LP.
public struct MILPModel: Sendable, Equatable {
    /// Optimisation direction.
    public enum Sense: Sendable, Equatable, CaseIterable, CustomStringConvertible {
        case minimize
        case maximize

        public var description: String { self == .minimize ? "minimize" : "maximize" }
    }

    /// Problem name (written to the LP file); may be empty.
    public var name: String
    public var sense: Sense
    /// Constant added to the objective.
    public var objectiveOffset: Double
    public var variables: [MILPVariable]
    public var constraints: [MILPConstraint]

    public init(
        name: String = "",
        sense: Sense = .minimize,
        objectiveOffset: Double = 0,
        variables: [MILPVariable] = [],
        constraints: [MILPConstraint] = []
    ) {
        self.name = name
        self.sense = sense
        self.objectiveOffset = objectiveOffset
        self.variables = variables
        self.constraints = constraints
    }

    /// Appends a variable and returns its index (the index used by ``MILPTerm/variable``).
    @discardableResult
    public mutating func addVariable(_ variable: MILPVariable) -> Int {
        variables.append(variable)
        return variables.count - 1
    }

    /// Appends a constraint and returns its index.
    @discardableResult
    public mutating func addConstraint(_ constraint: MILPConstraint) -> Int {
        constraints.append(constraint)
        return constraints.count - 1
    }

    /// True when some variable is integer or binary (the model is solved with branch-and-cut).
    public var hasIntegerVariables: Bool { variables.contains { $0.isInteger } }

    /// Number of nonzero terms over all constraints.
    public var termCount: Int { constraints.reduce(0) { $0 + $1.terms.count } }

    /// The objective (including the offset) at `values`, indexed like ``variables``.
    ///
    /// - Complexity: O(variables.count).
    public func objectiveValue(at values: [Double]) -> Double {
        zip(variables, values).reduce(objectiveOffset) { $0 + $1.0.objective * $1.1 }
    }

    /// True when `a` is strictly better than `b` in this model's sense.
    func isBetter(_ a: Double, than b: Double) -> Bool {
        sense == .minimize ? a < b : a > b
    }
}
