import HeteroRecords
import DequeModule
import HeteroCost
import HeteroIR

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
    // MARK: Tables (fixed for the run)
    //
    // Lists per operator, transfer, signal or buffer are stored contiguously (`_CSR`), and every
    // per-index figure the event handlers read is a flat array, so that building the tables costs
    // a few allocations per run rather than several per operation, and handling an event touches
    // no dictionary and retains nothing.

    let graph: Graph
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

    /// Memory each operator computes from (its planned unit's).
    let operatorMemory: [Int]
    /// Nominal duration of each operator on its planned unit (-1 when it cannot run there).
    let durationTicks: [Int64]
    /// Command-phase ticks, busy-phase microseconds and streamed bytes (contention on).
    let overheadTicks: [Int64]
    let busyUS: [Double]
    let streamedBytes: [Double]

    /// Expected token of every tensor (0 for constants).
    let expectedToken: [UInt64]
    /// Producing operator of every tensor, or -1.
    let producerOf: [Int32]
    /// Per operator, the (tensor, buffer or -1) pairs it reads and then writes in its unit's
    /// memory: reads are `accessStart[op] ..< writeStart[op]`, writes
    /// `writeStart[op] ..< accessStart[op + 1]`.
    let accessStart: [Int32]
    let writeStart: [Int32]
    let accessTensor: [Int32]
    let accessBuffer: [Int32]
    /// Per operator, the producers on its own unit of its inputs (with the tensor), in the order
    /// of `_DataEdge.incoming`.
    let sameUnitProducers: _CSR
    let sameUnitTensors: _CSR

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
    let finishWaiters: _CSR
    /// The operators each entity waits for directly (deadlock analysis).
    let finishWaits: _CSR

    /// Signals: a completion or arrival of `signalSource` (an operator or transfer, as an
    /// entity) reaching `signalWaiters` after `signalDelay`.
    let signalDelay: [Int64]
    let signalSource: [Int32]
    let signalReason: [StallReason]
    let signalWaiters: _CSR
    /// Signals each operator's completion fires; the signals each move's arrival fires.
    let signalsOf: _CSR
    let arrivalSignals: _CSR
    /// Signals each entity waits for (deadlock analysis).
    let signalWaits: _CSR

    /// Per buffer: where it is (copied from the plan for the hot paths).
    let bufferTensor: [Int]
    let bufferMemory: [Int]
    let bufferOffset: [Int]
    let bufferBytes: [Int]
    /// Per buffer: writers and readers (entities), whether released never (graph outputs),
    /// predecessors and the entities waiting for its release.
    let bufferWriters: _CSR
    let bufferReaders: _CSR
    let bufferPinned: [Bool]
    let bufferPreloaded: [Bool]
    let bufferPredecessors: _CSR
    let releaseWaiters: _CSR
    /// Writers reusing a buffer they also read: told when every other user is done.
    let inPlaceWaiters: _CSR

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

    static let unallocated: UInt8 = 0
    static let live: UInt8 = 1
    static let released: UInt8 = 2

    /// The plan's buffers grouped by (tensor, memory), each group by planned start, and the
    /// choice of buffer for an access at a planned time (see `_Engine.init`).
    private struct BufferIndex {
        let memoryCount: Int
        /// Group of key `tensor * memoryCount + memory`: `sorted[start[key] ..< start[key + 1]]`.
        var start: [Int32]
        var sorted: [Int32]
        let bufferStart: [Double]
        var claimed: [Bool]

        init(_ buffers: [MemoryPlan.Buffer], tensorCount: Int, memoryCount: Int) {
            self.memoryCount = memoryCount
            bufferStart = buffers.map(\.startUS)
            claimed = [Bool](repeating: false, count: buffers.count)
            var builder = _CSRBuilder(reservingCapacity: buffers.count)
            for (index, buffer) in buffers.enumerated() { builder.append(buffer.tensor * memoryCount + buffer.memory, Int32(index)) }
            let groups = builder.build(count: tensorCount * memoryCount)
            start = groups.start
            var sorted = groups.items
            let bufferStart = bufferStart
            for key in 0..<groups.count where groups.size(key) > 1 {
                let range = groups.range(key)
                sorted[range].sort { a, b in bufferStart[Int(a)] != bufferStart[Int(b)] ? bufferStart[Int(a)] < bufferStart[Int(b)] : a < b }
            }
            self.sorted = sorted
        }

        /// The buffer of `tensor` in `memory` live at planned `time`: the latest to start by
        /// then (the first if none has); with `claiming`, the latest not claimed yet, which it
        /// claims. -1 when the tensor has no buffer there.
        @inline(__always)
        mutating func buffer(_ tensor: Int, _ memory: Int, at time: Double, claiming: Bool = false) -> Int32 {
            let key = tensor * memoryCount + memory
            let lower = Int(start[key]), upper = Int(start[key + 1])
            guard lower < upper else { return -1 }
            if upper - lower == 1 { return sorted[lower] }
            var chosen = sorted[lower]
            for position in lower..<upper {
                let candidate = sorted[position]
                guard bufferStart[Int(candidate)] <= time else { continue }
                if claiming && claimed[Int(candidate)] { continue }
                chosen = candidate
            }
            if claiming { claimed[Int(chosen)] = true }
            return chosen
        }
    }

    init(graph: Graph, machine: SimulationMachine, plan: SimulationPlan, options: SimulationOptions) {
        precondition(plan.operatorCount == graph.operators.count, "plan has \(plan.operatorCount) operators, graph \(graph.operators.count)")
        precondition(plan.units.allSatisfy { $0 >= 0 && $0 < machine.unitCount }, "plan places an operator on a unit that does not exist")
        precondition(options.registerGroups >= 1, "a unit needs at least one register group")
        let costs = machine.costs
        let n = graph.operators.count
        let unitCount = machine.unitCount
        let memoryCount = machine.memoryCount
        let tensorCount = graph.tensors.count
        let bufferCount = plan.buffers.count
        self.graph = graph
        self.machine = machine
        self.plan = plan
        self.options = options
        contention = options.contention ?? machine.contention
        operatorCount = n
        transferCount = plan.transfers.count + plan.copies.count
        let entityCount = n + transferCount
        let units = plan.units
        let unitMemory = machine.unitMemory
        let operatorMemory = units.map { unitMemory[$0] }
        self.operatorMemory = operatorMemory

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
            guard let duration = machine.duration(op, on: unit, units: units) else { continue }
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

        // Tensors: producers, constants and graph outputs.
        var producerOf = [Int32](repeating: -1, count: tensorCount)
        var isConstant = [Bool](repeating: false, count: tensorCount)
        var expectedToken = [UInt64](repeating: 0, count: tensorCount)
        let tensors = graph.tensors
        for index in 0..<tensorCount {
            if let producer = graph.producer[index] { producerOf[index] = Int32(producer) }
            let kind = tensors[index].kind
            isConstant[index] = kind == .constant
            if kind == .input || (kind == .activation && producerOf[index] < 0) { expectedToken[index] = _Token.input(index) }
        }
        self.producerOf = producerOf

        // Moves: the plan's transfers, then its spill copies.
        var moves: [_Move] = []
        moves.reserveCapacity(transferCount)
        for transfer in plan.transfers {
            moves.append(_Move(kind: .transfer, tensor: transfer.tensor, producer: transfer.producer, fromMemory: unitMemory[transfer.fromUnit],
                               toMemory: unitMemory[transfer.toUnit], fromUnit: transfer.fromUnit, toUnit: transfer.toUnit, consumer: -1,
                               bytes: transfer.bytes, startUS: transfer.startUS, finishUS: transfer.finishUS))
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
        var index = BufferIndex(plan.buffers, tensorCount: tensorCount, memoryCount: memoryCount)
        var bufferWriters = _CSRBuilder(reservingCapacity: n + moveCount)
        var bufferReaders = _CSRBuilder(reservingCapacity: 2 * n + moveCount)

        // Reload destinations first: a reader of a reloaded tensor reads the reload's buffer.
        var transferSource = [Int32](repeating: -1, count: moveCount)
        var transferDestination = [Int32](repeating: -1, count: moveCount)
        var reloadFor: [Int: Int] = [:]
        for (x, move) in moves.enumerated() where move.kind == .reload {
            transferDestination[x] = index.buffer(move.tensor, move.toMemory, at: move.startUS, claiming: true)
            if move.consumer >= 0, reloadFor[move.tensor * n + move.consumer] == nil { reloadFor[move.tensor * n + move.consumer] = x }
        }
        let hasReloads = !reloadFor.isEmpty
        /// The reload of `tensor` for `op` into `op`'s memory, if any.
        func reload(_ tensor: Int, for op: Int) -> Int? {
            guard hasReloads, let x = reloadFor[tensor * n + op], moves[x].toMemory == operatorMemory[op] else { return nil }
            return x
        }

        // Tokens (each tensor's value is derived from its producer and its inputs' values, in
        // order) and the operators' reads and writes, in one pass over the operators.
        var accessStart = [Int32](repeating: 0, count: n + 1)
        var writeStart = [Int32](repeating: 0, count: n)
        var accessTensor: [Int32] = []
        var accessBuffer: [Int32] = []
        accessTensor.reserveCapacity(3 * n)
        accessBuffer.reserveCapacity(3 * n)
        var inputTokens: [UInt64] = []
        let operators = graph.operators
        for op in 0..<n {
            let home = operatorMemory[op]
            let startUS = plan.startUS[op]
            let first = accessTensor.count
            accessStart[op] = Int32(first)
            inputTokens.removeAll(keepingCapacity: true)
            for input in operators[op].inputs where !input.isEmpty {
                guard let tensor = graph.tensorIndex[input] else { continue }
                inputTokens.append(expectedToken[tensor])
                guard !isConstant[tensor], !accessTensor[first...].contains(Int32(tensor)) else { continue }
                let buffer: Int32
                if let x = reload(tensor, for: op) {
                    buffer = transferDestination[x]
                } else {
                    buffer = index.buffer(tensor, home, at: startUS)
                }
                accessTensor.append(Int32(tensor))
                accessBuffer.append(buffer)
                if buffer >= 0 { bufferReaders.append(Int(buffer), Int32(op)) }
            }
            writeStart[op] = Int32(accessTensor.count)
            for (position, output) in operators[op].outputs.enumerated() where !output.isEmpty {
                guard let tensor = graph.tensorIndex[output] else { continue }
                expectedToken[tensor] = _Token.output(operator: op, position: position, inputs: inputTokens)
                let buffer = index.buffer(tensor, home, at: startUS)
                accessTensor.append(Int32(tensor))
                accessBuffer.append(buffer)
                if buffer >= 0 { bufferWriters.append(Int(buffer), Int32(op)) }
            }
        }
        accessStart[n] = Int32(accessTensor.count)
        self.expectedToken = expectedToken
        self.accessStart = accessStart
        self.writeStart = writeStart
        self.accessTensor = accessTensor
        self.accessBuffer = accessBuffer

        var transferRoute = [[Int]](repeating: [], count: moveCount)
        var transferTicks = [Int64](repeating: 0, count: moveCount)
        var finishWaiters = _CSRBuilder(reservingCapacity: moveCount)
        var finishWaits = _CSRBuilder(reservingCapacity: moveCount)
        var transferTo = [Int32](repeating: -1, count: moveCount > 0 ? tensorCount * unitCount : 0)
        for (x, move) in moves.enumerated() {
            let entity = Int32(n + x)
            transferSource[x] = index.buffer(move.tensor, move.fromMemory, at: move.startUS)
            if move.kind != .reload { transferDestination[x] = index.buffer(move.tensor, move.toMemory, at: move.startUS) }
            if transferSource[x] >= 0 { bufferReaders.append(Int(transferSource[x]), entity) }
            if transferDestination[x] >= 0 { bufferWriters.append(Int(transferDestination[x]), entity) }
            switch move.kind {
            case .transfer:
                transferRoute[x] = costs.routes[move.fromUnit][move.toUnit]
                transferTicks[x] = SimTime(microseconds: machine.copyTimeUS(bytes: move.bytes, route: transferRoute[x])).ticks
                if transferTo[move.tensor * unitCount + move.toUnit] < 0 { transferTo[move.tensor * unitCount + move.toUnit] = Int32(x) }
            case .store, .reload:
                transferRoute[x] = machine.memoryRoutes[move.fromMemory][move.toMemory]
                transferTicks[x] = SimTime(microseconds: machine.copyTimeUS(bytes: move.bytes, route: transferRoute[x])).ticks
            }
            // Transfers and stores wait for the tensor's producer; reloads for the store (below).
            if move.kind != .reload, move.producer >= 0 {
                finishWaiters.append(move.producer, entity)
                finishWaits.append(Int(entity), Int32(move.producer))
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
        var signalDelay: [Int64] = []
        var signalSource: [Int32] = []
        var signalReason: [StallReason] = []
        signalDelay.reserveCapacity(moveCount + n)
        signalSource.reserveCapacity(moveCount + n)
        signalReason.reserveCapacity(moveCount + n)
        func addSignal(delay: Int64, source: Int, reason: StallReason) -> Int32 {
            signalDelay.append(delay)
            signalSource.append(Int32(source))
            signalReason.append(reason)
            return Int32(signalDelay.count - 1)
        }
        // Waits, as (entity, signal) pairs in the order they are first made; a repeated pair
        // is dropped. Repeats can only come from one consumer's block below, which
        // `blockStart` delimits.
        var waitEntity: [Int32] = []
        var waitSignal: [Int32] = []
        waitEntity.reserveCapacity(2 * n + moveCount)
        waitSignal.reserveCapacity(2 * n + moveCount)
        var blockStart = 0
        func wait(_ entity: Int, on id: Int32) {
            for pair in blockStart..<waitEntity.count where waitEntity[pair] == Int32(entity) && waitSignal[pair] == id { return }
            waitEntity.append(Int32(entity))
            waitSignal.append(id)
            count[entity] += 1
        }
        var arrivalSignals = _CSRBuilder(reservingCapacity: moveCount)
        var transferSignal = [Int32](repeating: -1, count: moveCount)
        for (x, move) in moves.enumerated() where move.kind != .store {
            let delay = move.kind == .transfer ? SimTime(microseconds: costs.syncUS[move.fromUnit][move.toUnit]).ticks : 0
            transferSignal[x] = addSignal(delay: delay, source: n + x, reason: .transfer)
            arrivalSignals.append(x, transferSignal[x])
        }
        if hasReloads || !plan.copies.isEmpty {
            var storeOf: [Int: Int] = [:]
            for (x, move) in moves.enumerated() where move.kind == .store && storeOf[move.tensor] == nil { storeOf[move.tensor] = x }
            for (x, move) in moves.enumerated() where move.kind == .reload {
                guard let store = storeOf[move.tensor] else { continue }
                let producerUnit = moves[store].fromUnit
                let delay = producerUnit == move.toUnit ? 0 : SimTime(microseconds: costs.syncUS[producerUnit][move.toUnit]).ticks
                let id = addSignal(delay: delay, source: n + store, reason: .transfer)
                arrivalSignals.append(store, id)
                blockStart = waitEntity.count
                wait(n + x, on: id)
            }
        }
        var syncSignal = [Int32](repeating: -1, count: n * unitCount)
        var signalsOf = _CSRBuilder(reservingCapacity: n)
        var sameUnitProducers = _CSRBuilder(reservingCapacity: n)
        var sameUnitTensors = _CSRBuilder(reservingCapacity: n)
        var reloads: [Int] = []
        var reloadWaits: [(Int32, Int32)] = []
        let incomingEdges = _DataEdge.incoming(graph)
        for consumer in 0..<n {
            let unit = units[consumer]
            let incoming = incomingEdges[consumer]
            blockStart = waitEntity.count
            reloads.removeAll(keepingCapacity: true)
            if hasReloads {
                reloadWaits.removeAll(keepingCapacity: true)
                for edge in incoming { if let x = reload(edge.tensor, for: consumer) { reloads.append(x) } }
                for x in reloads { wait(consumer, on: transferSignal[x]) }
            }
            for edge in incoming {
                if units[edge.producer] == unit {
                    sameUnitProducers.append(consumer, Int32(edge.producer))
                    sameUnitTensors.append(consumer, Int32(edge.tensor))
                }
                if hasReloads, reload(edge.tensor, for: consumer) != nil { continue }
                // What the consumer waits for, and its reloads too (they start once every other
                // input is ready, as the planner times them).
                if units[edge.producer] == unit {
                    for x in reloads where !reloadWaits.contains(where: { $0 == (Int32(n + x), Int32(edge.producer)) }) {
                        reloadWaits.append((Int32(n + x), Int32(edge.producer)))
                        finishWaiters.append(edge.producer, Int32(n + x))
                        finishWaits.append(n + x, Int32(edge.producer))
                        count[n + x] += 1
                    }
                    continue
                }
                let id: Int32
                if moveCount > 0, transferTo[edge.tensor * unitCount + unit] >= 0 {
                    id = transferSignal[Int(transferTo[edge.tensor * unitCount + unit])]
                } else if syncSignal[edge.producer * unitCount + unit] >= 0 {
                    id = syncSignal[edge.producer * unitCount + unit]
                } else {
                    id = addSignal(delay: SimTime(microseconds: costs.syncUS[units[edge.producer]][unit]).ticks, source: edge.producer, reason: .input)
                    syncSignal[edge.producer * unitCount + unit] = id
                    signalsOf.append(edge.producer, id)
                }
                wait(consumer, on: id)
                for x in reloads { wait(n + x, on: id) }
            }
        }
        let signalCount = signalDelay.count
        var signalWaiters = _CSRBuilder(reservingCapacity: waitEntity.count)
        var signalWaits = _CSRBuilder(reservingCapacity: waitEntity.count)
        for (entity, signal) in zip(waitEntity, waitSignal) {
            signalWaiters.append(Int(signal), entity)
            signalWaits.append(Int(entity), signal)
        }
        self.signalDelay = signalDelay
        self.signalSource = signalSource
        self.signalReason = signalReason
        self.signalWaiters = signalWaiters.build(count: signalCount)
        self.signalsOf = signalsOf.build(count: n)
        self.arrivalSignals = arrivalSignals.build(count: moveCount)
        self.signalWaits = signalWaits.build(count: entityCount)
        self.finishWaiters = finishWaiters.build(count: n)
        self.finishWaits = finishWaits.build(count: entityCount)
        self.sameUnitProducers = sameUnitProducers.build(count: n)
        self.sameUnitTensors = sameUnitTensors.build(count: n)

        // Buffer lifetimes and memory-reuse order.
        let writers = bufferWriters.build(count: bufferCount)
        let readers = bufferReaders.build(count: bufferCount)
        var maxBytes = [Int](repeating: 0, count: memoryCount)
        var addressLimit = [Int](repeating: 0, count: memoryCount)
        var bufferTensor = [Int](repeating: 0, count: bufferCount)
        var bufferMemory = [Int](repeating: 0, count: bufferCount)
        var bufferOffset = [Int](repeating: 0, count: bufferCount)
        var bufferBytes = [Int](repeating: 0, count: bufferCount)
        var isOutput = [Bool](repeating: false, count: tensorCount)
        for output in graph.outputs { if let tensor = graph.tensorIndex[output] { isOutput[tensor] = true } }
        var bufferPinned = [Bool](repeating: false, count: bufferCount)
        var bufferPreloaded = [Bool](repeating: false, count: bufferCount)
        var eligible = [Bool](repeating: false, count: bufferCount)
        for (index, planned) in plan.buffers.enumerated() {
            maxBytes[planned.memory] = max(maxBytes[planned.memory], planned.bytes)
            addressLimit[planned.memory] = max(addressLimit[planned.memory], planned.offset + planned.bytes)
            bufferTensor[index] = planned.tensor
            bufferMemory[index] = planned.memory
            bufferOffset[index] = planned.offset
            bufferBytes[index] = planned.bytes
            let producer = Int(producerOf[planned.tensor])
            if producer >= 0 {
                bufferPinned[index] = isOutput[planned.tensor] && operatorMemory[producer] == planned.memory
            } else {
                bufferPreloaded[index] = true
            }
            eligible[index] = bufferPreloaded[index] || !writers.isEmpty(index)
        }
        let predecessors = _BufferOrder.predecessors(plan.buffers, memoryCount: memoryCount, eligible: eligible, largestBuffer: maxBytes,
                                                    addressLimit: addressLimit)
        // A writer that also reads the buffer it reuses (an in-place view, such as a zero-time
        // Reshape whose output the memory planner put over its input) cannot wait for that
        // buffer's release, which needs its own read: it waits until it is the last user.
        // A (buffer, writer) pair can only repeat for a writer of several buffers.
        var writes = [Int32](repeating: 0, count: entityCount)
        for writer in writers.items { writes[Int(writer)] += 1 }
        var linked = Set<Int>()
        var releaseWaiters = _CSRBuilder()
        var inPlaceWaiters = _CSRBuilder()
        for index in 0..<bufferCount where !predecessors.isEmpty(index) {
            for writer in writers[index] {
                for predecessor in predecessors[index] where Int(predecessor) != index {
                    let predecessor = Int(predecessor)
                    if writes[Int(writer)] > 1 {
                        guard linked.insert(predecessor * entityCount + Int(writer)).inserted else { continue }
                    }
                    if readers.contains(predecessor, writer) {
                        inPlaceWaiters.append(predecessor, writer)
                    } else {
                        releaseWaiters.append(predecessor, writer)
                    }
                    count[Int(writer)] += 1
                }
            }
        }
        self.bufferTensor = bufferTensor
        self.bufferMemory = bufferMemory
        self.bufferOffset = bufferOffset
        self.bufferBytes = bufferBytes
        self.bufferWriters = writers
        self.bufferReaders = readers
        self.bufferPinned = bufferPinned
        self.bufferPreloaded = bufferPreloaded
        self.bufferPredecessors = predecessors
        self.releaseWaiters = releaseWaiters.build(count: bufferCount)
        self.inPlaceWaiters = inPlaceWaiters.build(count: bufferCount)

        // State.
        self.count = count
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
