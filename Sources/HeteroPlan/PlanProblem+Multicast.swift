import HeteroCost
import HeteroRecords

/// Multicast reads: one read of an activation from a memory broadcast to several operators on
/// units with a multicast (`MulticastGroups`, `CostTable.multicastFanout`).
///
/// A member of a group is a destination when its unit has a multicast, the activation is not
/// resident for it (it streams it from the memory it computes from) and two receive windows
/// (`multicastBufferBytes`) fit its resident memory. The destinations computing from one memory
/// take one read per `fanout` of them: the first destination of each read streams the
/// activation's bytes from the memory, the others receive the same stream through the switch and
/// stream only the rest of their bytes (weights, outputs). The list scheduler makes the first of
/// each `fanout` destinations it places the reader (`ScheduleBuilder`), the interval counts the
/// bytes once per read (`PlanMetrics.intervalUS`), and the plan lists each read with its
/// destinations in start order (`multicastReads`).
extension PlanProblem {
    /// Bytes of `op`'s stream on `unit` (whose uncontended timing is `timing`) that a multicast
    /// read of its group's tensor can carry; 0 when `op` is not a destination there.
    @inline(__always)
    func multicastShare(_ op: Int, on unit: Int, _ assignment: [Int], timing: OperatorTiming) -> Double {
        guard !multicast.isEmpty, case let group = multicast.groupOf[op], group >= 0, costs.multicastFanout[unit] >= 2 else { return 0 }
        let tensor = multicast.tensor[group]
        if !costs.residentMemory.isEmpty, let resident = costs.residentMemory[unit], let capacity = costs.memoryCapacity[resident],
           costs.multicastBufferBytes[unit] > capacity / 2 { return 0 }
        guard !isResident(tensor, readBy: op, on: unit, assignment) else { return 0 }
        return min(multicast.readBytes(group, on: unit), timing.streamedBytes)
    }

    /// The key of the reads of `op`'s group from the memory `unit` computes from.
    @inline(__always)
    func multicastKey(_ op: Int, on unit: Int) -> Int {
        multicast.groupOf[op] &* costs.memoryNames.count &+ costs.unitMemory[unit]
    }

    /// The multicast reads of a complete assignment: per group and memory, the destinations in
    /// the order `before` gives (start order for a schedule), one read per `fanout` of them (the
    /// smallest fanout among their units), with the bytes the first streams and the bytes the
    /// others do not.
    ///
    /// `timings`, when given, are every operator's `timing` on its unit under `assignment`
    /// (`timings(_:)`, which the interval has already made).
    ///
    /// - Complexity: O(Σ group sizes × log).
    func multicastReads(_ assignment: [Int], timings: [OperatorTiming?]? = nil,
                        before: (Int, Int) -> Bool) -> [(group: Int, memory: Int, destinations: [Int], bytes: Double, savedBytes: Double)] {
        guard !multicast.isEmpty else { return [] }
        var reads: [(group: Int, memory: Int, destinations: [Int], bytes: Double, savedBytes: Double)] = []
        for (group, members) in multicast.members.enumerated() {
            var byMemory: [Int: [(op: Int, share: Double)]] = [:]
            for op in members {
                let unit = assignment[op]
                guard let timing = timings.map({ $0[op] }) ?? timing(op, unit, assignment) else { continue }
                let share = multicastShare(op, on: unit, assignment, timing: timing)
                if share > 0 { byMemory[costs.unitMemory[unit], default: []].append((op, share)) }
            }
            for memory in byMemory.keys.sorted() {
                let destinations = byMemory[memory]!.sorted { before($0.op, $1.op) }
                guard destinations.count >= 2 else { continue }
                let fanout = destinations.map { costs.multicastFanout[assignment[$0.op]] }.min()!
                for first in stride(from: 0, to: destinations.count, by: fanout) {
                    let read = destinations[first..<min(destinations.count, first + fanout)]
                    guard read.count >= 2 else { continue }
                    reads.append((group, memory, read.map(\.op), read.first!.share, read.dropFirst().reduce(0) { $0 + $1.share }))
                }
            }
        }
        return reads
    }

    /// Bytes per memory that multicast reads save under a complete assignment (`multicastReads`,
    /// given `timings` when known).
    func multicastSavings(_ assignment: [Int], timings: [OperatorTiming?]? = nil) -> [Int: Double] {
        var saved: [Int: Double] = [:]
        for read in multicastReads(assignment, timings: timings, before: <) { saved[read.memory, default: 0] += read.savedBytes }
        return saved
    }

    /// The plan's records of the multicast reads of `schedule`, destinations in start order.
    func multicastRecords(_ schedule: Schedule) -> [PlanDocument.MulticastRead] {
        let operators = schedule.operators
        let reads = multicastReads(schedule.assignment) { a, b in
            operators[a].startUS != operators[b].startUS ? operators[a].startUS < operators[b].startUS : a < b
        }
        return reads.map { read in
            PlanDocument.MulticastRead(tensor: graph.tensors[multicast.tensor[read.group]].name, memory: costs.memoryNames[read.memory],
                                       destinations: read.destinations.map { graph.operators[$0].name },
                                       units: read.destinations.map { costs.unitNames[schedule.operators[$0].unit] },
                                       bytes: Int(read.bytes.rounded()), savedBytes: Int(read.savedBytes.rounded()),
                                       bufferBytes: costs.multicastBufferBytes[schedule.operators[read.destinations[0]].unit])
        }
    }
}
