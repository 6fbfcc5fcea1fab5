import HeteroRecords

/// Figures of a schedule besides its makespan, one per `--objective`.
public struct PlanMetrics: Sendable, Hashable {
    /// Energy of one inference: every operator on its unit, every tensor moved between units
    /// (once per destination unit) and every memory-spill copy (its bytes read from one memory
    /// and written to the other), in picojoules. Static and idle power are not modelled.
    public var energyPJ: Double
    /// Steady-state interval of a stream of inferences pipelined across units: the busiest
    /// resource's time per inference (a unit's summed operator times; with contention on, also a
    /// link's summed transfer times divided by its DMA engines, a transfer occupying every link of
    /// its route, and a memory's bytes streamed by the operators computing from it over its
    /// bandwidth, an activation that a multicast read delivers to several operators counted once
    /// per read: `PlanProblem.multicastReads`). Never above the makespan of the same plan.
    public var intervalUS: Double
    /// The most activation bytes live at once (producer start to last reader's finish, graph
    /// inputs from 0, outputs to the end), summed over memories.
    public var peakLiveBytes: Int

    public init(_ problem: PlanProblem, _ schedule: Schedule) {
        self.energyPJ = Self.energyPJ(problem, schedule)
        self.intervalUS = Self.intervalUS(problem, schedule.assignment)
        self.peakLiveBytes = Self.peakLiveBytes(problem, schedule)
    }

    /// Tensors crossing units: (tensor, producer unit, destination unit, bytes), once per destination.
    static func crossings(_ problem: PlanProblem, _ assignment: [Int]) -> [(from: Int, to: Int, bytes: Int)] {
        var seen = Set<Int>()
        var result: [(Int, Int, Int)] = []
        let costs = problem.costs
        for edge in problem.edges {
            let (a, b) = (assignment[edge.producer], assignment[edge.consumer])
            guard a != b else { continue }
            // One copy per destination memory (as `ScheduleBuilder` transfers), one per unit otherwise.
            let key = costs.needsTransfer(from: a, to: b) ? -1 - (edge.tensor * costs.memoryNames.count + costs.unitMemory[b])
                : edge.tensor * problem.unitCount + b
            guard seen.insert(key).inserted else { continue }
            result.append((a, b, edge.bytes))
        }
        return result
    }

    /// `energyPJ` of a schedule: its assignment's, plus its spill copies'.
    public static func energyPJ(_ problem: PlanProblem, _ schedule: Schedule) -> Double {
        let perByte = problem.costs.memoryEnergyPJPerByte
        func energy(_ memory: Int) -> Double { memory < perByte.count ? perByte[memory] : 0 }
        return schedule.spills.reduce(energyPJ(problem, schedule.assignment)) { total, spill in
            total + Double(spill.bytes) * (energy(spill.fromMemory) + energy(spill.toMemory))
        }
    }

    /// `energyPJ` of an assignment, before any memory spill (what the searches compare).
    public static func energyPJ(_ problem: PlanProblem, _ assignment: [Int]) -> Double {
        let costs = problem.costs
        var total = 0.0
        for op in 0..<problem.operatorCount { total += problem.energyPJ(op, assignment[op], assignment) ?? 0 }
        for crossing in crossings(problem, assignment) {
            total += Double(crossing.bytes) * costs.transferEnergyPJPerByte[crossing.from, crossing.to]
        }
        return total
    }

    /// `intervalUS` of an assignment. Units always count. Links and memories count only when the
    /// platform's contention is on, the model in which the makespan shares them too (with an
    /// ideal interconnect nothing bounds how many streams a memory or link carries at once, so
    /// charging them here would put the interval above a makespan that back-to-back inferences
    /// achieve). A fused member streams its share of the chain's bytes (bytes scale with its fused
    /// time over its own, as in `ContentionLedger` and the simulator): the chain's intermediates
    /// stay on chip.
    public static func intervalUS(_ problem: PlanProblem, _ assignment: [Int]) -> Double {
        intervalUS(problem, assignment, timings: problem.timings(assignment))
    }

    /// `intervalUS` given every operator's timing on its unit (`PlanProblem.timings`).
    static func intervalUS(_ problem: PlanProblem, _ assignment: [Int], timings: [OperatorTiming?]) -> Double {
        let costs = problem.costs
        // One timing per operator gives both its unit's busy time and, under contention, the bytes
        // it streams from the memory it computes from (the search's hot path: once per evaluation).
        let streams = costs.contention && !costs.memoryBytes.isEmpty
        var busy = [Double](repeating: 0, count: problem.unitCount)
        // Every inference streams its operators' bytes through the memories they compute from
        // (and their weights through their units' weight memories).
        var memoryBusy = [Double](repeating: 0, count: streams ? costs.memoryBytesPerUS.count : 0)
        for op in 0..<problem.operatorCount {
            let unit = assignment[op]
            let timing = timings[op]
            busy[unit] += timing?.durationUS ?? 0
            guard streams, let timing, case let memory = costs.unitMemory[unit], memory < memoryBusy.count,
                  costs.memoryBytesPerUS[memory] > 0 else { continue }
            // Prefetched weights still leave that memory, by their copies (`WeightPrefetcher`).
            let prefetched = problem.prefetches(op, on: unit).reduce(0) { $0 + $1.bytes }
            memoryBusy[memory] += (timing.streamedBytes + Double(prefetched)) / costs.memoryBytesPerUS[memory]
            // And the weights of a unit with a weight memory through that memory.
            if timing.weightBytes > 0, let weights = costs.unitWeightMemory[unit], weights < memoryBusy.count, costs.memoryBytesPerUS[weights] > 0 {
                memoryBusy[weights] += timing.weightBytes / costs.memoryBytesPerUS[weights]
            }
        }
        guard costs.contention else { return busy.max() ?? 0 }
        var linkBusy = [Double](repeating: 0, count: costs.linkEngines.count)
        for crossing in crossings(problem, assignment) {
            let time = costs.transferUS(bytes: crossing.bytes, from: crossing.from, to: crossing.to)
            for link in costs.routes[crossing.from, crossing.to] where link < linkBusy.count {
                linkBusy[link] += time / Double(max(1, costs.linkEngines[link]))
            }
        }
        if streams {
            // A multicast read serves several readers of one activation with one stream.
            for (memory, saved) in problem.multicastSavings(assignment, timings: timings) where memory < memoryBusy.count && costs.memoryBytesPerUS[memory] > 0 {
                memoryBusy[memory] -= saved / costs.memoryBytesPerUS[memory]
            }
        }
        return max(busy.max() ?? 0, linkBusy.max() ?? 0, memoryBusy.max() ?? 0)
    }

    /// Bytes the operators of an assignment stream from their units' memories (DRAM on the
    /// shipped platforms): weights, tiling re-reads and every activation not resident on chip.
    /// Transfers and spill copies are not included.
    /// An activation a multicast read delivers to several operators counts once per read.
    public static func streamedBytes(_ problem: PlanProblem, _ assignment: [Int]) -> Double {
        let total = (0..<problem.operatorCount).reduce(0.0) { $0 + (problem.timing($1, assignment[$1], assignment)?.streamedBytes ?? 0) }
        return problem.multicastSavings(assignment).values.reduce(total, -)
    }

    public static func peakLiveBytes(_ problem: PlanProblem, _ schedule: Schedule) -> Int {
        let graph = problem.graph
        let makespan = schedule.makespanUS
        let outputs = Set(graph.outputs.compactMap { graph.tensorIndex[$0] })
        // An alias extends its root's lifetime (`Graph.aliasRoot`) and owns no bytes.
        let count = graph.tensors.count
        var first = [Double](repeating: .infinity, count: count)
        var last = [Double](repeating: -.infinity, count: count)
        for (index, tensor) in graph.tensors.enumerated() where tensor.kind != .constant {
            let readers = graph.consumers[index]
            let start = graph.producer[index].map { schedule.operators[$0].startUS } ?? 0
            var end = readers.map { schedule.operators[$0].finishUS }.max() ?? start
            if outputs.contains(index) { end = makespan }
            let root = graph.aliasRoot[index]
            first[root] = min(first[root], start)
            last[root] = max(last[root], end)
        }
        var events: [(time: Double, delta: Int)] = []
        for root in 0..<count where first[root] <= last[root] {
            guard last[root] > first[root] || graph.producer[root] == nil else { continue }
            events.append((first[root], graph.tensors[root].byteSize))
            events.append((last[root], -graph.tensors[root].byteSize))
        }
        // Half-open lifetimes: at equal times, frees come before allocations.
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var live = 0, peak = 0
        for event in events {
            live += event.delta
            peak = max(peak, live)
        }
        return peak
    }
}
