/// One nonzero `coefficient * x[variable]` of a constraint row.
public struct MILPTerm: Sendable, Equatable {
    /// Index into ``MILPModel/variables``.
    public var variable: Int
    public var coefficient: Double

    public init(_ variable: Int, _ coefficient: Double) {
        self.variable = variable
        self.coefficient = coefficient
    }
}
