extension _Engine {
    /// Before anything runs: every multicast read of the plan (`MulticastDelivery`) must be one a
    /// multicast can make — each destination reads the tensor and streams it from the read's
    /// memory (the memory its unit computes from, the tensor not in its resident memory), its
    /// unit has a multicast and room for two receive windows in its resident memory, no operator
    /// is a destination twice for one tensor, and there are at most the smallest fan-out of the
    /// destinations' units. Then fills what `beginBusyPhase` needs: each destination's read and
    /// the bytes of its stream the read carries (the tensor's bytes as its unit stores them, at
    /// most what it streams).
    mutating func checkMulticasts() throws(SimulationViolation) {
        guard !plan.multicasts.isEmpty else { return }
        let costs = machine.costs
        multicastOf = [Int32](repeating: -1, count: operatorCount)
        multicastShare = [Double](repeating: 0, count: operatorCount)
        multicastStarted = [Bool](repeating: false, count: plan.multicasts.count)
        var destinationOf: [Int: Int] = [:]
        for (read, delivery) in plan.multicasts.enumerated() {
            let tensor = delivery.tensor, memory = delivery.memory
            let name = tensorName(tensor)
            var fanout = Int.max
            for op in delivery.destinations {
                let unit = plan.units[op]
                func broken(_ expected: String, _ found: String) -> SimulationViolation {
                    violation(.brokenMulticast, unit: unit, entity: op, tensor: tensor, memory: memory, expected: expected, found: found)
                }
                guard graph.operators[op].inputs.contains(name) else {
                    throw broken("destinations of the multicast of \"\(name)\" that read it", "\(label(op)) does not read \"\(name)\"")
                }
                if let earlier = destinationOf[op * graph.tensors.count + tensor] {
                    throw broken("each reader of \"\(name)\" a destination of one multicast read of it",
                                 "\(label(op)) is a destination of read \(earlier) and of read \(read)")
                }
                destinationOf[op * graph.tensors.count + tensor] = read
                let unitFanout = unit < costs.multicastFanout.count ? costs.multicastFanout[unit] : 0
                guard unitFanout >= 2 else {
                    throw broken("destinations on units with a multicast", "\(machine.unitNames[unit]) has none")
                }
                guard machine.unitMemory[unit] == memory else {
                    throw broken("destinations computing from \(machine.memoryNames[memory]), which the multicast reads",
                                 "\(machine.unitNames[unit]) computes from \(machine.memoryNames[machine.unitMemory[unit]])")
                }
                if let resident = machine.residentMemory[unit] {
                    let root = graph.aliasRoot[tensor]
                    let addressed = machine.addressedMemories(unit)
                    if let kept = plan.buffers.first(where: { ($0.tensor == tensor || $0.tensor == root) && addressed.contains($0.memory) }) {
                        throw broken("destinations that stream \"\(name)\" from \(machine.memoryNames[memory])",
                                     "the plan keeps it in \(machine.memoryNames[kept.memory]), where \(label(op)) reads it")
                    }
                    // Compared by halving the capacity: a window from a hand-edited plan may be huge.
                    let window = max(delivery.bufferBytes, costs.multicastBufferBytes[unit])
                    if let capacity = machine.memoryCapacity[resident], window > capacity / 2 {
                        throw broken("two receive windows of \(window) bytes in \(machine.memoryNames[resident])", "\(capacity) bytes of capacity")
                    }
                }
                fanout = min(fanout, unitFanout)
                multicastOf[op] = Int32(read)
                multicastShare[op] = min(Double(costs.storedBytes(graph.tensors[tensor], on: unit)), tables.streamedBytes[op])
            }
            if delivery.destinations.count > fanout {
                throw violation(.brokenMulticast, unit: plan.units[delivery.destinations[0]], entity: delivery.destinations[0], tensor: tensor, memory: memory,
                                expected: "at most \(fanout) destinations per read (the units' multicast fan-out)",
                                found: "\(delivery.destinations.count) destinations")
            }
        }
    }

    /// The bytes `op` streams from its memory once it starts streaming: all of its traffic when
    /// it is no multicast destination or the first of its read to start (which makes the read),
    /// otherwise without what the read already carries.
    mutating func multicastStreamedBytes(_ op: Int) -> Double {
        guard !multicastOf.isEmpty, case let read = Int(multicastOf[op]), read >= 0 else { return tables.streamedBytes[op] }
        guard multicastStarted[read] else {
            multicastStarted[read] = true
            return tables.streamedBytes[op]
        }
        return max(0, tables.streamedBytes[op] - multicastShare[op])
    }
}
