import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// Buffer figures, lifetimes and the memory-reuse order.
    mutating func buildBuffers(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let memoryCount = s.memoryCount, tensorCount = s.tensorCount, bufferCount = s.bufferCount, entityCount = s.entityCount
        // Buffer lifetimes and memory-reuse order.
        let writers = s.bufferWriters.build(count: bufferCount)
        let readers = s.bufferReaders.build(count: bufferCount)
        var maxBytes = [Int](repeating: 0, count: memoryCount)
        var addressLimit = [Int](repeating: 0, count: memoryCount)
        var bufferTensor = [Int](repeating: 0, count: bufferCount)
        var bufferMemory = [Int](repeating: 0, count: bufferCount)
        var bufferOffset = [Int](repeating: 0, count: bufferCount)
        var bufferBytes = [Int](repeating: 0, count: bufferCount)
        var bufferLeastBytes = [Int](repeating: 0, count: bufferCount)
        let padding = machine.bufferPadding
        // A graph output stays in its producer's memory to the end: the buffer holding it there
        // (its own, or its alias root's) is pinned.
        var pinnedKeys = Set<Int>()
        for output in graph.outputs {
            guard let tensor = graph.tensorIndex[output], case let producer = Int(producerOf[tensor]), producer >= 0 else { continue }
            pinnedKeys.insert(s.index.owner[tensor] * memoryCount + operatorMemory[producer])
        }
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
            if !padding.isEmpty {
                bufferLeastBytes[index] = padding.leastBytes(planned.tensor, in: planned.memory, graph: graph, units: plan.units,
                                                             residentMemory: machine.residentMemory) ?? 0
            }
            let producer = Int(producerOf[planned.tensor])
            if producer >= 0 {
                bufferPinned[index] = pinnedKeys.contains(planned.tensor * memoryCount + planned.memory)
            } else {
                // Graph inputs are there from the start; a weight's buffer only once its prefetch wrote it.
                bufferPreloaded[index] = !s.isConstant[planned.tensor]
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
                    s.count[Int(writer)] += 1
                }
            }
        }
        self.bufferTensor = bufferTensor
        self.bufferMemory = bufferMemory
        self.bufferOffset = bufferOffset
        self.bufferBytes = bufferBytes
        self.bufferLeastBytes = bufferLeastBytes
        self.bufferWriters = writers
        self.bufferReaders = readers
        self.bufferPinned = bufferPinned
        self.bufferPreloaded = bufferPreloaded
        self.bufferPredecessors = predecessors
        self.releaseWaiters = releaseWaiters.build(count: bufferCount)
        self.inPlaceWaiters = inPlaceWaiters.build(count: bufferCount)
        self.maxBytes = maxBytes
        self.addressLimit = addressLimit
    }
}
