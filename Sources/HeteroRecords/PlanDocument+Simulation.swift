extension PlanDocument {
    /// What the simulator measured when it ran the plan (`summary.simulation`): the simulated
    /// makespan against the prediction, and how each unit, link and memory was used.
    ///
    /// The one definition of the simulator's statistics: the simulator fills these records in
    /// directly, and `hetero-plan simulate --format json` prints them.
    public struct Simulation: Codable, Sendable, Equatable {
        /// Whether links and memory bandwidth were shared (on) or ideal (off, the classic model).
        public var contention: Bool
        public var makespanUS: Double
        public var predictedMakespanUS: Double
        /// simulated - predicted.
        public var differenceUS: Double
        /// `Simulation.relativeDifference(simulated:predicted:)`.
        public var relativeDifference: Double
        public var events: Int
        public var units: [UnitUse]
        public var links: [LinkUse]
        public var memories: [MemoryUse]

        public init(contention: Bool, makespanUS: Double, predictedMakespanUS: Double, events: Int, units: [UnitUse], links: [LinkUse],
                    memories: [MemoryUse]) {
            self.contention = contention
            self.makespanUS = makespanUS
            self.predictedMakespanUS = predictedMakespanUS
            differenceUS = makespanUS - predictedMakespanUS
            relativeDifference = Self.relativeDifference(simulated: makespanUS, predicted: predictedMakespanUS)
            self.events = events
            self.units = units
            self.links = links
            self.memories = memories
        }

        /// (simulated - predicted) / predicted, the one definition of how far a simulation is from
        /// its prediction. A zero prediction is 0 when the simulation is also 0 and 1 (100% off)
        /// otherwise: the document is JSON, which has no infinity.
        public static func relativeDifference(simulated: Double, predicted: Double) -> Double {
            if predicted > 0 { return (simulated - predicted) / predicted }
            return simulated > 0 ? 1 : 0
        }

        enum CodingKeys: String, CodingKey {
            case contention, events, units, links, memories
            case makespanUS = "makespan_us"
            case predictedMakespanUS = "predicted_makespan_us"
            case differenceUS = "difference_us"
            case relativeDifference = "relative_difference"
        }
    }

    /// How one unit spent the simulated time: busy + stalls + drained = makespan.
    public struct UnitUse: Codable, Sendable, Equatable {
        public var name: String
        public var operators: Int
        public var busyUS: Double
        /// busy / makespan.
        public var utilisation: Double
        /// The command-path (submission) part of `busyUS` (contention on).
        public var overheadUS: Double
        /// How much longer operators ran than their nominal time because of contention.
        public var contentionUS: Double
        /// Idle before an operator, waiting for an input computed on another unit.
        public var stallInputUS: Double
        /// Idle waiting for a transfer or a spill reload to arrive.
        public var stallTransferUS: Double
        /// Idle waiting for a buffer at the same addresses to be released.
        public var stallMemoryUS: Double
        /// Idle waiting for a register group to be programmed.
        public var stallProgrammingUS: Double
        /// Idle after the unit's last operator.
        public var drainedUS: Double

        /// All idle time before the unit's operators: busy + stalls + drained = makespan.
        public var stallUS: Double { stallInputUS + stallTransferUS + stallMemoryUS + stallProgrammingUS }

        public init(name: String, operators: Int, busyUS: Double, utilisation: Double, overheadUS: Double, contentionUS: Double,
                    stallInputUS: Double, stallTransferUS: Double, stallMemoryUS: Double, stallProgrammingUS: Double, drainedUS: Double) {
            self.name = name
            self.operators = operators
            self.busyUS = busyUS
            self.utilisation = utilisation
            self.overheadUS = overheadUS
            self.contentionUS = contentionUS
            self.stallInputUS = stallInputUS
            self.stallTransferUS = stallTransferUS
            self.stallMemoryUS = stallMemoryUS
            self.stallProgrammingUS = stallProgrammingUS
            self.drainedUS = drainedUS
        }

        enum CodingKeys: String, CodingKey {
            case name, operators, utilisation
            case busyUS = "busy_us"
            case overheadUS = "overhead_us"
            case contentionUS = "contention_us"
            case stallInputUS = "stall_input_us"
            case stallTransferUS = "stall_transfer_us"
            case stallMemoryUS = "stall_memory_us"
            case stallProgrammingUS = "stall_programming_us"
            case drainedUS = "drained_us"
        }
    }

    /// How one DMA link was used.
    public struct LinkUse: Codable, Sendable, Equatable {
        public var link: String
        public var transfers: Int
        public var bytes: Int
        public var busyUS: Double
        public var utilisation: Double
        /// Total time transfers queued for one of the link's DMA engines.
        public var queueWaitUS: Double

        public init(link: String, transfers: Int, bytes: Int, busyUS: Double, utilisation: Double, queueWaitUS: Double) {
            self.link = link
            self.transfers = transfers
            self.bytes = bytes
            self.busyUS = busyUS
            self.utilisation = utilisation
            self.queueWaitUS = queueWaitUS
        }

        enum CodingKeys: String, CodingKey {
            case link, transfers, bytes, utilisation
            case busyUS = "busy_us"
            case queueWaitUS = "queue_wait_us"
        }
    }

    /// Peak occupancy of one memory during the simulation.
    public struct MemoryUse: Codable, Sendable, Equatable {
        public var name: String
        public var capacityBytes: Int?
        /// Largest sum of live buffer sizes at one moment.
        public var peakLiveBytes: Int
        /// Highest end address of any buffer allocated.
        public var peakAddress: Int

        public init(name: String, capacityBytes: Int?, peakLiveBytes: Int, peakAddress: Int) {
            self.name = name
            self.capacityBytes = capacityBytes
            self.peakLiveBytes = peakLiveBytes
            self.peakAddress = peakAddress
        }

        enum CodingKeys: String, CodingKey {
            case name
            case capacityBytes = "capacity_bytes"
            case peakLiveBytes = "peak_live_bytes"
            case peakAddress = "peak_address"
        }
    }
}
