import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// Completion and arrival signals, and what each entity waits for.
    mutating func buildSignals(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let n = s.n, unitCount = s.unitCount, entityCount = s.entityCount, moveCount = s.transferCount, units = plan.units, costs = machine.costs
        let moves = self.moves
        // Signals. A transfer's arrival signals consumers on its destination unit after the
        // synchronisation cost (and consumers on other units of its destination memory after
        // theirs); a reload's arrival its consumer at once; a store's arrival each
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
            s.count[entity] += 1
        }
        var arrivalSignals = _CSRBuilder(reservingCapacity: moveCount)
        var transferSignal = [Int32](repeating: -1, count: moveCount)
        for (x, move) in moves.enumerated() where move.kind != .store {
            let delay = move.kind == .transfer ? SimTime(microseconds: costs.syncUS[move.fromUnit, move.toUnit]).ticks : 0
            transferSignal[x] = addSignal(delay: delay, source: n + x, reason: .transfer)
            arrivalSignals.append(x, transferSignal[x])
        }
        // A prefetch starts when the operator it is planned to run beside starts: the last one
        // before its reader on the reader's unit planned to start by the prefetch's planned start
        // (none: at once). The reader waits for its arrival.
        var startWaiters = _CSRBuilder(reservingCapacity: 0)
        for (x, move) in moves.enumerated() where move.kind == .prefetch && move.consumer >= 0 {
            blockStart = waitEntity.count
            wait(move.consumer, on: transferSignal[x])
            let queue = queues[units[move.consumer]]
            var trigger = Int(queuePosition[move.consumer]) - 1
            while trigger >= 0 && plan.startUS[queue[trigger]] > move.startUS { trigger -= 1 }
            guard trigger >= 0 else { continue }
            startWaiters.append(queue[trigger], Int32(n + x))
            s.count[n + x] += 1
        }
        self.startWaiters = startWaiters.build(count: n)
        if s.hasReloads || !plan.copies.isEmpty {
            var storeOf: [Int: Int] = [:]
            for (x, move) in moves.enumerated() where move.kind == .store && storeOf[move.tensor] == nil { storeOf[move.tensor] = x }
            for (x, move) in moves.enumerated() where move.kind == .reload {
                guard let store = storeOf[move.tensor] else { continue }
                let producerUnit = moves[store].fromUnit
                let delay = producerUnit == move.toUnit ? 0 : SimTime(microseconds: costs.syncUS[producerUnit, move.toUnit]).ticks
                let id = addSignal(delay: delay, source: n + store, reason: .transfer)
                arrivalSignals.append(store, id)
                blockStart = waitEntity.count
                wait(n + x, on: id)
            }
        }
        var syncSignal = [Int32](repeating: -1, count: n * unitCount)
        var sharedArrival: [Int: Int32] = [:]
        var signalsOf = _CSRBuilder(reservingCapacity: n)
        var sameUnitProducers = _CSRBuilder(reservingCapacity: n)
        var sameUnitTensors = _CSRBuilder(reservingCapacity: n)
        var reloads: [Int] = []
        var reloadWaits: [(Int32, Int32)] = []
        let operands = s.operands
        for consumer in 0..<n {
            let unit = units[consumer]
            let incoming = zip(operands.edgeProducers[consumer], operands.edgeTensors[consumer]).lazy.map {
                _DataEdge(producer: Int($0), consumer: consumer, tensor: Int($1))
            }
            blockStart = waitEntity.count
            reloads.removeAll(keepingCapacity: true)
            if s.hasReloads {
                reloadWaits.removeAll(keepingCapacity: true)
                for edge in incoming { if let x = reload(edge.tensor, for: consumer, s) { reloads.append(x) } }
                for x in reloads { wait(consumer, on: transferSignal[x]) }
            }
            for edge in incoming {
                if units[edge.producer] == unit {
                    sameUnitProducers.append(consumer, Int32(edge.producer))
                    sameUnitTensors.append(consumer, Int32(edge.tensor))
                }
                if s.hasReloads, reload(edge.tensor, for: consumer, s) != nil { continue }
                // What the consumer waits for, and its reloads too (they start once every other
                // input is ready, as the planner times them).
                if units[edge.producer] == unit {
                    for x in reloads where !reloadWaits.contains(where: { $0 == (Int32(n + x), Int32(edge.producer)) }) {
                        reloadWaits.append((Int32(n + x), Int32(edge.producer)))
                        s.finishWaiters.append(edge.producer, Int32(n + x))
                        s.finishWaits.append(n + x, Int32(edge.producer))
                        s.count[n + x] += 1
                    }
                    continue
                }
                let id: Int32
                if moveCount > 0, case let x = Int(s.transferTo[edge.tensor * s.memoryCount + machine.unitMemory[unit]]), x >= 0 {
                    if moves[x].toUnit == unit {
                        id = transferSignal[x]
                    } else if let shared = sharedArrival[x * unitCount + unit] {
                        id = shared
                    } else {
                        // Another unit of the transfer's destination memory: its own synchronisation.
                        id = addSignal(delay: SimTime(microseconds: costs.syncUS[moves[x].fromUnit, unit]).ticks, source: n + x, reason: .transfer)
                        arrivalSignals.append(x, id)
                        sharedArrival[x * unitCount + unit] = id
                    }
                } else if syncSignal[edge.producer * unitCount + unit] >= 0 {
                    id = syncSignal[edge.producer * unitCount + unit]
                } else {
                    id = addSignal(delay: SimTime(microseconds: costs.syncUS[units[edge.producer], unit]).ticks, source: edge.producer, reason: .input)
                    syncSignal[edge.producer * unitCount + unit] = id
                    signalsOf.append(edge.producer, id)
                }
                wait(consumer, on: id)
                for x in reloads { wait(n + x, on: id) }
            }
        }
        signalCount = signalDelay.count
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
        self.finishWaiters = s.finishWaiters.build(count: n)
        self.finishWaits = s.finishWaits.build(count: entityCount)
        self.sameUnitProducers = sameUnitProducers.build(count: n)
        self.sameUnitTensors = sameUnitTensors.build(count: n)
    }
}
