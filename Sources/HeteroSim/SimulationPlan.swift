import HeteroPlan

/// A plan as the simulator executes it, by index: a unit and planned times per operator, the
/// transfers, and the buffers with their offsets. It may come from the planner (exact) or from a
/// plan file that a person edited (anything goes: the simulator's job is to find what is wrong).
///
/// **Queue order.** A unit runs its operators in order of planned start, then planned finish,
/// then graph (topological) order. The second key puts a zero-length operator (a view) before a
/// longer one starting at the same instant, which is where the list scheduler's insertion put
/// it; the third orders simultaneous zero-length operators producer first.
public struct SimulationPlan: Sendable, Hashable {
    /// A copy of a tensor from its producer's memory to a consumer unit's memory.
    public struct Transfer: Sendable, Hashable {
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

    /// A memory-spill copy between two memories: a store of a tensor from its home memory to a
    /// spill memory after its producer finishes, or a reload back before `consumer` reads it.
    public struct Copy: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable, CaseIterable { case store, reload }
        public var kind: Kind
        public var tensor: Int
        public var fromMemory: Int
        public var toMemory: Int
        public var bytes: Int
        public var startUS: Double
        public var finishUS: Double
        /// The operator a reload is made for (nil for a store).
        public var consumer: Int?

        public init(kind: Kind, tensor: Int, fromMemory: Int, toMemory: Int, bytes: Int, startUS: Double, finishUS: Double, consumer: Int?) {
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

    /// Where a tensor lives in one memory, and when the plan expects it to.
    public struct Buffer: Sendable, Hashable {
        public var tensor: Int
        public var memory: Int
        public var offset: Int
        public var bytes: Int
        public var startUS: Double
        public var endUS: Double

        public init(tensor: Int, memory: Int, offset: Int, bytes: Int, startUS: Double, endUS: Double) {
            self.tensor = tensor
            self.memory = memory
            self.offset = offset
            self.bytes = bytes
            self.startUS = startUS
            self.endUS = endUS
        }

        /// The planned lifetime as a half-open interval; an instantaneous one lasts a picosecond
        /// (as in `MemoryPlanner`).
        var effectiveEndUS: Double { max(endUS, startUS + 1e-6) }
    }

    /// Unit of each operator.
    public var units: [Int]
    public var startUS: [Double]
    public var finishUS: [Double]
    public var transfers: [Transfer]
    /// Memory-spill stores and reloads.
    public var copies: [Copy]
    /// Where tensors live. A tensor may have several buffers in one memory at different times
    /// (a spilled tensor: its home copy, then one reloaded copy per reader).
    public var buffers: [Buffer]
    /// The planner's makespan, which the simulation is compared with.
    public var predictedMakespanUS: Double

    public init(units: [Int], startUS: [Double], finishUS: [Double], transfers: [Transfer], copies: [Copy] = [], buffers: [Buffer],
                predictedMakespanUS: Double) {
        self.units = units
        self.startUS = startUS
        self.finishUS = finishUS
        self.transfers = transfers
        self.copies = copies
        self.buffers = buffers
        self.predictedMakespanUS = predictedMakespanUS
    }

    /// The planner's schedule and memory plan, as they are.
    public init(schedule: Schedule, memory: MemoryPlan) {
        units = schedule.operators.map(\.unit)
        startUS = schedule.operators.map(\.startUS)
        finishUS = schedule.operators.map(\.finishUS)
        transfers = schedule.transfers.map {
            Transfer(tensor: $0.tensor, producer: $0.producer, fromUnit: $0.fromUnit, toUnit: $0.toUnit, bytes: $0.bytes,
                     startUS: $0.startUS, finishUS: $0.finishUS)
        }
        copies = schedule.spills.map {
            Copy(kind: $0.kind == .store ? .store : .reload, tensor: $0.tensor, fromMemory: $0.fromMemory, toMemory: $0.toMemory,
                 bytes: $0.bytes, startUS: $0.startUS, finishUS: $0.finishUS, consumer: $0.consumer)
        }
        buffers = memory.buffers.map {
            Buffer(tensor: $0.tensor, memory: $0.memory, offset: $0.offset, bytes: $0.bytes, startUS: $0.startUS, endUS: $0.endUS)
        }
        predictedMakespanUS = schedule.makespanUS
    }

    public var operatorCount: Int { units.count }

    /// Each unit's operators in execution order (see the type's documentation).
    ///
    /// - Complexity: O(V log V).
    public func unitQueues(unitCount: Int) -> [[Int]] {
        var queues = [[Int]](repeating: [], count: unitCount)
        let startUS = startUS, finishUS = finishUS
        let order = units.indices.sorted { a, b in
            if startUS[a] != startUS[b] { return startUS[a] < startUS[b] }
            if finishUS[a] != finishUS[b] { return finishUS[a] < finishUS[b] }
            return a < b
        }
        for op in order where units[op] >= 0 && units[op] < unitCount { queues[units[op]].append(op) }
        return queues
    }
}
