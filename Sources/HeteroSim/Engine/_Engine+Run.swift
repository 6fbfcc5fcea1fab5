extension _Engine {
    /// Runs until nothing is left to happen, then checks that every operator ran.
    mutating func run() throws(SimulationViolation) {
        // Time 0: graph inputs are in place, and every operation whose count is already zero is
        // enabled (in unit-queue order, then transfers, for a deterministic start).
        if let (first, second) = tables.duplicateTransfer {
            let copy = tables.moves[second], earlier = tables.moves[first]
            throw violation(.duplicateTransfer, unit: copy.toUnit, entity: operatorCount + second, tensor: copy.tensor, memory: copy.toMemory,
                            expected: "one transfer of \"\(tensorName(copy.tensor))\" into \(machine.memoryNames[copy.toMemory])",
                            found: "the \(transferLabel(first)) (\(machine.unitNames[earlier.fromUnit]) -> \(machine.unitNames[earlier.toUnit])) already copies it there")
        }
        // Routes first: a route its port cannot carry also lengthens its kernels past the interval.
        try checkStreamRoutes()
        try checkPacking()
        try checkMulticasts()
        try checkWindows()
        try preloadInputs()
        if tables.programmingTicks > 0 {
            for queue in tables.queues {
                for op in queue.prefix(options.registerGroups) { events.schedule(.programmed, at: tables.programmingTicks, subject: op) }
            }
        }
        for queue in tables.queues {
            if let head = queue.first { try checkQueueHead(head) }
        }
        for queue in tables.queues {
            for op in queue where count[op] == 0 { enable(op) }
        }
        while true {
            if fluidDirty, events.nextTime.map({ $0 > now }) ?? true { reshare() }
            guard let event = events.pop() else { break }
            now = event.time
            try handle(event)
        }
        if let stuck = (0..<operatorCount).first(where: { finishedAt[$0] < 0 }) {
            throw deadlock(firstStuck: stuck)
        }
    }

    mutating func handle(_ event: _Event) throws(SimulationViolation) {
        let subject = Int(event.subject)
        switch event.kind {
        case .operatorStart: try startOperator(subject)
        case .operatorBusy: beginBusyPhase(subject)
        case .operatorFinish: try finishOperator(subject, version: event.version)
        case .transferStart: try startTransfer(subject)
        case .hopLatencyDone: beginHopData(subject)
        case .hopDone: finishHop(subject, version: event.version)
        case .transferArrive: arrive(subject)
        case .signal: fire(subject)
        case .programmed: decrement(subject, because: .programming)
        }
    }

    /// A completion or arrival reaches its waiters.
    mutating func fire(_ signal: Int) {
        signalFired[signal] = true
        let why = tables.signalReason[signal]
        for position in tables.signalWaiters.range(signal) { decrement(Int(tables.signalWaiters.items[position]), because: why) }
    }

    /// One awaited event happened for `entity`; at zero it is enabled.
    @inline(__always)
    mutating func decrement(_ entity: Int, because why: StallReason) {
        count[entity] -= 1
        reason[entity] = why
        precondition(count[entity] >= 0, "dependency count of entity \(entity) went negative")
        if count[entity] == 0 { enable(entity) }
    }

    @inline(__always)
    mutating func enable(_ entity: Int) {
        enabledAt[entity] = now
        if entity < operatorCount {
            events.schedule(.operatorStart, at: now, subject: entity)
        } else {
            events.schedule(.transferStart, at: now, subject: entity - operatorCount)
        }
    }
}
