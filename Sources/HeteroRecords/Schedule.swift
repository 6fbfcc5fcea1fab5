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

/// A tensor copied from the producer's memory to a consumer unit's memory.
public struct ScheduledTransfer: Sendable, Hashable, Codable {
    public var tensor: Int
    public var producer: Int
    public var fromUnit: Int
    public var toUnit: Int
    public var bytes: Int
    public var startUS: Double
    public var finishUS: Double
    public init(tensor: Int, producer: Int, fromUnit: Int, toUnit: Int, bytes: Int, startUS: Double, finishUS: Double) {
        self.tensor = tensor
        self.producer = producer
        self.fromUnit = fromUnit
        self.toUnit = toUnit
        self.bytes = bytes
        self.startUS = startUS
        self.finishUS = finishUS
    }
}

/// A memory-spill copy: a tensor stored from its home memory to a spill memory after it is
/// produced, or reloaded before a consumer.
public struct ScheduledSpill: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case store, reload }
    public var kind: Kind
    public var tensor: Int
    public var fromMemory: Int
    public var toMemory: Int
    public var bytes: Int
    public var startUS: Double
    public var finishUS: Double
    /// For a reload, the operator it is made for (nil for a store).
    public var consumer: Int? = nil
    public init(kind: Kind, tensor: Int, fromMemory: Int, toMemory: Int, bytes: Int, startUS: Double, finishUS: Double, consumer: Int? = nil) {
        self.kind = kind
        self.tensor = tensor
        self.fromMemory = fromMemory
        self.toMemory = toMemory
        self.bytes = bytes
        self.startUS = startUS
        self.finishUS = finishUS
        self.consumer = consumer
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
