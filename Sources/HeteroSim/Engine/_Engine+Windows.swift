extension _Engine {
    /// Before anything runs: every windowed hand-off the plan lists must be one (AM009/UG1079
    /// window interfaces). The plan is pipelined (it declares a steady-state interval, in which
    /// producer and readers run concurrently); the buffer is in the producer's tile memory, every
    /// reader's tile addresses that memory (its own or a neighbour's shared module), producer and
    /// readers work row by row, and the buffer holds two windows by the simulator's own reckoning
    /// (`WindowedDelivery.requiredBytes`) within the memory's capacity. Checked in plan order.
    func checkWindows() throws(SimulationViolation) {
        for delivery in plan.windowedHandOffs {
            let tensor = delivery.tensor, memory = delivery.memory
            let name = tensorName(tensor)
            guard let producer = graph.producer[tensor] else {
                throw violation(.brokenWindow, unit: nil, entity: nil, tensor: tensor, memory: memory,
                                expected: "an activation written by an operator", found: "\"\(name)\" has no producer")
            }
            let unit = plan.units[producer]
            func broken(_ expected: String, _ found: String, at op: Int? = nil) -> SimulationViolation {
                violation(.brokenWindow, unit: op.map { plan.units[$0] } ?? unit, entity: op ?? producer, tensor: tensor, memory: memory,
                          expected: expected, found: found)
            }
            guard plan.intervalUS != nil else {
                throw broken("a pipelined plan (summary.interval_us) for the windowed hand-off of \"\(name)\"",
                             "a plan without a steady-state interval: one inference runs store-and-forward, and two windows cannot hold the tensor")
            }
            guard machine.residentMemory[unit] == memory else {
                throw broken("the window buffer of \"\(name)\" in the data memory of its producer's tile \(machine.unitNames[unit])",
                             "it is in \(machine.memoryNames[memory])")
            }
            // A reader on a tile a listed stream route delivers to is judged with the route (`checkStreamRoutes`).
            for reader in graph.consumers[tensor] where !machine.addressedMemories(plan.units[reader]).contains(memory)
                && plan.routedMemory(tensor, to: plan.units[reader]) != memory {
                throw broken("readers of \"\(name)\" on tiles addressing \(machine.memoryNames[memory]) (their own or a neighbour's shared memory)",
                             "\(label(reader)) on \(machine.unitNames[plan.units[reader]]), which shares no memory with \(machine.unitNames[unit])",
                             at: reader)
            }
            let bits = unit < machine.costs.computeBits.count ? machine.costs.computeBits[unit] : nil
            guard let required = delivery.requiredBytes(graph, producerComputeBits: bits) else {
                throw broken("a producer and readers of \"\(name)\" that work row by row on a 4-D activation",
                             "\(label(producer)) and its readers \(graph.consumers[tensor].map(label).joined(separator: ", "))")
            }
            guard let buffer = plan.buffers.first(where: { $0.tensor == tensor && $0.memory == memory }) else {
                throw broken("a buffer of \"\(name)\" in \(machine.memoryNames[memory])", "none in the memory plan")
            }
            guard buffer.bytes >= required.bytes else {
                throw broken("a window buffer of at least \(required.bytes) bytes: two windows of \(required.rows) rows of \"\(name)\"",
                             "\(buffer.bytes) bytes")
            }
            if let capacity = machine.memoryCapacity[memory], buffer.bytes > capacity {
                throw violation(.capacityExceeded, unit: unit, entity: producer, tensor: tensor, memory: memory,
                                expected: "the window buffer of \"\(name)\" within \(machine.memoryNames[memory])'s capacity of \(capacity) bytes",
                                found: "\(buffer.bytes) bytes (two windows of \(required.rows) rows)")
            }
        }
    }
}
