import HeteroRecords

/// Plans buffers from a schedule's lifetimes.
///
/// Residency: a tensor lives in its producer's memory from the producer's start until the last
/// reader in that memory finishes (or until the end, for graph outputs), and a copy lives in each
/// other memory it is transferred to from the transfer's start until the last reader there
/// finishes. A spilled tensor instead lives at home until its store completes (and every transfer
/// out of it and every home reader that reads it before the spill has finished), in the spill memory until its last reload completes (a reload reads it
/// until then), and at home again from each reload until that reader finishes.
/// Graph inputs live from time 0 in the memory of their first reader. Weights stay in the
/// memory they are streamed from and are costed as reads; a prefetched one (a `prefetch` copy)
/// also lives in its reader's resident memory from the copy's start until the reader finishes.
/// Aliases (`Graph.aliasRoot`: Identity, Reshape, Squeeze, Unsqueeze, Flatten, Dropout at
/// inference) own no buffer: each memory holds one buffer of the alias root, which lives from the
/// root's producer to the last reader of the root or of any alias there. An alias whose residency
/// differs from its root's (one on chip, the other not) is a copy and gets its own buffer, as the
/// simulator assumes when it finds one (`storageOwner`).
/// A resident tensor (`PlanProblem.isResident`) lives only in its producer's resident memory,
/// also for readers on tiles sharing that memory, from the producer's start until its last reader finishes, in its producer's compute type
/// (`CostTable.storedBytes`); a recomputed one (`PlanProblem.recomputes`) until its other readers
/// finish, and again from its recomputation (the start of the reader it is made for) until that
/// reader finishes, while the recomputation's inputs live on until then where it reads them.
/// An activation a stream-switch route broadcasts (`StreamRoutes`) also has a receive buffer of
/// two windows in each destination tile's memory (`receiveBuffers`).
///
/// Offsets: greedy by size (TFLite's arena planner; Pisarchyk & Lee 2020): buffers by decreasing
/// size (ties: earlier start, then tensor index), each at the lowest offset that does not overlap a
/// placed buffer whose lifetime overlaps. The lower bound is the largest sum of live bytes at any
/// moment (a sweep over lifetime endpoints).
public enum MemoryPlanner {
    public static func plan(_ problem: PlanProblem, _ schedule: Schedule) -> MemoryPlan {
        let graph = problem.graph
        let costs = problem.costs
        let makespan = schedule.makespanUS
        var intervals: [Int: (start: Double, end: Double, memory: Int, tensor: Int)] = [:]
        func key(_ tensor: Int, _ memory: Int) -> Int { tensor * costs.memoryNames.count + memory }
        func extend(_ tensor: Int, _ memory: Int, _ start: Double, _ end: Double) {
            let k = key(tensor, memory)
            if let current = intervals[k] {
                intervals[k] = (min(current.start, start), max(current.end, end), memory, tensor)
            } else {
                intervals[k] = (start, end, memory, tensor)
            }
        }
        // When a reader takes no time, another operator starting at that instant may come before
        // it in its unit's queue; the read then ends a picosecond later (`effectiveEnd`), so no
        // buffer produced at that instant reuses the addresses still to be read (which deadlocked
        // YOLOv8's zero-time Reshapes on meteor-lake's NPU).
        func readEnd(_ reader: Int) -> Double {
            let placed = schedule.operators[reader]
            return placed.finishUS > placed.startUS ? placed.finishUS : placed.finishUS + instantUS
        }
        let outputs = Set(graph.outputs.compactMap { graph.tensorIndex[$0] })
        let assignment = schedule.assignment
        var residentBytes: [Int: Int] = [:]
        let stores = Dictionary(schedule.spills.filter { $0.kind == .store }.map { ($0.tensor, $0) }, uniquingKeysWith: { a, _ in a })
        var segments: [(start: Double, end: Double, memory: Int, tensor: Int)] = []
        let owner = storageOwner(problem, assignment)
        for (index, tensor) in graph.tensors.enumerated() where tensor.kind != .constant {
            let readers = graph.consumers[index]
            let root = owner[index]
            if let producer = graph.producer[index] {
                let placed = schedule.operators[producer]
                if problem.isResident(index, assignment), let memory = costs.residentMemory[placed.unit] {
                    if root == index { residentBytes[root] = problem.residentBufferBytes(index, on: placed.unit, assignment) }
                    if let reader = problem.recomputes[index] {
                        // Recomputed: live until its other readers are done, then again from the
                        // recomputation (its reader's start) until that reader is done.
                        extend(root, memory, placed.startUS, readers.filter { $0 != reader }.map(readEnd).max() ?? placed.finishUS)
                        segments.append((schedule.operators[reader].startUS, readEnd(reader), memory, index))
                        continue
                    }
                    extend(root, memory, placed.startUS, readers.map(readEnd).max() ?? placed.finishUS)
                    continue
                }
                let home = costs.unitMemory[placed.unit]
                if let store = stores[index] {
                    // Spilled: home copy until stored and until every transfer out of it has left,
                    // a reloaded copy per home reader, the spill copy in between.
                    // Home readers without a reload read this first copy directly (before the spill).
                    let reloaded = Set(schedule.spills.compactMap { $0.kind == .reload && $0.tensor == index ? $0.consumer : nil })
                    let direct = readers.filter { costs.unitMemory[schedule.operators[$0].unit] == home && !reloaded.contains($0) }
                    let departed = schedule.transfers.filter { $0.tensor == index && costs.unitMemory[$0.fromUnit] == home }
                        .reduce(direct.reduce(store.finishUS) { max($0, readEnd($1)) }) { max($0, $1.finishUS) }
                    segments.append((placed.startUS, outputs.contains(index) ? makespan : departed, home, index))
                    var lastReload = store.finishUS
                    for reload in schedule.spills where reload.kind == .reload && reload.tensor == index {
                        let reader = reload.consumer ?? readers.first {
                            schedule.operators[$0].startUS == reload.finishUS && costs.unitMemory[schedule.operators[$0].unit] == home
                        }
                        let end = reader.map(readEnd) ?? reload.finishUS
                        segments.append((reload.startUS, end, home, index))
                        lastReload = max(lastReload, reload.finishUS)
                    }
                    segments.append((store.startUS, lastReload, store.toMemory, index))
                } else {
                    extend(root, home, placed.startUS, outputs.contains(index) ? makespan : placed.finishUS)
                }
                for reader in readers {
                    let memory = costs.unitMemory[schedule.operators[reader].unit]
                    if stores[index] != nil && memory == home { continue }
                    extend(root, memory, memory == home ? placed.startUS : schedule.operators[reader].startUS,
                           readEnd(reader))
                }
            } else if let first = readers.first {
                let home = costs.unitMemory[schedule.operators[first].unit]
                extend(root, home, 0, readEnd(first))
                for reader in readers {
                    extend(root, costs.unitMemory[schedule.operators[reader].unit], 0, readEnd(reader))
                }
            }
        }
        for transfer in schedule.transfers {
            let root = owner[transfer.tensor]
            extend(root, costs.unitMemory[transfer.toUnit], transfer.startUS, transfer.finishUS)
            // A spilled tensor's transfers read its first home copy, which lasts until they leave.
            if stores[transfer.tensor] == nil {
                extend(root, costs.unitMemory[transfer.fromUnit], transfer.startUS, transfer.finishUS)
            }
        }
        // A recomputation reads its producer's inputs where they live until its reader is done.
        for (tensor, reader) in problem.recomputes {
            let unit = assignment[reader]
            for input in problem.recomputeInputs(tensor) {
                let memory = problem.isResident(input, assignment)
                    ? problem.residentHome(input, assignment) ?? costs.unitMemory[unit] : costs.unitMemory[unit]
                extend(owner[input], memory, schedule.operators[reader].startUS, readEnd(reader))
            }
        }
        segments += intervals.values.map { ($0.start, $0.end, $0.memory, $0.tensor) }
        // A prefetched weight: in its reader's resident memory from the copy's start until the reader finishes.
        for copy in schedule.spills where copy.kind == .prefetch {
            residentBytes[copy.tensor] = copy.bytes
            segments.append((copy.startUS, copy.consumer.map(readEnd) ?? copy.finishUS, copy.toMemory, copy.tensor))
        }

        var buffers: [MemoryPlan.Buffer] = segments.map {
            MemoryPlan.Buffer(tensor: $0.tensor, memory: $0.memory, offset: 0, bytes: residentBytes[$0.tensor] ?? graph.tensors[$0.tensor].byteSize,
                              startUS: $0.start, endUS: $0.end)
        }
        buffers += receiveBuffers(problem, schedule, readEnd: readEnd)
        buffers.sort { ($0.memory, $0.tensor, $0.startUS) < ($1.memory, $1.tensor, $1.startUS) }
        var usage: [MemoryPlan.MemoryUsage] = []
        var byMemory = [[Int]](repeating: [], count: costs.memoryNames.count)
        for index in buffers.indices { byMemory[buffers[index].memory].append(index) }
        for memory in costs.memoryNames.indices {
            let indices = byMemory[memory]
            let placed = placeGreedyBySize(indices.map { buffers[$0] })
            for (position, index) in indices.enumerated() { buffers[index].offset = placed[position] }
            let peak = indices.map { buffers[$0].offset + buffers[$0].bytes }.max() ?? 0
            usage.append(MemoryPlan.MemoryUsage(memory: memory, peakBytes: peak, lowerBoundBytes: maximumLive(indices.map { buffers[$0] }),
                                                capacityBytes: costs.memoryCapacity[memory]))
        }
        return MemoryPlan(buffers: buffers, usage: usage)
    }

    /// A picosecond, in microseconds: how long an instantaneous lifetime or read lasts.
    static let instantUS = 1e-6

    /// The tensor whose buffers hold each tensor: its alias root (`Graph.aliasRoot`), unless it
    /// and the root differ in residency (one stays on chip, the other does not), which makes it a
    /// copy that owns its buffers.
    /// - Complexity: O(T) residency checks.
    static func storageOwner(_ problem: PlanProblem, _ assignment: [Int]) -> [Int] {
        let graph = problem.graph
        return graph.tensors.indices.map { tensor in
            let root = graph.aliasRoot[tensor]
            guard root != tensor, problem.isResident(tensor, assignment) == problem.isResident(root, assignment) else { return tensor }
            return root
        }
    }

    /// A lifetime as a half-open interval [start, end); an instantaneous one lasts a picosecond.
    static func effectiveEnd(_ buffer: MemoryPlan.Buffer) -> Double {
        max(buffer.endUS, buffer.startUS + instantUS)
    }

    /// Whether two lifetimes share a moment.
    static func overlaps(_ a: MemoryPlan.Buffer, _ b: MemoryPlan.Buffer) -> Bool {
        overlaps(a.startUS, effectiveEnd(a), b.startUS, effectiveEnd(b))
    }

    /// `overlaps` given both lifetimes' starts and effective ends.
    @inline(__always)
    static func overlaps(_ aStart: Double, _ aEnd: Double, _ bStart: Double, _ bEnd: Double) -> Bool {
        aStart < bEnd && bStart < aEnd
    }

    /// Offsets for buffers of one memory: best fit in several placement orders — by size (the
    /// TFLite arena planner's), by size × lifetime, by lifetime, and by start time — keeping the
    /// order whose peak is lowest (the first on ties). Each is the same best-fit rule; which order
    /// wins depends on the lifetimes, and trying four costs little.
    static func placeGreedyBySize(_ buffers: [MemoryPlan.Buffer]) -> [Int] {
        func order(_ key: (MemoryPlan.Buffer) -> Double) -> [Int] {
            buffers.indices.sorted { a, b in
                let x = buffers[a], y = buffers[b]
                let kx = key(x), ky = key(y)
                if kx != ky { return kx > ky }
                if x.bytes != y.bytes { return x.bytes > y.bytes }
                if x.startUS != y.startUS { return x.startUS < y.startUS }
                return x.tensor < y.tensor
            }
        }
        let orders = [
            order { Double($0.bytes) },
            order { Double($0.bytes) * (effectiveEnd($0) - $0.startUS) },
            order { effectiveEnd($0) - $0.startUS },
            order { -$0.startUS },
        ]
        var best: (offsets: [Int], peak: Int)?
        for candidate in orders {
            let offsets = bestFit(buffers, order: candidate)
            let peak = zip(offsets, buffers).map { $0 + $1.bytes }.max() ?? 0
            if best == nil || peak < best!.peak { best = (offsets, peak) }
        }
        return best?.offsets ?? []
    }

    /// Places buffers in `order`, each at the lowest-waste gap among lifetime-overlapping placed buffers.
    static func bestFit(_ buffers: [MemoryPlan.Buffer], order: [Int]) -> [Int] {
        var offsets = [Int](repeating: 0, count: buffers.count)
        // Lifetimes for `overlaps`, read without copying each buffer.
        let starts = buffers.map(\.startUS), ends = buffers.map(effectiveEnd)
        // The placed buffers' lifetimes and occupied ranges in placement order, side by side for
        // the scan below (quadratic in the memory's buffers: the memory planner's hot loop).
        var placedStarts: [Double] = [], placedEnds: [Double] = [], placedRanges: [(Int, Int)] = []
        placedStarts.reserveCapacity(order.count)
        placedEnds.reserveCapacity(order.count)
        placedRanges.reserveCapacity(order.count)
        var busy: [(Int, Int)] = []
        for index in order {
            let buffer = buffers[index]
            let start = starts[index], end = ends[index]
            // Occupied ranges among lifetime-overlapping placed buffers (in placement order), by offset.
            busy.removeAll(keepingCapacity: true)
            for position in placedRanges.indices where overlaps(placedStarts[position], placedEnds[position], start, end) {
                busy.append(placedRanges[position])
            }
            busy.sort { $0.0 < $1.0 }
            var bestOffset: Int?
            var bestGap = Int.max
            var cursor = 0
            for (low, high) in busy {
                if low - cursor >= buffer.bytes && low - cursor < bestGap {
                    bestOffset = cursor
                    bestGap = low - cursor
                }
                cursor = max(cursor, high)
            }
            offsets[index] = bestOffset ?? cursor
            placedStarts.append(start)
            placedEnds.append(end)
            placedRanges.append((offsets[index], offsets[index] + buffer.bytes))
        }
        return offsets
    }

    /// The largest sum of sizes of buffers live at one moment.
    static func maximumLive(_ buffers: [MemoryPlan.Buffer]) -> Int {
        // Half-open lifetimes, as in `overlaps`: at equal times ends come before starts.
        var events: [(time: Double, isEnd: Bool, bytes: Int)] = []
        for buffer in buffers {
            events.append((buffer.startUS, false, buffer.bytes))
            events.append((effectiveEnd(buffer), true, buffer.bytes))
        }
        events.sort { $0.time != $1.time ? $0.time < $1.time : ($0.isEnd && !$1.isEnd) }
        var live = 0
        var peak = 0
        for event in events {
            live += event.isEnd ? -event.bytes : event.bytes
            peak = max(peak, live)
        }
        return peak
    }
}
