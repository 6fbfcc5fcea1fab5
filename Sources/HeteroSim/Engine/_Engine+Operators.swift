extension _Engine {
    /// The unit starts an enabled operator: it checks that the unit can run it, that every input
    /// is in the unit's memory with the right token, and allocates its output buffers.
    mutating func startOperator(_ op: Int) throws(SimulationViolation) {
        let unit = plan.units[op]
        guard durationTicks[op] >= 0 else {
            let capable = machine.costs.capableUnits(op).map { machine.unitNames[$0] }.joined(separator: ", ")
            throw violation(.unsupportedOperator, unit: unit, entity: op,
                            expected: "a unit that can run \(graph.operators[op].type) (\(capable))",
                            found: "\(machine.unitNames[unit]) cannot: \(machine.costs.reasons[op][unit] ?? "no cost for it there")")
        }
        let memory = operatorMemory[op]
        let reads = Int(accessStart[op])..<Int(writeStart[op])
        let writes = Int(writeStart[op])..<Int(accessStart[op + 1])
        for access in reads {
            let tensor = accessTensor[access], buffer = accessBuffer[access]
            let producer = Int(producerOf[Int(tensor)])
            if producer >= 0, finishedAt[producer] < 0 {
                let state = startedAt[producer] >= 0
                    ? "it is still running (started at \(Self.format(startedAt[producer])) us)"
                    : "it has not started (position \(queuePosition[producer]) in the queue of \(machine.unitNames[plan.units[producer]]))"
                throw violation(.dependencyNotMet, unit: unit, entity: op, tensor: Int(tensor), memory: memory,
                                expected: "\(label(producer)) finishes before \(label(op)) starts", found: state)
            }
            try checkRead(tensor: Int(tensor), buffer: Int(buffer), memory: memory, unit: unit, entity: op)
        }
        for access in writes {
            let tensor = accessTensor[access], buffer = accessBuffer[access]
            guard buffer >= 0 else {
                throw violation(.unplannedBuffer, unit: unit, entity: op, tensor: Int(tensor), memory: memory,
                                expected: "a buffer for \"\(tensorName(Int(tensor)))\" in \(machine.memoryNames[memory]), where \(label(op)) writes it",
                                found: "the plan has none")
            }
            try allocate(Int(buffer), unit: unit, entity: op)
        }
        startedAt[op] = now
        if contention && streamedBytes[op] > 0 && busyUS[op] > 0 {
            events.schedule(.operatorBusy, at: now + overheadTicks[op], subject: op)
        } else {
            events.schedule(.operatorFinish, at: now + durationTicks[op], subject: op, version: flowVersion[op])
        }
    }

    /// `op` is now at the head of its unit's queue (everything before it has finished). A unit
    /// runs its queue in order, so an input produced on the same unit by an operator that has
    /// not finished — one queued after it — can never arrive: report it now.
    func checkQueueHead(_ op: Int) throws(SimulationViolation) {
        for position in sameUnitProducers.range(op) where finishedAt[Int(sameUnitProducers.items[position])] < 0 {
            let unit = plan.units[op]
            let producer = Int(sameUnitProducers.items[position])
            throw violation(.dependencyNotMet, unit: unit, entity: op, tensor: Int(sameUnitTensors.items[position]), memory: machine.unitMemory[unit],
                            expected: "\(label(producer)) finishes before \(label(op)), which reads its output on the same unit",
                            found: "\(label(op)) is next in the queue of \(machine.unitNames[unit]) and \(label(producer)) is queued "
                                + "after it (position \(queuePosition[producer]) against \(queuePosition[op]))")
        }
    }

    /// Contention on: the command phase is over and the operator starts streaming.
    mutating func beginBusyPhase(_ op: Int) {
        let memory = operatorMemory[op]
        addFlow(entity: op, remainingUS: busyUS[op], cap: streamedBytes[op] / busyUS[op],
                resources: (Int32(machine.links.count + memory), -1, -1))
    }

    /// The operator completed: its outputs are written, its buffers' uses end, and everything
    /// waiting for it is told (the next operator on its unit, the one reusing its register
    /// group, consumers on other units after synchronisation, and transfers of its outputs).
    mutating func finishOperator(_ op: Int, version: Int32) throws(SimulationViolation) {
        guard version == flowVersion[op], finishedAt[op] < 0 else { return }
        flowVersion[op] &+= 1
        if flowSlot[op] >= 0 { removeFlow(entity: op) }
        finishedAt[op] = now
        let memory = operatorMemory[op]
        for access in Int(writeStart[op])..<Int(accessStart[op + 1]) {
            let buffer = Int(accessBuffer[access])
            guard buffer >= 0 else { continue }
            contents[memory].write(expectedToken[Int(accessTensor[access])], offset: bufferOffset[buffer], bytes: bufferBytes[buffer])
            bufferWritten[buffer] = true
            useEnded(buffer)
        }
        for access in Int(accessStart[op])..<Int(writeStart[op]) where accessBuffer[access] >= 0 { useEnded(Int(accessBuffer[access])) }
        let group = Int(groupNext[op])
        if group >= 0 {
            if programmingTicks > 0 {
                events.schedule(.programmed, at: now + programmingTicks, subject: group)
            } else {
                decrement(group, because: .programming)
            }
        }
        if queueNext[op] >= 0 {
            try checkQueueHead(Int(queueNext[op]))
            decrement(Int(queueNext[op]), because: .engine)
        }
        for position in signalsOf.range(op) {
            let signal = Int(signalsOf.items[position])
            events.schedule(.signal, at: now + signalDelay[signal], subject: signal)
        }
        for position in finishWaiters.range(op) { decrement(Int(finishWaiters.items[position]), because: .producer) }
    }
}
