extension _Engine {
    /// An enabled transfer reads its source buffer and allocates its destination. Contention
    /// off: it arrives after the route's uncontended time, engines unused (the classic model's
    /// ideal interconnect). Contention on: it crosses its route hop by hop, store and forward,
    /// each hop queueing FIFO for one of its link's DMA engines, paying the link's latency, then
    /// moving its bytes at the fair share of the link (and of the memories at its ends).
    mutating func startTransfer(_ x: Int) throws(SimulationViolation) {
        let move = tables.moves[x]
        let entity = operatorCount + x
        if move.kind == .reload, move.producer >= 0, finishedAt[move.producer] < 0 {
            throw violation(.dependencyNotMet, unit: move.toUnit, entity: entity, tensor: move.tensor, memory: move.fromMemory,
                            expected: "\(label(move.producer)) finishes and its output is stored before the \(transferLabel(x))",
                            found: "the plan has no store of it, or the store was not waited for")
        }
        // A prefetch reads a weight where it is stored (weights are there from the start, unplanned).
        if move.kind != .prefetch || tables.transferSource[x] >= 0 {
            try checkRead(tensor: move.tensor, buffer: Int(tables.transferSource[x]), memory: move.fromMemory,
                          unit: move.fromUnit, entity: entity)
        }
        let destination = Int(tables.transferDestination[x])
        guard destination >= 0 else {
            let memory = move.toMemory
            throw violation(.unplannedBuffer, unit: move.toUnit, entity: entity, tensor: move.tensor, memory: memory,
                            expected: "a buffer for \"\(tensorName(move.tensor))\" in \(machine.memoryNames[memory]), where the \(transferLabel(x)) writes it",
                            found: "the plan has none")
        }
        try allocate(destination, unit: move.toUnit, entity: entity)
        startedAt[entity] = now
        if !contention || tables.transferRoute[x].isEmpty {
            events.schedule(.transferArrive, at: now + tables.transferTicks[x], subject: x)
        } else {
            requestEngine(x)
        }
    }

    mutating func requestEngine(_ x: Int) {
        let link = tables.transferRoute[x][Int(currentHop[x])]
        hopLog[x].append(SimulatedHop(link: link, requested: SimTime(ticks: now), granted: SimTime(ticks: -1), done: SimTime(ticks: -1)))
        if Int(engineBusy[link]) < machine.links[link].engines {
            grantEngine(x)
        } else {
            engineQueue[link].append(Int32(x))
        }
    }

    mutating func grantEngine(_ x: Int) {
        let link = tables.transferRoute[x][Int(currentHop[x])]
        engineBusy[link] += 1
        hopLog[x][hopLog[x].count - 1].granted = SimTime(ticks: now)
        let latency = SimTime(microseconds: machine.links[link].latencyUS).ticks
        if latency > 0 {
            events.schedule(.hopLatencyDone, at: now + latency, subject: x)
        } else {
            beginHopData(x)
        }
    }

    mutating func beginHopData(_ x: Int) {
        let entity = operatorCount + x
        let link = machine.links[tables.transferRoute[x][Int(currentHop[x])]]
        let bytes = Double(tables.moves[x].bytes)
        guard bytes > 0, link.bytesPerUS.isFinite else {
            events.schedule(.hopDone, at: now, subject: x, version: flowVersion[entity])
            return
        }
        let linkIndex = Int32(tables.transferRoute[x][Int(currentHop[x])])
        let base = Int32(machine.links.count)
        addFlow(entity: entity, remainingUS: bytes / link.bytesPerUS, cap: link.bytesPerUS,
                resources: (linkIndex, base + Int32(link.fromMemory), base + Int32(link.toMemory)))
    }

    mutating func finishHop(_ x: Int, version: Int32) {
        let entity = operatorCount + x
        guard version == flowVersion[entity] else { return }
        flowVersion[entity] &+= 1
        if flowSlot[entity] >= 0 { removeFlow(entity: entity) }
        let link = tables.transferRoute[x][Int(currentHop[x])]
        hopLog[x][hopLog[x].count - 1].done = SimTime(ticks: now)
        engineBusy[link] -= 1
        if let next = engineQueue[link].popFirst() { grantEngine(Int(next)) }
        currentHop[x] += 1
        if Int(currentHop[x]) < tables.transferRoute[x].count {
            requestEngine(x)
        } else {
            arrive(x)
        }
    }

    /// The data is in the destination memory: write it, end the buffers' uses, and signal the
    /// waiters (consumers on the destination unit after its synchronisation cost; a store's
    /// reloads; a reload's consumer).
    mutating func arrive(_ x: Int) {
        let entity = operatorCount + x
        finishedAt[entity] = now
        let destination = Int(tables.transferDestination[x])
        if destination >= 0 {
            contents[tables.bufferMemory[destination]].write(tables.expectedToken[tables.moves[x].tensor], offset: tables.bufferOffset[destination], bytes: tables.bufferBytes[destination])
            bufferWritten[destination] = true
            useEnded(destination)
        }
        if tables.transferSource[x] >= 0 { useEnded(Int(tables.transferSource[x])) }
        for position in tables.arrivalSignals.range(x) {
            let signal = Int(tables.arrivalSignals.items[position])
            let delay = tables.signalDelay[signal]
            if delay == 0 {
                fire(signal)
            } else {
                events.schedule(.signal, at: now + delay, subject: signal)
            }
        }
    }
}
