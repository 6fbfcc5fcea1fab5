import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// Producers, expected tokens, and every operator's reads and writes with the buffer each uses.
    mutating func buildAccesses(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let n = s.n, tensorCount = s.tensorCount
        let moves = self.moves
        // Tensors: producers, constants and graph outputs.
        var producerOf = [Int32](repeating: -1, count: tensorCount)
        let tensors = graph.tensors
        for index in 0..<tensorCount {
            if let producer = graph.producer[index] { producerOf[index] = Int32(producer) }
            let kind = tensors[index].kind
            s.isConstant[index] = kind == .constant
            // Weights get a token too, so that a read of a prefetched copy checks its data.
            if kind == .input || kind == .constant || (kind == .activation && producerOf[index] < 0) { s.expectedToken[index] = _Token.input(index) }
        }
        self.producerOf = producerOf

        // Buffers by (tensor, memory), each list by planned start. A tensor has several buffers
        // in one memory when it is spilled; an access uses the one live at its planned time (the
        // latest to start by then), and a reload and its reader the buffer starting at the
        // reload's planned start.

        // Reload destinations first: a reader of a reloaded tensor reads the reload's buffer.
        for (x, move) in moves.enumerated() where move.kind == .reload || move.kind == .prefetch {
            s.transferDestination[x] = s.index.buffer(move.tensor, move.toMemory, at: move.startUS, claiming: true)
            if move.kind == .reload, move.consumer >= 0, s.reloadFor[move.tensor * n + move.consumer] == nil {
                s.reloadFor[move.tensor * n + move.consumer] = x
            }
        }
        s.hasReloads = !s.reloadFor.isEmpty

        // Tokens (each tensor's value is derived from its producer and its inputs' values, in
        // order) and the operators' reads and writes, in one pass over the operators.
        var accessStart = [Int32](repeating: 0, count: n + 1)
        var writeStart = [Int32](repeating: 0, count: n)
        var accessTensor: [Int32] = []
        var accessBuffer: [Int32] = []
        accessTensor.reserveCapacity(3 * n)
        accessBuffer.reserveCapacity(3 * n)
        var inputTokens: [UInt64] = []
        let operands = s.operands
        let residentMemory = machine.residentMemory
        let addressed = (0..<machine.unitCount).map(machine.addressedMemories)
        /// The buffer an access uses: in the unit's resident memory, or a neighbour's memory its
        /// core shares, when the plan put the tensor there (the operator then reads or writes it
        /// on chip, in place; a reader a stream-switch route delivers to reads its receive buffer
        /// there), otherwise in the unit's memory.
        func located(_ tensor: Int, _ op: Int, _ home: Int, _ startUS: Double, _ s: inout _TableScratch) -> Int32 {
            for memory in addressed[plan.units[op]] {
                let buffer = s.index.buffer(tensor, memory, at: startUS)
                if buffer >= 0 { return buffer }
            }
            return s.index.buffer(tensor, home, at: startUS)
        }
        var routeDestinationMemories: [Int: [Int]] = [:]
        for route in plan.streamRoutes {
            for unit in route.destinations where unit < residentMemory.count {
                if let memory = residentMemory[unit], routeDestinationMemories[route.tensor, default: []].contains(memory) == false {
                    routeDestinationMemories[route.tensor, default: []].append(memory)
                }
            }
        }
        for op in 0..<n {
            let home = operatorMemory[op]
            let startUS = plan.startUS[op]
            let first = accessTensor.count
            accessStart[op] = Int32(first)
            inputTokens.removeAll(keepingCapacity: true)
            // Recomputations made for this operator (`SimulationPlan.recomputes`) run as the start
            // of its occupancy: they read their producers' inputs, and write their tensors, which
            // it then reads from its own work (no separate read).
            let recomputes = s.recomputedBefore[op]
            for tensor in operands.inputs[op] {
                let tensor = Int(tensor)
                inputTokens.append(s.expectedToken[tensor])
                guard !accessTensor[first...].contains(Int32(tensor)) else { continue }
                if let recomputes, recomputes.contains(where: { $0.tensor == tensor }) { continue }
                if s.isConstant[tensor] {
                    // A weight is read where it is stored, unless the plan has a buffer for it in
                    // the unit's resident memory (a prefetch's) by the operator's start: read there.
                    guard let memory = residentMemory[plan.units[op]], case let buffer = s.index.buffer(tensor, memory, at: startUS),
                          buffer >= 0 else { continue }
                    accessTensor.append(Int32(tensor))
                    accessBuffer.append(buffer)
                    s.bufferReaders.append(Int(buffer), Int32(op))
                    continue
                }
                let buffer: Int32
                if let x = reload(tensor, for: op, s) {
                    buffer = s.transferDestination[x]
                } else {
                    buffer = located(tensor, op, home, startUS, &s)
                }
                accessTensor.append(Int32(tensor))
                accessBuffer.append(buffer)
                if buffer >= 0 { s.bufferReaders.append(Int(buffer), Int32(op)) }
            }
            for recompute in recomputes ?? [] {
                for input in recompute.inputs ?? [] where !accessTensor[first...].contains(Int32(input)) {
                    let buffer = located(input, op, home, startUS, &s)
                    accessTensor.append(Int32(input))
                    accessBuffer.append(buffer)
                    if buffer >= 0 { s.bufferReaders.append(Int(buffer), Int32(op)) }
                }
            }
            writeStart[op] = Int32(accessTensor.count)
            for recompute in recomputes ?? [] {
                let buffer = located(recompute.tensor, op, home, startUS, &s)
                accessTensor.append(Int32(recompute.tensor))
                accessBuffer.append(buffer)
                if buffer >= 0 { s.bufferWriters.append(Int(buffer), Int32(op)) }
            }
            for (tensor, position) in zip(operands.outputs[op], operands.outputPositions[op]) {
                let tensor = Int(tensor), position = Int(position)
                // An alias holds its root's data (`Graph.aliasRoot`): the same token.
                let root = graph.aliasRoot[tensor]
                s.expectedToken[tensor] = root != tensor ? s.expectedToken[root]
                    : _Token.output(operator: op, position: position, inputs: inputTokens)
                let buffer = located(tensor, op, home, startUS, &s)
                accessTensor.append(Int32(tensor))
                accessBuffer.append(buffer)
                if buffer >= 0 { s.bufferWriters.append(Int(buffer), Int32(op)) }
                // A stream-switch route of the tensor: the producer also writes (through the route)
                // the receive buffer the plan gives it in each destination's tile memory, if any.
                for memory in routeDestinationMemories[tensor] ?? [] {
                    let received = s.index.buffer(tensor, memory, at: startUS)
                    guard received >= 0 else { continue }
                    accessTensor.append(Int32(tensor))
                    accessBuffer.append(received)
                    s.bufferWriters.append(Int(received), Int32(op))
                }
            }
        }
        accessStart[n] = Int32(accessTensor.count)
        self.expectedToken = s.expectedToken
        self.accessStart = accessStart
        self.writeStart = writeStart
        self.accessTensor = accessTensor
        self.accessBuffer = accessBuffer
    }
}
