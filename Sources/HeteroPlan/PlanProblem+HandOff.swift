import HeteroRecords

/// Shared-memory hand-offs: an activation resident in its producer's tile memory that a reader on
/// a neighbouring tile reads in place (`isResident` with `CostTable.sharedMemories`).
extension PlanProblem {
    /// The units of `op`'s producers and readers under `assignment` with which it shares an
    /// activation a tile memory could hold (not a graph output, its buffer fits: `couldBeOnChip`'s
    /// rule): an idle tile sharing memory with one of them could take the activation in place.
    /// Empty without shared memories (the search then tries one idle tile per class).
    func handOffPartners(_ op: Int, _ assignment: [Int]) -> [Int] {
        guard hasSharedMemories else { return [] }
        var partners: [Int] = []
        func consider(_ edge: Edge, _ other: Int) {
            let unit = assignment[other]
            guard !isOutput[edge.tensor], unit >= 0, !costs.residentMemory.isEmpty, let memory = costs.residentMemory[unit],
                  fitsResidentMemory(edge.tensor, memory), !partners.contains(unit) else { return }
            partners.append(unit)
        }
        // Producers' edges, then readers' (indexed: no concatenated copy of the two rows per move).
        for index in incoming[op].indices { consider(incoming[op][index], incoming[op][index].producer) }
        for index in outgoing[op].indices { consider(outgoing[op][index], outgoing[op][index].consumer) }
        return partners
    }

    /// The activations of `schedule` some reader reads in a neighbouring tile's memory, by tensor
    /// (a routed one is listed with its stream route instead).
    func handOffRecords(_ schedule: Schedule) -> [PlanDocument.SharedHandOff] {
        guard hasSharedMemories else { return [] }
        let assignment = schedule.assignment
        var records: [PlanDocument.SharedHandOff] = []
        for tensor in graph.tensors.indices {
            guard let producer = graph.producer[tensor], let memory = residentHome(tensor, assignment), isResident(tensor, assignment),
                  !isWindowed(tensor, assignment), routes.route(of: tensor) == nil else { continue }
            let readers = graph.consumers[tensor]
            guard readers.contains(where: { costs.residentMemory[assignment[$0]] != memory }) else { continue }
            records.append(PlanDocument.SharedHandOff(tensor: graph.tensors[tensor].name, memory: costs.memoryNames[memory],
                                                      producerUnit: costs.unitNames[assignment[producer]],
                                                      readers: readers.map { graph.operators[$0].name },
                                                      readerUnits: readers.map { costs.unitNames[assignment[$0]] },
                                                      bytes: costs.storedBytes(graph.tensors[tensor], on: assignment[producer])))
        }
        return records
    }
}
