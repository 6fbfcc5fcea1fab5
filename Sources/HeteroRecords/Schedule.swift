/// A placed and timed operator.
public struct ScheduledOperator: Sendable, Hashable, Codable {
    public var unit: Int
    public var startUS: Double
    public var finishUS: Double
    public init(unit: Int, startUS: Double, finishUS: Double) {
        self.unit = unit
        self.startUS = startUS
        self.finishUS = finishUS
    }
}

/// A complete schedule: every operator on a unit with start and finish times, and the transfers
/// its cross-unit edges need.
public struct Schedule: Sendable, Hashable {
    public var operators: [ScheduledOperator]
    public var transfers: [ScheduledTransfer]
    /// The order each unit runs its operators in.
    public var unitQueues: [[Int]]
    /// Store and reload copies made for memory spill.
    public var spills: [ScheduledSpill] = []

    public var makespanUS: Double {
        operators.reduce(0) { max($0, $1.finishUS) }
    }

    public var assignment: [Int] { operators.map(\.unit) }
    public init(operators: [ScheduledOperator], transfers: [ScheduledTransfer], unitQueues: [[Int]], spills: [ScheduledSpill] = []) {
        self.operators = operators
        self.transfers = transfers
        self.unitQueues = unitQueues
        self.spills = spills
    }
}
