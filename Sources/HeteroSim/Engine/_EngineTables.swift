import HeteroCost
import HeteroIR
import HeteroRecords

/// The engine's immutable tables: everything about a run that the plan, the machine and the
/// graph fix before the first event, built once by one function per concern and read by the
/// event handlers (see `_Engine`).
///
/// Lists per operator, transfer, signal or buffer are stored contiguously (`_CSR`), and every
/// per-index figure the event handlers read is a flat array, so that building the tables costs
/// a few allocations per run rather than several per operation, and handling an event touches no
/// dictionary and retains nothing.
struct _EngineTables {
    var queues: [[Int]] = []
    /// Next operator in the same unit's queue, or -1.
    var queueNext: [Int32] = []
    /// The operator `registerGroups` positions later in the queue, or -1.
    var groupNext: [Int32] = []
    var queuePosition: [Int32] = []
    var programmingTicks: Int64 = 0

    /// Memory each operator computes from (its planned unit's).
    var operatorMemory: [Int] = []
    /// Two transfers of one tensor into one memory (moves by index), the first pair found: an
    /// invalid plan (`SimulationViolation.Kind.duplicateTransfer`).
    var duplicateTransfer: (first: Int, second: Int)?
    /// Nominal duration of each operator on its planned unit (-1 when it cannot run there).
    var durationTicks: [Int64] = []
    /// Command-phase ticks, busy-phase microseconds and streamed bytes (contention on).
    var overheadTicks: [Int64] = []
    var busyUS: [Double] = []
    var streamedBytes: [Double] = []
    /// Weight memory of each operator's planned unit (-1: none) and the weight bytes it reads
    /// there (`SimulationMachine.weightBytes`); both empty when no unit has a weight memory.
    var operatorWeightMemory: [Int32] = []
    var weightBytes: [Double] = []

    /// Expected token of every tensor (0 for constants).
    var expectedToken: [UInt64] = []
    /// Producing operator of every tensor, or -1.
    var producerOf: [Int32] = []
    /// Per operator, the (tensor, buffer or -1) pairs it reads and then writes in its unit's
    /// memory: reads are `accessStart[op] ..< writeStart[op]`, writes
    /// `writeStart[op] ..< accessStart[op + 1]`.
    var accessStart: [Int32] = []
    var writeStart: [Int32] = []
    var accessTensor: [Int32] = []
    var accessBuffer: [Int32] = []
    /// Per operator, the producers on its own unit of its inputs (with the tensor), in the order
    /// of `_DataEdge.incoming`.
    var sameUnitProducers: _CSR = _CSR(count: 0)
    var sameUnitTensors: _CSR = _CSR(count: 0)

    /// Transfers and spill copies (see `_Move`); `transferCount` counts both.
    var moves: [_Move] = []
    /// Per move: source and destination buffer (-1 when the plan has none), route links and
    /// uncontended duration.
    var transferSource: [Int32] = []
    var transferDestination: [Int32] = []
    var transferRoute: [[Int]] = []
    var transferTicks: [Int64] = []
    /// Entities (moves) each operator's completion decrements directly: transfers and stores of
    /// its outputs, and reloads for a consumer on its unit.
    var finishWaiters: _CSR = _CSR(count: 0)
    /// Prefetches waiting for an operator to start (the operator before their reader).
    var startWaiters: _CSR = _CSR(count: 0)
    /// The operators each entity waits for directly (deadlock analysis).
    var finishWaits: _CSR = _CSR(count: 0)

    /// Signals: a completion or arrival of `signalSource` (an operator or transfer, as an
    /// entity) reaching `signalWaiters` after `signalDelay`.
    var signalDelay: [Int64] = []
    var signalSource: [Int32] = []
    var signalReason: [StallReason] = []
    var signalWaiters: _CSR = _CSR(count: 0)
    /// Signals each operator's completion fires; the signals each move's arrival fires.
    var signalsOf: _CSR = _CSR(count: 0)
    var arrivalSignals: _CSR = _CSR(count: 0)
    /// Signals each entity waits for (deadlock analysis).
    var signalWaits: _CSR = _CSR(count: 0)

    /// Per buffer: where it is (copied from the plan for the hot paths).
    var bufferTensor: [Int] = []
    var bufferMemory: [Int] = []
    var bufferOffset: [Int] = []
    var bufferBytes: [Int] = []
    /// Per buffer: the least bytes the simulator's own padding rule gives it (`BufferPadding`;
    /// 0 where no unit pads its tensor there).
    var bufferLeastBytes: [Int] = []
    /// Per buffer: writers and readers (entities), whether released never (graph outputs),
    /// predecessors and the entities waiting for its release.
    var bufferWriters: _CSR = _CSR(count: 0)
    var bufferReaders: _CSR = _CSR(count: 0)
    var bufferPinned: [Bool] = []
    var bufferPreloaded: [Bool] = []
    var bufferPredecessors: _CSR = _CSR(count: 0)
    var releaseWaiters: _CSR = _CSR(count: 0)
    /// Writers reusing a buffer they also read: told when every other user is done.
    var inPlaceWaiters: _CSR = _CSR(count: 0)
    /// Signals in all (`signalDelay.count`).
    var signalCount = 0
    /// Per memory, the largest buffer and the highest end address the plan uses.
    var maxBytes: [Int] = []
    var addressLimit: [Int] = []
    /// Each entity's dependency count before the first event.
    var initialCount: [Int32] = []

    /// Builds the tables, concern by concern, in the order their inputs need.
    init(graph: Graph, machine: SimulationMachine, plan: SimulationPlan, options: SimulationOptions) {
        var scratch = _TableScratch(graph: graph, machine: machine, plan: plan)
        operatorMemory = scratch.operatorMemory
        buildQueues(graph, machine, plan, options, &scratch)
        buildMoves(graph, machine, plan, options, &scratch)
        buildAccesses(graph, machine, plan, options, &scratch)
        buildDurations(graph, machine, plan, options, &scratch)
        buildRoutes(graph, machine, plan, options, &scratch)
        buildSignals(graph, machine, plan, options, &scratch)
        buildBuffers(graph, machine, plan, options, &scratch)
        initialCount = scratch.count
    }
}

/// What the table builders hand on to one another: sizes, the dependency counts they add to,
/// and the lists and lookups that several of them fill in or read.
struct _TableScratch {
    let n: Int
    let unitCount: Int
    let memoryCount: Int
    let tensorCount: Int
    let bufferCount: Int
    /// Moves: the plan's transfers and spill copies.
    let transferCount: Int
    let entityCount: Int
    let operatorMemory: [Int]
    /// Every operator's inputs, outputs and data edges by tensor index.
    let operands: _Operands
    /// Dependency count of every entity (operators, then moves).
    var count: [Int32]
    var isConstant: [Bool]
    var expectedToken: [UInt64]
    var index: _BufferIndex
    var bufferWriters: _CSRBuilder
    var bufferReaders: _CSRBuilder
    var transferSource: [Int32] = []
    var transferDestination: [Int32] = []
    /// The reload, if any, of a tensor for an operator (key `tensor * n + op`).
    var reloadFor: [Int: Int] = [:]
    var hasReloads = false
    /// The first transfer of each tensor into each memory, at `tensor * memoryCount + memory`.
    var transferTo: [Int32] = []
    var finishWaiters: _CSRBuilder
    var finishWaits: _CSRBuilder
    /// The plan's recomputations by the operator they are made for (`SimulationPlan.recomputes`).
    let recomputedBefore: [Int: [ScheduledSpill]]

    init(graph: Graph, machine: SimulationMachine, plan: SimulationPlan) {
        n = graph.operators.count
        unitCount = machine.unitCount
        memoryCount = machine.memoryCount
        tensorCount = graph.tensors.count
        bufferCount = plan.buffers.count
        transferCount = plan.transfers.count + plan.copies.count
        entityCount = n + transferCount
        operatorMemory = plan.units.map { machine.unitMemory[$0] }
        operands = _Operands(graph)
        count = [Int32](repeating: 0, count: entityCount)
        isConstant = [Bool](repeating: false, count: tensorCount)
        expectedToken = [UInt64](repeating: 0, count: tensorCount)
        index = _BufferIndex(plan.buffers, tensorCount: tensorCount, memoryCount: memoryCount, aliasRoot: graph.aliasRoot)
        bufferWriters = _CSRBuilder(reservingCapacity: n + transferCount)
        bufferReaders = _CSRBuilder(reservingCapacity: 2 * n + transferCount)
        finishWaiters = _CSRBuilder(reservingCapacity: transferCount)
        finishWaits = _CSRBuilder(reservingCapacity: transferCount)
        recomputedBefore = Dictionary(grouping: plan.recomputes.filter { ($0.consumer ?? -1) >= 0 }) { $0.consumer! }
    }
}

extension _EngineTables {
    /// The reload of `tensor` for `op` into `op`'s memory, if any (once `buildAccesses` has
    /// found the reloads).
    func reload(_ tensor: Int, for op: Int, _ s: _TableScratch) -> Int? {
        guard s.hasReloads, let x = s.reloadFor[tensor * s.n + op], moves[x].toMemory == operatorMemory[op] else { return nil }
        return x
    }
}
