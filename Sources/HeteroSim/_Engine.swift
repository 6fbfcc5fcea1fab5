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
/// A transfer or spill store waits for its producer; a reload for the store (plus the
/// synchronisation to its consumer's unit) and for its consumer's other inputs; each move also
/// waits for the buffers its destination buffer reuses.
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

    /// Transfers and spill copies (see `_Move`); `transferCount` counts both.
    let moves: [_Move]
    /// Per move: source and destination buffer (-1 when the plan has none), route links and
    /// uncontended duration.
    let transferSource: [Int32]
    let transferDestination: [Int32]
    let transferRoute: [[Int]]
    let transferTicks: [Int64]
    /// Entities (moves) each operator's completion decrements directly: transfers and stores of
    /// its outputs, and reloads for a consumer on its unit.
    let finishWaiters: [[Int32]]
    /// The operators each entity waits for directly (deadlock analysis).
    let finishWaits: [[Int32]]

    struct Signal {
        var delay: Int64
        /// Operator or transfer (as an entity) whose completion or arrival fires it.
        var source: Int32
        var waiters: [Int32]
        var reason: StallReason
    }
    let signals: [Signal]
    /// Signals each operator's completion fires; the signals each move's arrival fires.
    let signalsOf: [[Int32]]
    let arrivalSignals: [[Int32]]
    /// Signals each entity waits for (deadlock analysis).
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
    /// Whether some writer has stored the buffer's tensor in it (tells a missing input from a stale one).
    var bufferWritten: [Bool]
    var allocatedAt: [Int64]
    var releasedAt: [Int64]
    var contents: [TokenMemory]
    var liveBuffers: [_LiveSet]
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
        transferCount = plan.transfers.count + plan.copies.count
        let entityCount = n + transferCount
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

        // Moves: the plan's transfers, then its spill copies.
        var moves: [_Move] = plan.transfers.map {
            _Move(kind: .transfer, tensor: $0.tensor, producer: $0.producer, fromMemory: memory(ofUnit: $0.fromUnit),
                  toMemory: memory(ofUnit: $0.toUnit), fromUnit: $0.fromUnit, toUnit: $0.toUnit, consumer: -1, bytes: $0.bytes,
                  startUS: $0.startUS, finishUS: $0.finishUS)
        }
        for copy in plan.copies {
            let producer = graph.producer[copy.tensor] ?? -1
            let unit = copy.kind == .reload ? (copy.consumer.map { units[$0] } ?? 0) : (producer >= 0 ? units[producer] : 0)
            moves.append(_Move(kind: copy.kind == .store ? .store : .reload, tensor: copy.tensor, producer: producer,
                               fromMemory: copy.fromMemory, toMemory: copy.toMemory, fromUnit: unit, toUnit: unit,
                               consumer: copy.kind == .reload ? (copy.consumer ?? -1) : -1, bytes: copy.bytes,
                               startUS: copy.startUS, finishUS: copy.finishUS))
        }
        self.moves = moves
        let moveCount = moves.count

        // Buffers by (tensor, memory), each list by planned start. A tensor has several buffers
        // in one memory when it is spilled; an access uses the one live at its planned time (the
        // latest to start by then), and a reload and its reader the buffer starting at the
        // reload's planned start.
        var buffersAt: [Int: [Int32]] = [:]
        for (index, buffer) in plan.buffers.enumerated() { buffersAt[buffer.tensor * memoryCount + buffer.memory, default: []].append(Int32(index)) }
        let bufferStart = plan.buffers.map(\.startUS)
        for (key, list) in buffersAt where list.count > 1 {
            buffersAt[key] = list.sorted { a, b in bufferStart[Int(a)] != bufferStart[Int(b)] ? bufferStart[Int(a)] < bufferStart[Int(b)] : a < b }
        }
        var claimed = Set<Int32>()
        func buffer(_ tensor: Int, _ memory: Int, at time: Double, claiming: Bool = false) -> Int32 {
            guard let candidates = buffersAt[tensor * memoryCount + memory] else { return -1 }
            if candidates.count == 1 { return candidates[0] }
            var chosen = candidates[0]
            for candidate in candidates where bufferStart[Int(candidate)] <= time {
                if claiming && claimed.contains(candidate) { continue }
                chosen = candidate
            }
            if claiming { claimed.insert(chosen) }
            return chosen
        }
        var bufferWriters = [[Int32]](repeating: [], count: plan.buffers.count)
        var bufferReaders = [[Int32]](repeating: [], count: plan.buffers.count)

        // Reload destinations first: a reader of a reloaded tensor reads the reload's buffer.
        var transferSource = [Int32](repeating: -1, count: moveCount)
        var transferDestination = [Int32](repeating: -1, count: moveCount)
        var reloadFor: [Int: Int] = [:]
        for (x, move) in moves.enumerated() where move.kind == .reload {
            transferDestination[x] = buffer(move.tensor, move.toMemory, at: move.startUS, claiming: true)
            if move.consumer >= 0, reloadFor[move.tensor * n + move.consumer] == nil { reloadFor[move.tensor * n + move.consumer] = x }
        }

        var reads = [[(tensor: Int32, buffer: Int32)]](repeating: [], count: n)
        var writes = [[(tensor: Int32, buffer: Int32)]](repeating: [], count: n)
        for (op, description) in graph.operators.enumerated() {
            let home = memory(ofUnit: units[op])
            var seen = Set<Int>()
            for input in description.inputs where !input.isEmpty {
                guard let tensor = graph.tensorIndex[input], graph.tensors[tensor].kind != .constant, seen.insert(tensor).inserted else { continue }
                let index: Int32
                if let x = reloadFor[tensor * n + op], moves[x].toMemory == home {
                    index = transferDestination[x]
                } else {
                    index = buffer(tensor, home, at: plan.startUS[op])
                }
                reads[op].append((Int32(tensor), index))
                if index >= 0 { bufferReaders[Int(index)].append(Int32(op)) }
            }
            for output in description.outputs where !output.isEmpty {
                guard let tensor = graph.tensorIndex[output] else { continue }
                let index = buffer(tensor, home, at: plan.startUS[op])
                writes[op].append((Int32(tensor), index))
                if index >= 0 { bufferWriters[Int(index)].append(Int32(op)) }
            }
        }
        self.reads = reads
        self.writes = writes

        var transferRoute = [[Int]](repeating: [], count: moveCount)
        var transferTicks = [Int64](repeating: 0, count: moveCount)
        var finishWaiters = [[Int32]](repeating: [], count: n)
        var finishWaits = [[Int32]](repeating: [], count: n + moveCount)
        var transferTo: [Int: Int] = [:]
        for (x, move) in moves.enumerated() {
            let entity = Int32(n + x)
            transferSource[x] = buffer(move.tensor, move.fromMemory, at: move.startUS)
            if move.kind != .reload { transferDestination[x] = buffer(move.tensor, move.toMemory, at: move.startUS) }
            if transferSource[x] >= 0 { bufferReaders[Int(transferSource[x])].append(entity) }
            if transferDestination[x] >= 0 { bufferWriters[Int(transferDestination[x])].append(entity) }
            switch move.kind {
            case .transfer:
                transferRoute[x] = costs.routes[move.fromUnit][move.toUnit]
                transferTicks[x] = SimTime(microseconds: costs.transferUS(bytes: move.bytes, from: move.fromUnit, to: move.toUnit)).ticks
                if transferTo[move.tensor * unitCount + move.toUnit] == nil { transferTo[move.tensor * unitCount + move.toUnit] = x }
            case .store, .reload:
                transferRoute[x] = machine.memoryRoutes[move.fromMemory][move.toMemory]
                let time = costs.memoryTransferUS(bytes: move.bytes, from: move.fromMemory, to: move.toMemory)
                    ?? machine.copyTimeUS(bytes: move.bytes, route: transferRoute[x])
                transferTicks[x] = SimTime(microseconds: time).ticks
            }
            // Transfers and stores wait for the tensor's producer; reloads for the store (below).
            if move.kind != .reload, move.producer >= 0 {
                finishWaiters[move.producer].append(entity)
                finishWaits[Int(entity)].append(Int32(move.producer))
                count[n + x] += 1
            }
        }
        self.transferSource = transferSource
        self.transferDestination = transferDestination
        self.transferRoute = transferRoute
        self.transferTicks = transferTicks

        // Signals. A transfer's arrival signals consumers on its destination unit after the
        // synchronisation cost; a reload's arrival its consumer at once; a store's arrival each
        // reload of its tensor, after the synchronisation from the producer's unit to the
        // reload's. An input neither transferred nor reloaded, produced on another unit, is
        // signalled per (producer, unit) after the synchronisation cost.
        var signals: [Signal] = []
        var arrivalSignals = [[Int32]](repeating: [], count: moveCount)
        var signalWaits = [[Int32]](repeating: [], count: n + moveCount)
        func wait(_ entity: Int, on id: Int32) {
            guard !signalWaits[entity].contains(id) else { return }
            signalWaits[entity].append(id)
            signals[Int(id)].waiters.append(Int32(entity))
            count[entity] += 1
        }
        var transferSignal = [Int32](repeating: -1, count: moveCount)
        for (x, move) in moves.enumerated() where move.kind != .store {
            transferSignal[x] = Int32(signals.count)
            arrivalSignals[x].append(Int32(signals.count))
            let delay = move.kind == .transfer ? SimTime(microseconds: costs.syncUS[move.fromUnit][move.toUnit]).ticks : 0
            signals.append(Signal(delay: delay, source: Int32(n + x), waiters: [], reason: .transfer))
        }
        var storeOf: [Int: Int] = [:]
        for (x, move) in moves.enumerated() where move.kind == .store && storeOf[move.tensor] == nil { storeOf[move.tensor] = x }
        for (x, move) in moves.enumerated() where move.kind == .reload {
            guard let store = storeOf[move.tensor] else { continue }
            let producerUnit = moves[store].fromUnit
            let id = Int32(signals.count)
            arrivalSignals[store].append(id)
            let delay = producerUnit == move.toUnit ? 0 : SimTime(microseconds: costs.syncUS[producerUnit][move.toUnit]).ticks
            signals.append(Signal(delay: delay, source: Int32(n + store), waiters: [], reason: .transfer))
            wait(n + x, on: id)
        }
        var syncSignal: [Int: Int32] = [:]
        var signalsOf = [[Int32]](repeating: [], count: n)
        for consumer in 0..<n {
            let unit = units[consumer]
            let reloads = problem.incoming[consumer].compactMap { edge -> Int? in
                guard let x = reloadFor[edge.tensor * n + consumer], moves[x].toMemory == memory(ofUnit: unit) else { return nil }
                return x
            }
            for x in reloads { wait(consumer, on: transferSignal[x]) }
            for edge in problem.incoming[consumer] {
                if let x = reloadFor[edge.tensor * n + consumer], moves[x].toMemory == memory(ofUnit: unit) { continue }
                // What the consumer waits for, and its reloads too (they start once every other
                // input is ready, as the planner times them).
                if units[edge.producer] == unit {
                    for x in reloads where !finishWaits[n + x].contains(Int32(edge.producer)) {
                        finishWaiters[edge.producer].append(Int32(n + x))
                        finishWaits[n + x].append(Int32(edge.producer))
                        count[n + x] += 1
                    }
                    continue
                }
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
                wait(consumer, on: id)
                for x in reloads { wait(n + x, on: id) }
            }
        }
        self.signals = signals
        self.signalsOf = signalsOf
        self.arrivalSignals = arrivalSignals
        self.signalWaits = signalWaits
        self.finishWaiters = finishWaiters
        self.finishWaits = finishWaits

        // Buffer lifetimes and memory-reuse order.
        var maxBytes = [Int](repeating: 0, count: memoryCount)
        for buffer in plan.buffers { maxBytes[buffer.memory] = max(maxBytes[buffer.memory], buffer.bytes) }
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
        let predecessors = BufferOrder.predecessors(plan.buffers, memoryCount: memoryCount, eligible: eligible, largestBuffer: maxBytes)
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
        bufferWritten = [Bool](repeating: false, count: plan.buffers.count)
        releasedAt = [Int64](repeating: -1, count: plan.buffers.count)
        contents = maxBytes.map { TokenMemory(largestBuffer: $0) }
        liveBuffers = maxBytes.map { _LiveSet(maxBytes: $0) }
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
