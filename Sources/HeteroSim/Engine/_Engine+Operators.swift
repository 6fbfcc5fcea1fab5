extension _Engine {
    /// The unit starts an enabled operator: it checks that the unit can run it, that every input
    /// is in the unit's memory with the right token, and allocates its output buffers.
    mutating func startOperator(_ op: Int) throws(SimulationViolation) {
        let unit = plan.units[op]
        guard tables.durationTicks[op] >= 0 else {
            let capable = machine.costs.capableUnits(op).map { machine.unitNames[$0] }.joined(separator: ", ")
            throw violation(.unsupportedOperator, unit: unit, entity: op,
                            expected: "a unit that can run \(graph.operators[op].type) (\(capable))",
                            found: "\(machine.unitNames[unit]) cannot: \(machine.costs.reasons[op][unit] ?? "no cost for it there")")
        }
        let memory = tables.operatorMemory[op]
        let reads = Int(tables.accessStart[op])..<Int(tables.writeStart[op])
        let writes = Int(tables.writeStart[op])..<Int(tables.accessStart[op + 1])
        for access in reads {
            let tensor = tables.accessTensor[access], buffer = tables.accessBuffer[access]
            let producer = Int(tables.producerOf[Int(tensor)])
            if producer >= 0, finishedAt[producer] < 0 {
                let state = startedAt[producer] >= 0
                    ? "it is still running (started at \(Self.format(startedAt[producer])) us)"
                    : "it has not started (position \(tables.queuePosition[producer]) in the queue of \(machine.unitNames[plan.units[producer]]))"
                throw violation(.dependencyNotMet, unit: unit, entity: op, tensor: Int(tensor), memory: memory,
                                expected: "\(label(producer)) finishes before \(label(op)) starts", found: state)
            }
            // An input the plan keeps in the unit's resident memory is read there.
            try checkRead(tensor: Int(tensor), buffer: Int(buffer), memory: buffer >= 0 ? tables.bufferMemory[Int(buffer)] : memory,
                          unit: unit, entity: op)
        }
        for access in writes {
            let tensor = tables.accessTensor[access], buffer = tables.accessBuffer[access]
            guard buffer >= 0 else {
                throw violation(.unplannedBuffer, unit: unit, entity: op, tensor: Int(tensor), memory: memory,
                                expected: "a buffer for \"\(tensorName(Int(tensor)))\" in \(machine.memoryNames[memory]), where \(label(op)) writes it",
                                found: "the plan has none")
            }
            try allocate(Int(buffer), unit: unit, entity: op)
        }
        startedAt[op] = now
        for position in tables.startWaiters.range(op) { decrement(Int(tables.startWaiters.items[position]), because: .producer) }
        if contention && tables.streams(op) && tables.busyUS[op] > 0 {
            events.schedule(.operatorBusy, at: now + tables.overheadTicks[op], subject: op)
        } else {
            events.schedule(.operatorFinish, at: now + tables.durationTicks[op], subject: op, version: flowVersion[op])
        }
    }

    /// `op` is now at the head of its unit's queue (everything before it has finished). A unit
    /// runs its queue in order, so an input produced on the same unit by an operator that has
    /// not finished — one queued after it — can never arrive: report it now.
    func checkQueueHead(_ op: Int) throws(SimulationViolation) {
        for position in tables.sameUnitProducers.range(op) where finishedAt[Int(tables.sameUnitProducers.items[position])] < 0 {
            let unit = plan.units[op]
            let producer = Int(tables.sameUnitProducers.items[position])
            throw violation(.dependencyNotMet, unit: unit, entity: op, tensor: Int(tables.sameUnitTensors.items[position]), memory: machine.unitMemory[unit],
                            expected: "\(label(producer)) finishes before \(label(op)), which reads its output on the same unit",
                            found: "\(label(op)) is next in the queue of \(machine.unitNames[unit]) and \(label(producer)) is queued "
                                + "after it (position \(tables.queuePosition[producer]) against \(tables.queuePosition[op]))")
        }
    }

    /// Contention on: the command phase is over and the operator starts streaming. On a unit
    /// with a weight memory its weights stream from there in the same flow: the flow's rate is
    /// split between the two memories in proportion to their bytes, so it runs at full speed only
    /// while both memories give their part.
    mutating func beginBusyPhase(_ op: Int) {
        let memory = tables.operatorMemory[op]
        let bytes = multicastStreamedBytes(op)
        let weightMemory = tables.operatorWeightMemory.isEmpty ? -1 : Int(tables.operatorWeightMemory[op])
        let weightBytes = weightMemory >= 0 ? tables.weightBytes[op] : 0
        guard bytes + weightBytes > 0 else {
            // A multicast destination whose whole stream the read carries: its busy time alone.
            events.schedule(.operatorFinish, at: startedAt[op] + tables.durationTicks[op], subject: op, version: flowVersion[op])
            return
        }
        let base = machine.links.count
        guard weightBytes > 0 else {
            addFlow(entity: op, remainingUS: tables.busyUS[op], cap: bytes / tables.busyUS[op], resources: (Int32(base + memory), -1, -1))
            return
        }
        let total = bytes + weightBytes
        addFlow(entity: op, remainingUS: tables.busyUS[op], cap: total / tables.busyUS[op],
                resources: (bytes > 0 ? Int32(base + memory) : -1, Int32(base + weightMemory), -1),
                shares: (bytes / total, weightBytes / total, 0))
    }

    /// The operator completed: its outputs are written, its buffers' uses end, and everything
    /// waiting for it is told (the next operator on its unit, the one reusing its register
    /// group, consumers on other units after synchronisation, and transfers of its outputs).
    mutating func finishOperator(_ op: Int, version: Int32) throws(SimulationViolation) {
        guard version == flowVersion[op], finishedAt[op] < 0 else { return }
        flowVersion[op] &+= 1
        if flowSlot[op] >= 0 { removeFlow(entity: op) }
        finishedAt[op] = now
        for access in Int(tables.writeStart[op])..<Int(tables.accessStart[op + 1]) {
            let buffer = Int(tables.accessBuffer[access])
            guard buffer >= 0 else { continue }
            contents[tables.bufferMemory[buffer]].write(tables.expectedToken[Int(tables.accessTensor[access])], offset: tables.bufferOffset[buffer], bytes: tables.bufferBytes[buffer])
            bufferWritten[buffer] = true
            useEnded(buffer)
        }
        for access in Int(tables.accessStart[op])..<Int(tables.writeStart[op]) where tables.accessBuffer[access] >= 0 { useEnded(Int(tables.accessBuffer[access])) }
        let group = Int(tables.groupNext[op])
        if group >= 0 {
            if tables.programmingTicks > 0 {
                events.schedule(.programmed, at: now + tables.programmingTicks, subject: group)
            } else {
                decrement(group, because: .programming)
            }
        }
        if tables.queueNext[op] >= 0 {
            try checkQueueHead(Int(tables.queueNext[op]))
            decrement(Int(tables.queueNext[op]), because: .engine)
        }
        for position in tables.signalsOf.range(op) {
            let signal = Int(tables.signalsOf.items[position])
            events.schedule(.signal, at: now + tables.signalDelay[signal], subject: signal)
        }
        for position in tables.finishWaiters.range(op) { decrement(Int(tables.finishWaiters.items[position]), because: .producer) }
    }
}
