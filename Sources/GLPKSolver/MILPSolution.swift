/// The result of a solve: the point found (if any) and its ``SolveStats``.
public struct MILPSolution: Sendable, Equatable {
    /// One value per model variable when ``MILPStatus/hasSolution``, otherwise empty. Integer
    /// variables hold exact integers.
    public let values: [Double]
    public let stats: SolveStats

    public var status: MILPStatus { stats.status }
    public var objective: Double? { stats.objective }

    /// Value of variable `index`. Traps when there is no solution or the index is out of range
    /// (programmer errors); check ``MILPStatus/hasSolution`` first.
    public subscript(index: Int) -> Double {
        precondition(!values.isEmpty, "MILPSolution: no values (status \(status))")
        return values[index]
    }
}
