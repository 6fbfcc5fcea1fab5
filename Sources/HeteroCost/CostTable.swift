import HeteroIR
import HeteroPlatform

/// Everything the optimizer needs to know about costs, independent of how they were obtained
/// (analytic model, measured profile, or a task graph's explicit costs).
///
/// Units are numbered 0..<unitCount in platform order; operators in the graph's topological order.
/// Transfers between two units are linear in bytes (store-and-forward over the route's hops):
/// `transferFixedUS[a, b] + bytes * transferPerByteUS[a, b]`, zero when `a == b` or when both
/// units compute from the same memory. Unit-pair figures are `PairTable`s, stored per class of
/// units (units computing from one memory share their transfer figures), so a table for an
/// array of thousands of tiles holds no units² matrix.
public struct CostTable: Sendable {
    public let unitNames: [String]
    /// Unit kinds as in the platform (`cpu`, `gpu`, `dsp`, `dla`, `npu`, or `unit` for task graphs).
    public let unitKinds: [String]
    /// `execUS[op][unit]`: time to run the operator on the unit, or nil when it cannot run there.
    public var execUS: [[Double?]]
    /// `reasons[op][unit]`: why the operator cannot run on the unit (nil when it can).
    public var reasons: [[String?]]
    public let transferFixedUS: PairTable<Double>
    public let transferPerByteUS: PairTable<Double>
    /// `syncUS[a, b]`: cost paid when a consumer on unit b waits for a producer on unit a != b
    /// (completion signalled on a, command path of b).
    public let syncUS: PairTable<Double>
    /// Index of the memory each unit computes from.
    public let unitMemory: [Int]
    public let memoryNames: [String]
    /// Capacity of each memory in bytes; nil for unlimited.
    public let memoryCapacity: [Int?]
    /// Links used, in order, by a transfer from unit a to unit b (empty when no transfer is needed).
    public let routes: PairTable<[Int]>
    /// DMA engines per link (transfers on one link run on at most this many engines at once).
    public let linkEngines: [Int]
    /// Whether concurrent operators and transfers share memory and link bandwidth and DMA engines
    /// (the list scheduler and the simulator model it; false is the classic ideal interconnect).
    public var contention: Bool
    /// `energyPJ[op][unit]`: energy of running the operator on the unit (nil when it cannot run).
    public var energyPJ: [[Double?]]
    /// Energy per byte moved from unit a to unit b.
    public let transferEnergyPJPerByte: PairTable<Double>
    /// Energy per byte read from or written to each memory (empty when unknown); a spill copy
    /// pays its source's and its destination's.
    public var memoryEnergyPJPerByte: [Double] = []
    /// Time to copy between two memories (store and reload for memory spill), given pair by pair
    /// (task graphs): `memoryTransferFixedUS[a][b] + bytes * memoryTransferPerByteUS[a][b]`;
    /// infinite when no route. Unused when `memoryRoutes` is set.
    public var memoryTransferFixedUS: [[Double]] = []
    /// `memoryBytes[op][unit]`: bytes the operator moves to and from the memory the unit computes
    /// from (empty when unknown, e.g. for task graphs).
    public var memoryBytes: [[Int]] = []
    /// `weightBytes[op][unit]`: bytes of weights the operator reads from the unit's weight memory
    /// (`unitWeightMemory`), none of `memoryBytes`; empty when no unit has a weight memory.
    public var weightBytes: [[Int]] = []
    /// `unitWeightMemory[unit]`: the memory the unit reads its weights from when not its memory
    /// (the platform's `weight_memory`); empty when no unit has one.
    public var unitWeightMemory: [Int?] = []
    /// Bandwidth of each memory in bytes per microsecond (empty when unknown).
    public var memoryBytesPerUS: [Double] = []
    public var memoryTransferPerByteUS: [[Double]] = []
    /// The platform's routes between memories, when the table was computed from a platform:
    /// memory-to-memory copies follow them (`memoryTransferUS`), searched when asked for.
    public var memoryRoutes: RouteTable?
    /// `overheadUS[op][unit]`: the part of the operator's time spent on its command path before it
    /// streams data (empty when unknown). Under contention only the rest shares memory bandwidth.
    public var overheadUS: [[Double]] = []
    /// `submitUS[unit]`: the host's cost of one submission to the unit, paid by the first
    /// operator of each subgraph (`CommandPath`); empty when free.
    public var submitUS: [Double] = []
    /// `unitQueue[unit]`: the index of the first unit sharing the unit's command queue; units of
    /// one queue run one subgraph per submission. Empty: every unit has its own.
    public var unitQueue: [Int] = []
    /// `residentMemory[unit]`: the memory the unit's activations may stay in (nil: none).
    public var residentMemory: [Int?] = []
    /// `sharedMemories[unit]`: the other memories the unit's core reads and writes in place, as
    /// its resident memory (neighbouring tiles' data memories joined to it by `sharedMemory`
    /// links), ascending; empty rows, or no rows, without such links. An activation resident in
    /// its producer's memory stays there for a reader on a unit that shares it (`addresses`).
    public var sharedMemories: [[Int]] = []
    /// Whether an activation too large for a tile memory may stream from its producer to readers
    /// addressing that memory in windows through a ping-pong buffer (the planner's
    /// `WindowedStreaming`): set for the throughput objective, whose pipelined steady state runs
    /// producer and readers concurrently; false for the others (and by default).
    public var windowedStreaming = false
    /// `residency[op][unit]`: how the operator's cost depends on which of its activations are
    /// resident, on units with a resident memory (empty when no unit has one).
    public var residency: [[ResidencyCost?]] = []
    /// `fusedResidency[op][unit]`: the same for the operator's fused chain (empty when none).
    public var fusedResidency: [[ResidencyCost?]] = []

    /// `programBytes[op][unit]`: program memory the operator's kernel takes on the unit
    /// (`ProcessingUnit.programBytes(for:)`; 0 on a unit without a program memory); empty when no
    /// unit has one. A plan's operators on a unit must fit its `programCapacity` together.
    public var programBytes: [[Int]] = []
    /// `programCapacity[unit]`: the unit's program memory in bytes, nil when unlimited; empty when
    /// no unit has one.
    public var programCapacity: [Int?] = []

    /// `multicastFanout[unit]`: operators one broadcast read of the unit's memory feeds
    /// (`Multicast.maxDestinations`), 0 when the unit has no multicast; empty when no unit has one.
    /// Operators on units with a multicast computing from the same memory that read one
    /// activation share its reads (`PlanProblem.multicastGroups`).
    public var multicastFanout: [Int] = []
    /// `multicastBufferBytes[unit]`: one receive window of the unit's multicast
    /// (`Multicast.bufferBytes`; a destination holds two in its resident memory); empty as above.
    public var multicastBufferBytes: [Int] = []

    /// `streamSwitches[unit]`: the unit's place in an array's stream-switch mesh and its stream
    /// ports (`StreamSwitch`), nil outside such an array; empty when no unit has one.
    public var streamSwitches: [StreamSwitch?] = []
    /// Whether an activation may move from its producer's tile to readers on distant tiles over a
    /// stream-switch route with broadcast (the planner's `StreamRouting`): set for the throughput
    /// objective (as `windowedStreaming`); false by default.
    public var streamRoutes = false

    /// `computeBits[unit]`: the width of the unit's compute type (nil: it computes in the
    /// tensors' own types); empty when unknown.
    public var computeBits: [Int?] = []

    /// `paddedChannels[unit][tensor name]`: the channels an activation takes in the unit's
    /// resident memory, where a unit keeping activations there pads them (`ChannelAlignment`)
    /// for an operator producing or reading it (`CostEngine.paddedChannels`); empty when no unit
    /// pads channels.
    public var paddedChannels: [[String: Int]] = []

    /// Bytes `tensor` occupies when `unit` produced it and keeps it in its resident memory
    /// (`ElementType.storedScale(computeBits:)`: an fp32 activation an INT8 NPU keeps in CMX takes
    /// a quarter, an int8 one its own bytes), with the channels the unit pads it to
    /// (`paddedChannels`: a 24-channel int8 activation an NPU 3720 aligns to 16 takes 32/24).
    /// The one rule for a tensor's size in a resident memory; copies in other memories keep
    /// `Tensor.byteSize`.
    public func storedBytes(_ tensor: Tensor, on unit: Int) -> Int {
        guard unit < computeBits.count else { return tensor.byteSize }
        let bytes = paddedBytes(tensor, on: unit)
        let scale = tensor.elementType.storedScale(computeBits: computeBits[unit])
        guard scale != 1 else { return bytes }
        return Int((Double(bytes) * scale).rounded(.up))
    }

    /// `tensor`'s bytes in its own type with the channels `unit` pads it to (its `byteSize` when
    /// the unit pads none); `Int.max` when the padded size overflows.
    private func paddedBytes(_ tensor: Tensor, on unit: Int) -> Int {
        guard unit < paddedChannels.count, let channels = paddedChannels[unit][tensor.name],
              var shape = tensor.shape, shape.count > 1 else { return tensor.byteSize }
        shape[1] = channels
        return tensor.elementType.bytes(forElements: SizeLimit.product(shape) ?? Int.max)
    }

    /// Whether `op` on `unit` starts a submission when every producer runs where `unitOf` says
    /// (`-1` for a producer not yet placed): it reads nothing produced on its unit's command
    /// queue, or something produced on another queue. Operators reading only graph inputs start one.
    @inlinable @inline(__always)
    public func startsSubmission(_ op: Int, on unit: Int, producers: [Int], unitOf: (Int) -> Int) -> Bool {
        guard unit < submitUS.count, submitUS[unit] > 0 else { return false }
        return opensSubgraph(op, on: unit, producers: producers, unitOf: unitOf)
    }

    /// Whether `op` on `unit` is the first operator of a subgraph (the rule of `startsSubmission`,
    /// whatever a submission costs).
    @inlinable @inline(__always)
    public func opensSubgraph(_ op: Int, on unit: Int, producers: [Int], unitOf: (Int) -> Int) -> Bool {
        let queue = unitQueue.isEmpty ? unit : unitQueue[unit]
        guard !producers.isEmpty else { return true }
        for producer in producers {
            let placed = unitOf(producer)
            guard placed >= 0, (unitQueue.isEmpty ? placed : unitQueue[placed]) == queue else { return true }
        }
        return false
    }

    /// The platform's links, indexed as in `routes` (empty when unknown: transfers then never
    /// contend in the optimizer's schedules).
    public var links: [LinkModel] = []

    /// Time to copy `bytes` from memory `a` to memory `b`, or nil when no route exists.
    public func memoryTransferUS(bytes: Int, from a: Int, to b: Int) -> Double? {
        memoryTransferRate(from: a, to: b)?.us(bytes: bytes)
    }

    /// What a copy from memory `a` to memory `b` costs (`memoryTransferUS`), or nil when no route
    /// exists: kept by callers that time many copies between the same memories (a route's
    /// figures are summed over its hops on every call).
    public func memoryTransferRate(from a: Int, to b: Int) -> TransferRate? {
        guard a != b else { return TransferRate(fixedUS: 0, perByteUS: 0) }
        if let memoryRoutes {
            guard let route = memoryRoutes.figures(from: a, to: b) else { return nil }
            return TransferRate(fixedUS: route.latencyUS, perByteUS: route.perByteUS)
        }
        guard a < memoryTransferFixedUS.count, memoryTransferFixedUS[a][b].isFinite else { return nil }
        return TransferRate(fixedUS: memoryTransferFixedUS[a][b], perByteUS: memoryTransferPerByteUS[a][b])
    }

    /// Operator chains fused on some unit; the optimizer moves each as one group.
    public var composites: [[Int]] = [] {
        didSet {
            compositeOf = [Int?](repeating: nil, count: execUS.count)
            for (index, members) in composites.enumerated() { for op in members { compositeOf[op] = index } }
        }
    }
    /// The composite each operator belongs to, if any.
    public private(set) var compositeOf: [Int?] = []
    /// `fusedExecUS[op][unit]`: the operator's share of its fused chain's time on the unit, which
    /// applies when every member of its composite runs there; empty when nothing is fused.
    public var fusedExecUS: [[Double?]] = []

    /// Unit-pair figures given pair by pair (`rows[a][b]`).
    public init(unitNames: [String], unitKinds: [String], execUS: [[Double?]], reasons: [[String?]], transferFixedUS: [[Double]],
                transferPerByteUS: [[Double]], syncUS: [[Double]], unitMemory: [Int], memoryNames: [String],
                memoryCapacity: [Int?], routes: [[[Int]]], linkEngines: [Int], contention: Bool,
                energyPJ: [[Double?]], transferEnergyPJPerByte: [[Double]]) {
        self.init(unitNames: unitNames, unitKinds: unitKinds, execUS: execUS, reasons: reasons,
                  transferFixedUS: PairTable(transferFixedUS), transferPerByteUS: PairTable(transferPerByteUS),
                  syncUS: PairTable(syncUS), unitMemory: unitMemory, memoryNames: memoryNames, memoryCapacity: memoryCapacity,
                  routes: PairTable(routes), linkEngines: linkEngines, contention: contention, energyPJ: energyPJ,
                  transferEnergyPJPerByte: PairTable(transferEnergyPJPerByte))
    }

    public init(unitNames: [String], unitKinds: [String], execUS: [[Double?]], reasons: [[String?]], transferFixedUS: PairTable<Double>,
                transferPerByteUS: PairTable<Double>, syncUS: PairTable<Double>, unitMemory: [Int], memoryNames: [String],
                memoryCapacity: [Int?], routes: PairTable<[Int]>, linkEngines: [Int], contention: Bool,
                energyPJ: [[Double?]], transferEnergyPJPerByte: PairTable<Double>) {
        self.unitNames = unitNames
        self.unitKinds = unitKinds
        self.execUS = execUS
        self.reasons = reasons
        self.transferFixedUS = transferFixedUS
        self.transferPerByteUS = transferPerByteUS
        self.syncUS = syncUS
        self.unitMemory = unitMemory
        self.memoryNames = memoryNames
        self.memoryCapacity = memoryCapacity
        self.routes = routes
        self.linkEngines = linkEngines
        self.contention = contention
        self.energyPJ = energyPJ
        self.transferEnergyPJPerByte = transferEnergyPJPerByte
    }

    @inlinable public var unitCount: Int { unitNames.count }
    @inlinable public var operatorCount: Int { execUS.count }

    /// Time to move `bytes` from unit `a`'s memory to unit `b`'s memory.
    @inlinable @inline(__always)
    public func transferUS(bytes: Int, from a: Int, to b: Int) -> Double {
        a == b ? 0 : transferFixedUS[a, b] + Double(bytes) * transferPerByteUS[a, b]
    }

    /// Whether a transfer from a to b is needed at all (different memories).
    @inlinable @inline(__always)
    public func needsTransfer(from a: Int, to b: Int) -> Bool {
        a != b && unitMemory[a] != unitMemory[b]
    }

    /// Units that can run the operator.
    public func capableUnits(_ op: Int) -> [Int] {
        (0..<unitCount).filter { execUS[op][$0] != nil }
    }
}
