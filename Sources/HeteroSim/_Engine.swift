import DequeModule
import HeteroCost
import HeteroIR
import HeteroPlan

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
/// - the release of every buffer that its outputs' buffers reuse (see `BufferOrder`).
/// A producer on the same unit is not waited for: the in-order queue is supposed to guarantee
/// it, and a plan where it does not is caught when the operator reads its input.
/// A transfer waits for its producer and for the buffers its destination buffer reuses.
struct _Engine {
    // MARK: Tables (fixed for the run)

    let problem: PlanProblem
    let machine: SimulationMachine
    let plan: SimulationPlan
    let options: SimulationOptions
    let contention: Bool
    let operatorCount: Int
    let transferCount: Int

    let queues: [[Int]]
    /// Next operator in the same unit's queue, or -1.
    let queueNext: [Int32]
    /// The operator `registerGroups` positions later in the queue, or -1.
    let groupNext: [Int32]
    let queuePosition: [Int32]
    let programmingTicks: Int64

    /// Nominal duration of each operator on its planned unit (-1 when it cannot run there).
    let durationTicks: [Int64]
    /// Command-phase ticks, busy-phase microseconds and streamed bytes (contention on).
    let overheadTicks: [Int64]
    let busyUS: [Double]
    let streamedBytes: [Double]

    /// Expected token of every tensor (0 for constants).
    let expectedToken: [UInt64]
    /// Per operator: (tensor, buffer or -1) read and written in its unit's memory.
    let reads: [[(tensor: Int32, buffer: Int32)]]
    let writes: [[(tensor: Int32, buffer: Int32)]]

    /// Per transfer: source and destination buffer (-1 when the plan has none), route links,
    /// uncontended duration and synchronisation delay.
    let transferSource: [Int32]
    let transferDestination: [Int32]
    let transferRoute: [[Int]]
    let transferTicks: [Int64]
    /// Transfers each operator's completion starts.
    let transfersOf: [[Int32]]

    struct Signal {
        var delay: Int64
        /// Operator or transfer (as an entity) whose completion or arrival fires it.
        var source: Int32
        var waiters: [Int32]
        var reason: StallReason
    }
    let signals: [Signal]
    /// Signals each operator's completion fires; the signal of each transfer's arrival.
    let signalsOf: [[Int32]]
    let transferSignal: [Int32]
    /// Signals each operator waits for (deadlock analysis).
    let signalWaits: [[Int32]]

    /// Per buffer: writers and readers (entities), whether released never (graph outputs),
    /// predecessors and the entities waiting for its release.
    let bufferWriters: [[Int32]]
    let bufferReaders: [[Int32]]
    let bufferPinned: [Bool]
    let bufferPreloaded: [Bool]
    let bufferPredecessors: [[Int]]
    let releaseWaiters: [[Int32]]
    /// Writers reusing a buffer they also read: told when every other user is done.
    let inPlaceWaiters: [[Int32]]

    // MARK: State

    var now: Int64 = 0
    var events = EventQueue()
    var count: [Int32]
    var reason: [StallReason]
    var enabledAt: [Int64]
    var startedAt: [Int64]
    var finishedAt: [Int64]
    var signalFired: [Bool]

    var bufferState: [UInt8]
    var bufferPending: [Int32]
    var inPlaceFired: [Bool]
    var allocatedAt: [Int64]
    var releasedAt: [Int64]
    var contents: [TokenMemory]
    var liveBuffers: [[Int32]]
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
    var share: FairShare

    static let unallocated: UInt8 = 0
    static let live: UInt8 = 1
    static let released: UInt8 = 2

    init(problem: PlanProblem, machine: SimulationMachine, plan: SimulationPlan, options: SimulationOptions) {
        precondition(plan.operatorCount == problem.operatorCount, "plan has \(plan.operatorCount) operators, problem \(problem.operatorCount)")
        precondition(plan.units.allSatisfy { $0 >= 0 && $0 < machine.unitCount }, "plan places an operator on a unit that does not exist")
        precondition(options.registerGroups >= 1, "a unit needs at least one register group")
        let graph = problem.graph
        let costs = problem.costs
        let n = problem.operatorCount
        let unitCount = machine.unitCount
        let memoryCount = machine.memoryCount
        self.problem = problem
        self.machine = machine
        self.plan = plan
        self.options = options
        contention = options.contention ?? machine.contention
        operatorCount = n
        transferCount = plan.transfers.count
        let entityCount = n + plan.transfers.count
        let units = plan.units
        func memory(ofUnit unit: Int) -> Int { machine.unitMemory[unit] }

        // Queues and the engine/register-group successors.
        let queues = plan.unitQueues(unitCount: unitCount)
        self.queues = queues
        var queueNext = [Int32](repeating: -1, count: n)
        var groupNext = [Int32](repeating: -1, count: n)
        var queuePosition = [Int32](repeating: 0, count: n)
        var count = [Int32](repeating: 0, count: entityCount)
        let groups = options.registerGroups
        let programmingTicks = SimTime(microseconds: options.programmingUS).ticks
        self.programmingTicks = programmingTicks
        for queue in queues {
            for (position, op) in queue.enumerated() {
                queuePosition[op] = Int32(position)
                if position + 1 < queue.count { queueNext[op] = Int32(queue[position + 1]) }
                if position + groups < queue.count { groupNext[op] = Int32(queue[position + groups]) }
                if position > 0 { count[op] += 1 }
                if position >= groups || programmingTicks > 0 { count[op] += 1 }
            }
        }
        self.queueNext = queueNext
        self.groupNext = groupNext
        self.queuePosition = queuePosition

        // Durations and traffic.
        var durationTicks = [Int64](repeating: -1, count: n)
        var overheadTicks = [Int64](repeating: 0, count: n)
        var busyUS = [Double](repeating: 0, count: n)
        var streamedBytes = [Double](repeating: 0, count: n)
        for op in 0..<n {
            let unit = units[op]
            guard let duration = problem.duration(op, unit, units) else { continue }
            durationTicks[op] = SimTime(microseconds: duration).ticks
            guard op < machine.traffic.count, unit < machine.traffic[op].count, let own = costs.execUS[op][unit], own > 0 else { continue }
            // A fused member gets its share of the chain's overhead and traffic.
            let scale = duration / own
            let traffic = machine.traffic[op][unit]
            let overhead = min(duration, traffic.overheadUS * scale)
            overheadTicks[op] = SimTime(microseconds: overhead).ticks
            busyUS[op] = duration - overhead
            streamedBytes[op] = traffic.bytes * scale
        }
        self.durationTicks = durationTicks
        self.overheadTicks = overheadTicks
        self.busyUS = busyUS
        self.streamedBytes = streamedBytes

        // Tokens: each tensor's value is derived from its producer and its inputs' values.
        var expectedToken = [UInt64](repeating: 0, count: graph.tensors.count)
        for (index, tensor) in graph.tensors.enumerated() where tensor.kind == .input || (tensor.kind == .activation && graph.producer[index] == nil) {
            expectedToken[index] = Token.input(index)
        }
        for (index, op) in graph.operators.enumerated() {
            var inputs: [UInt64] = []
            for input in op.inputs where !input.isEmpty {
                if let tensor = graph.tensorIndex[input] { inputs.append(expectedToken[tensor]) }
            }
            for (position, output) in op.outputs.enumerated() where !output.isEmpty {
                if let tensor = graph.tensorIndex[output] { expectedToken[tensor] = Token.output(operator: index, position: position, inputs: inputs) }
            }
        }
        self.expectedToken = expectedToken

        // Buffers by (tensor, memory).
        var bufferIndex: [Int: Int32] = [:]
        for (index, buffer) in plan.buffers.enumerated() { bufferIndex[buffer.tensor * memoryCount + buffer.memory] = Int32(index) }
        func buffer(_ tensor: Int, _ memory: Int) -> Int32 { bufferIndex[tensor * memoryCount + memory] ?? -1 }
        var bufferWriters = [[Int32]](repeating: [], count: plan.buffers.count)
        var bufferReaders = [[Int32]](repeating: [], count: plan.buffers.count)
        var reads = [[(tensor: Int32, buffer: Int32)]](repeating: [], count: n)
        var writes = [[(tensor: Int32, buffer: Int32)]](repeating: [], count: n)
        for (op, description) in graph.operators.enumerated() {
            let home = memory(ofUnit: units[op])
            var seen = Set<Int>()
            for input in description.inputs where !input.isEmpty {
                guard let tensor = graph.tensorIndex[input], graph.tensors[tensor].kind != .constant, seen.insert(tensor).inserted else { continue }
                let index = buffer(tensor, home)
                reads[op].append((Int32(tensor), index))
                if index >= 0 { bufferReaders[Int(index)].append(Int32(op)) }
            }
            for output in description.outputs where !output.isEmpty {
                guard let tensor = graph.tensorIndex[output] else { continue }
                let index = buffer(tensor, home)
                writes[op].append((Int32(tensor), index))
                if index >= 0 { bufferWriters[Int(index)].append(Int32(op)) }
            }
        }
        self.reads = reads
        self.writes = writes

        // Transfers.
        var transferSource = [Int32](repeating: -1, count: transferCount)
        var transferDestination = [Int32](repeating: -1, count: transferCount)
        var transferRoute = [[Int]](repeating: [], count: transferCount)
        var transferTicks = [Int64](repeating: 0, count: transferCount)
        var transfersOf = [[Int32]](repeating: [], count: n)
        var transferTo: [Int: Int] = [:]
        for (x, transfer) in plan.transfers.enumerated() {
            let entity = Int32(n + x)
            transferSource[x] = buffer(transfer.tensor, memory(ofUnit: transfer.fromUnit))
            transferDestination[x] = buffer(transfer.tensor, memory(ofUnit: transfer.toUnit))
            if transferSource[x] >= 0 { bufferReaders[Int(transferSource[x])].append(entity) }
            if transferDestination[x] >= 0 { bufferWriters[Int(transferDestination[x])].append(entity) }
            transferRoute[x] = costs.routes[transfer.fromUnit][transfer.toUnit]
            transferTicks[x] = SimTime(microseconds: costs.transferUS(bytes: transfer.bytes, from: transfer.fromUnit, to: transfer.toUnit)).ticks
            transfersOf[transfer.producer].append(Int32(x))
            count[n + x] += 1
            if transferTo[transfer.tensor * unitCount + transfer.toUnit] == nil { transferTo[transfer.tensor * unitCount + transfer.toUnit] = x }
        }
        self.transferSource = transferSource
        self.transferDestination = transferDestination
        self.transferRoute = transferRoute
        self.transferTicks = transferTicks
        self.transfersOf = transfersOf

        // Signals: one per transfer, and one per (producer, other unit) for inputs not transferred.
        var signals: [Signal] = []
        var transferSignal = [Int32](repeating: -1, count: transferCount)
        for (x, transfer) in plan.transfers.enumerated() {
            transferSignal[x] = Int32(signals.count)
            signals.append(Signal(delay: SimTime(microseconds: costs.syncUS[transfer.fromUnit][transfer.toUnit]).ticks, source: Int32(n + x),
                                  waiters: [], reason: .transfer))
        }
        var syncSignal: [Int: Int32] = [:]
        var signalsOf = [[Int32]](repeating: [], count: n)
        var signalWaits = [[Int32]](repeating: [], count: n)
        for consumer in 0..<n {
            let unit = units[consumer]
            for edge in problem.incoming[consumer] where units[edge.producer] != unit {
                let id: Int32
                if let x = transferTo[edge.tensor * unitCount + unit] {
                    id = transferSignal[x]
                } else if let existing = syncSignal[edge.producer * unitCount + unit] {
                    id = existing
                } else {
                    id = Int32(signals.count)
                    syncSignal[edge.producer * unitCount + unit] = id
                    signals.append(Signal(delay: SimTime(microseconds: costs.syncUS[units[edge.producer]][unit]).ticks,
                                          source: Int32(edge.producer), waiters: [], reason: .input))
                    signalsOf[edge.producer].append(id)
                }
                guard !signalWaits[consumer].contains(id) else { continue }
                signalWaits[consumer].append(id)
                signals[Int(id)].waiters.append(Int32(consumer))
                count[consumer] += 1
            }
        }
        self.signals = signals
        self.signalsOf = signalsOf
        self.transferSignal = transferSignal
        self.signalWaits = signalWaits

        // Buffer lifetimes and memory-reuse order.
        let outputs = Set(graph.outputs.compactMap { graph.tensorIndex[$0] })
        var bufferPinned = [Bool](repeating: false, count: plan.buffers.count)
        var bufferPreloaded = [Bool](repeating: false, count: plan.buffers.count)
        var eligible = [Bool](repeating: false, count: plan.buffers.count)
        for (index, planned) in plan.buffers.enumerated() {
            if let producer = graph.producer[planned.tensor] {
                bufferPinned[index] = outputs.contains(planned.tensor) && memory(ofUnit: units[producer]) == planned.memory
            } else {
                bufferPreloaded[index] = true
            }
            eligible[index] = bufferPreloaded[index] || !bufferWriters[index].isEmpty
        }
        let predecessors = BufferOrder.predecessors(plan.buffers, memoryCount: memoryCount, eligible: eligible)
        // A writer that also reads the buffer it reuses (an in-place view, such as a zero-time
        // Reshape whose output the memory planner put over its input) cannot wait for that
        // buffer's release, which needs its own read: it waits until it is the last user.
        var releaseWaiters = [[Int32]](repeating: [], count: plan.buffers.count)
        var inPlaceWaiters = [[Int32]](repeating: [], count: plan.buffers.count)
        for (index, preceding) in predecessors.enumerated() where !preceding.isEmpty {
            for writer in bufferWriters[index] {
                for predecessor in preceding where predecessor != index {
                    if bufferReaders[predecessor].contains(writer) {
                        guard !inPlaceWaiters[predecessor].contains(writer) else { continue }
                        inPlaceWaiters[predecessor].append(writer)
                    } else {
                        guard !releaseWaiters[predecessor].contains(writer) else { continue }
                        releaseWaiters[predecessor].append(writer)
                    }
                    count[Int(writer)] += 1
                }
            }
        }
        self.bufferWriters = bufferWriters
        self.bufferReaders = bufferReaders
        self.bufferPinned = bufferPinned
        self.bufferPreloaded = bufferPreloaded
        self.bufferPredecessors = predecessors
        self.releaseWaiters = releaseWaiters
        self.inPlaceWaiters = inPlaceWaiters

        // State.
        self.count = count
        reason = [StallReason](repeating: .none, count: entityCount)
        enabledAt = [Int64](repeating: -1, count: entityCount)
        startedAt = [Int64](repeating: -1, count: entityCount)
        finishedAt = [Int64](repeating: -1, count: entityCount)
        signalFired = [Bool](repeating: false, count: signals.count)
        bufferState = [UInt8](repeating: Self.unallocated, count: plan.buffers.count)
        bufferPending = (0..<plan.buffers.count).map { Int32(bufferWriters[$0].count + bufferReaders[$0].count) }
        allocatedAt = [Int64](repeating: -1, count: plan.buffers.count)
        inPlaceFired = [Bool](repeating: false, count: plan.buffers.count)
        releasedAt = [Int64](repeating: -1, count: plan.buffers.count)
        contents = [TokenMemory](repeating: TokenMemory(), count: memoryCount)
        liveBuffers = [[Int32]](repeating: [], count: memoryCount)
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
        share = FairShare(capacity: machine.links.map(\.bytesPerUS) + machine.memoryBandwidth)
    }
}
