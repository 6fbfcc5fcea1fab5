import DequeModule
import HeteroCost
import HeteroIR
import HeteroRecords

/// The discrete-event engine behind `Simulator`: immutable tables built once from the problem,
/// machine and plan, and the mutable state of one run.
///
/// Entities that wait are operators (index `op`) and transfers (index `operatorCount + x`).
/// Each has a dependency count, NVDLA-style: the number of events it still waits for. An
/// operator waits for
/// - the previous operator in its unit's queue (the engine is free),
/// - the operator `registerGroups` places earlier (its register group is free), and, when
///   programming takes time, the end of its own programming,
/// - one signal per distinct producer on another unit (the producer's completion, or the
///   planned transfer of the tensor, plus the synchronisation cost), and
/// - the release of every buffer that its outputs' buffers reuse (see `_BufferOrder`).
/// A producer on the same unit is not waited for: the in-order queue is supposed to guarantee
/// it, and a plan where it does not is caught when the operator reads its input.
/// A transfer or spill store waits for its producer; a reload for the store (plus the
/// synchronisation to its consumer's unit) and for its consumer's other inputs; each move also
/// waits for the buffers its destination buffer reuses.
struct _Engine {
    // MARK: Inputs and tables (fixed for the run)

    let graph: Graph
    let machine: SimulationMachine
    let plan: SimulationPlan
    let options: SimulationOptions
    let contention: Bool
    let operatorCount: Int
    let transferCount: Int
    /// Everything the plan, the machine and the graph fix before the first event.
    let tables: _EngineTables

    // MARK: State

    var now: Int64 = 0
    var events = _EventQueue()
    var count: [Int32]
    var reason: [StallReason]
    var enabledAt: [Int64]
    var startedAt: [Int64]
    var finishedAt: [Int64]
    var signalFired: [Bool]

    var bufferState: [UInt8]
    var bufferPending: [Int32]
    var inPlaceFired: [Bool]
    /// Whether some writer has stored the buffer's tensor in it (tells a missing input from a stale one).
    var bufferWritten: [Bool]
    var allocatedAt: [Int64]
    var releasedAt: [Int64]
    var contents: [_TokenMemory]
    var liveBuffers: [_LiveSet]
    /// Scratch list for overlap queries.
    var overlapping: [_LiveSet.Entry] = []
    var liveBytes: [Int]
    var peakLiveBytes: [Int]
    var peakAddress: [Int]
    var occupancy: [[(tick: Int64, bytes: Int)]]

    // Interconnect (contention on).
    var currentHop: [Int32]
    var hopLog: [[SimulatedHop]]
    var engineBusy: [Int32]
    /// Transfers waiting for a DMA engine of each link, first come first served.
    var engineQueue: [Deque<Int32>]

    // Fluid flows (contention on).
    var flows: [_Flow] = []
    var flowSlot: [Int32]
    var flowVersion: [Int32]
    var fluidDirty = false
    var share: _FairShare
    /// Scratch input and output of `share` (reused from one reshare to the next).
    var shareFlows: [_FairShare.Flow] = []
    var shareRates: [Double] = []
    /// Per operator, the index of the multicast read it is a destination of (-1: none), and the
    /// bytes of its stream that read carries; per read, whether its first destination started
    /// streaming (`checkMulticasts`; empty when the plan has no multicast).
    var multicastOf: [Int32] = []
    var multicastShare: [Double] = []
    var multicastStarted: [Bool] = []

    static let unallocated: UInt8 = 0
    static let live: UInt8 = 1
    static let released: UInt8 = 2

    init(graph: Graph, machine: SimulationMachine, plan: SimulationPlan, options: SimulationOptions) {
        precondition(plan.operatorCount == graph.operators.count, "plan has \(plan.operatorCount) operators, graph \(graph.operators.count)")
        precondition(plan.units.allSatisfy { $0 >= 0 && $0 < machine.unitCount }, "plan places an operator on a unit that does not exist")
        precondition(options.registerGroups >= 1, "a unit needs at least one register group")
        self.graph = graph
        self.machine = machine
        self.plan = plan
        self.options = options
        contention = options.contention ?? machine.contention
        operatorCount = graph.operators.count
        transferCount = plan.transfers.count + plan.copies.count
        let tables = _EngineTables(graph: graph, machine: machine, plan: plan, options: options)
        self.tables = tables
        let entityCount = operatorCount + transferCount
        let bufferCount = plan.buffers.count
        let memoryCount = machine.memoryCount
        let signalCount = tables.signalCount
        let writers = tables.bufferWriters, readers = tables.bufferReaders
        let maxBytes = tables.maxBytes, addressLimit = tables.addressLimit
        let bufferMemory = tables.bufferMemory, bufferOffset = tables.bufferOffset, bufferBytes = tables.bufferBytes
        // State.
        count = tables.initialCount
        reason = [StallReason](repeating: .none, count: entityCount)
        enabledAt = [Int64](repeating: -1, count: entityCount)
        startedAt = [Int64](repeating: -1, count: entityCount)
        finishedAt = [Int64](repeating: -1, count: entityCount)
        signalFired = [Bool](repeating: false, count: signalCount)
        bufferState = [UInt8](repeating: Self.unallocated, count: bufferCount)
        bufferPending = (0..<bufferCount).map { Int32(writers.size($0) + readers.size($0)) }
        allocatedAt = [Int64](repeating: -1, count: bufferCount)
        inPlaceFired = [Bool](repeating: false, count: bufferCount)
        bufferWritten = [Bool](repeating: false, count: bufferCount)
        releasedAt = [Int64](repeating: -1, count: bufferCount)
        contents = (0..<memoryCount).map { _TokenMemory(largestBuffer: maxBytes[$0], addressLimit: addressLimit[$0]) }
        liveBuffers = (0..<memoryCount).map {
            _LiveSet(memory: $0, maxBytes: maxBytes[$0], bufferMemory: bufferMemory, bufferOffset: bufferOffset, bufferBytes: bufferBytes)
        }
        liveBytes = [Int](repeating: 0, count: memoryCount)
        peakLiveBytes = [Int](repeating: 0, count: memoryCount)
        peakAddress = [Int](repeating: 0, count: memoryCount)
        occupancy = [[(tick: Int64, bytes: Int)]](repeating: [(0, 0)], count: memoryCount)
        currentHop = [Int32](repeating: 0, count: transferCount)
        hopLog = [[SimulatedHop]](repeating: [], count: transferCount)
        engineBusy = [Int32](repeating: 0, count: machine.links.count)
        engineQueue = [Deque<Int32>](repeating: [], count: machine.links.count)
        flowSlot = [Int32](repeating: -1, count: entityCount)
        flowVersion = [Int32](repeating: 0, count: entityCount)
        share = _FairShare(capacity: machine.links.map(\.bytesPerUS) + machine.memoryBandwidth)
    }
}
