import HeteroRecords

/// Windowed hand-offs (`WindowedStreaming`): a resident activation too large for its memory that
/// lives there as a ping-pong buffer of two windows.
extension PlanProblem {
    /// Whether `tensor`, which does not fit `memory` whole, fits it as a window buffer.
    @inline(__always)
    func isWindowable(_ tensor: Int, _ memory: Int, capacity: Int) -> Bool {
        guard !windows.smallestBufferBytes.isEmpty, !windows.smallestBufferBytes[memory].isEmpty else { return false }
        let bytes = windows.smallestBufferBytes[memory][tensor]
        return bytes > 0 && bytes <= capacity
    }

    /// Whether the resident `tensor` lives in its memory in windows under `assignment`: it is
    /// resident and too large for its producer's resident memory whole.
    public func isWindowed(_ tensor: Int, _ assignment: [Int]) -> Bool {
        guard !windows.rows.isEmpty, windows.rows[tensor] > 0, let producer = graph.producer[tensor],
              let memory = costs.residentMemory[assignment[producer]], let capacity = costs.memoryCapacity[memory],
              costs.storedBytes(graph.tensors[tensor], on: assignment[producer]) > capacity else { return false }
        return isResident(tensor, assignment)
    }

    /// The bytes of `tensor`'s buffer in the resident memory of its producer's unit `unit`: the
    /// window buffer of a windowed hand-off, else the tensor as stored (`CostTable.storedBytes`).
    public func residentBufferBytes(_ tensor: Int, on unit: Int, _ assignment: [Int]) -> Int {
        guard isWindowed(tensor, assignment), let window = WindowedStreaming.window(graph.tensors[tensor], rows: windows.rows[tensor]) else {
            return costs.storedBytes(graph.tensors[tensor], on: unit)
        }
        return WindowedStreaming.bufferBytes(window, on: unit, costs)
    }

    /// The windowed hand-offs of `schedule`, by tensor.
    func windowedRecords(_ schedule: Schedule) -> [PlanDocument.WindowedHandOff] {
        guard !windows.rows.isEmpty else { return [] }
        let assignment = schedule.assignment
        var records: [PlanDocument.WindowedHandOff] = []
        for tensor in graph.tensors.indices where windows.rows[tensor] > 0 {
            guard let producer = graph.producer[tensor], isWindowed(tensor, assignment), let memory = residentHome(tensor, assignment),
                  let window = WindowedStreaming.window(graph.tensors[tensor], rows: windows.rows[tensor]) else { continue }
            let readers = graph.consumers[tensor]
            let unit = assignment[producer]
            records.append(PlanDocument.WindowedHandOff(
                tensor: graph.tensors[tensor].name, memory: costs.memoryNames[memory], producer: graph.operators[producer].name,
                producerUnit: costs.unitNames[unit], readers: readers.map { graph.operators[$0].name },
                readerUnits: readers.map { costs.unitNames[assignment[$0]] }, windowRows: windows.rows[tensor],
                windowBytes: costs.storedBytes(window, on: unit), bufferBytes: WindowedStreaming.bufferBytes(window, on: unit, costs),
                tensorBytes: costs.storedBytes(graph.tensors[tensor], on: unit)))
        }
        return records
    }
}
