import HeteroCost

extension LowerBound {
    /// What each (operator, unit) must move through the memory the unit computes from when the
    /// platform's contention is on: the bytes the list scheduler's `ContentionLedger` reserves on
    /// that memory's bandwidth for the operator's own stream and its weights' prefetch copies, in
    /// the least of every timing `PlanProblem.timing` can give it. Read by `unitAndMemoryLoad`, which
    /// counts each memory with a finite bandwidth as one more resource every schedule loads. (Not a
    /// row of the whole graph's LP: on ResNet-50 / VC1902 the row gave the same bound, 821.9 us, and
    /// made the LP take 4.3 s instead of 1.1 s.)
    ///
    /// Why every contended schedule's makespan is at least each memory's `sum of bytes / bandwidth`:
    /// the ledger reserves each operator's streamed bytes (`OperatorTiming.streamedBytes`, after its
    /// overhead, whenever its busy time is positive) on the bandwidth of its unit's memory, and each
    /// weight prefetch copy on the bandwidth of the memories at the ends of its route's links (the
    /// first starts at the unit's memory); the reservations at any moment sum to at most the
    /// bandwidth, and all of them end by the makespan. Transfers, spills (kept uncontended),
    /// recomputations and evictions only add bytes, so leaving them out keeps the figure below.
    ///
    /// The least bytes of `op` on `unit` (`bytes`) is the least over the timings' cases, each a
    /// lower bound of what that case reserves:
    /// - no operand resident (the cost table's figures, unfused or fused: the bytes and overhead
    ///   scaled as the time is): its memory bytes, 0 when its overhead fills its time;
    /// - a residency phase (`ResidencyCost.phase`, unfused or fused): with every activation that
    ///   could be on chip (`couldBeOnChip`) resident, it streams `share · max(0, F - W)` where F is
    ///   the fixed bytes plus the other operands' bytes and W the prefetched weights' bytes, and each
    ///   of its own prefetched weights costs its copy's bytes (when the copy crosses a route the
    ///   ledger models); since `max(0, F - W_S) >= F - sum_{w in S} w`, the least over the sets S of
    ///   prefetched weights is at least `max(0, share · F + sum_w min(0, own(w) · copy(w) - share · w))`
    ///   (another member's weight costs this member nothing: its copy is that member's).
    /// The routes' delivery floor and the submission do not change the bytes (the floor only
    /// lengthens the busy time).
    struct MemoryTraffic {
        /// The memories with a finite bandwidth that units compute from, by resource index.
        let memories: [Int]
        /// Bandwidth of each of `memories` in bytes/us.
        let bytesPerUS: [Double]
        /// The resource index of each unit's memory; -1 where it has no finite bandwidth.
        let resource: [Int]

        /// nil when the problem's contention is off or no unit's memory has a finite bandwidth
        /// (nothing is reserved, so there is no such load).
        init?(_ problem: PlanProblem) {
            let costs = problem.costs
            guard costs.contention, costs.memoryBytes.count == costs.operatorCount, costs.unitMemory.count == costs.unitCount else { return nil }
            var memories: [Int] = []
            var bytesPerUS: [Double] = []
            var resource = [Int](repeating: -1, count: costs.unitCount)
            for unit in 0..<costs.unitCount {
                let memory = costs.unitMemory[unit]
                guard memory < costs.memoryBytesPerUS.count, case let bandwidth = costs.memoryBytesPerUS[memory],
                      bandwidth.isFinite, bandwidth > 0 else { continue }
                if let index = memories.firstIndex(of: memory) {
                    resource[unit] = index
                } else {
                    resource[unit] = memories.count
                    memories.append(memory)
                    bytesPerUS.append(bandwidth)
                }
            }
            guard !memories.isEmpty else { return nil }
            self.memories = memories
            self.bytesPerUS = bytesPerUS
            self.resource = resource
        }

        /// The least time `op` on `unit` takes of its memory's bandwidth (its least bytes over the
        /// bandwidth); 0 where the unit's memory has none to take.
        func loadUS(_ problem: PlanProblem, _ op: Int, _ unit: Int) -> Double {
            guard resource[unit] >= 0 else { return 0 }
            return Self.bytes(problem, op, unit) / bytesPerUS[resource[unit]]
        }

        /// The least bytes `op` on `unit` reserves on the unit's memory (the cases above).
        static func bytes(_ problem: PlanProblem, _ op: Int, _ unit: Int) -> Double {
            let costs = problem.costs
            guard let own = costs.execUS[op][unit] else { return 0 }
            func plain(_ base: Double) -> Double {
                let scale = own > 0 ? base / own : 0
                let overhead = min(base, (op < costs.overheadUS.count ? costs.overheadUS[op][unit] : 0) * scale)
                return base - overhead > 0 ? Double(costs.memoryBytes[op][unit]) * scale : 0
            }
            var least = plain(own)
            if !costs.residency.isEmpty, let cost = costs.residency[op][unit] { least = min(least, phase(problem, op, unit, cost)) }
            if !costs.fusedExecUS.isEmpty, let fused = costs.fusedExecUS[op][unit] {
                least = min(least, plain(fused))
                if !costs.fusedResidency.isEmpty, let chain = costs.fusedResidency[op][unit] { least = min(least, phase(problem, op, unit, chain)) }
            }
            return max(0, least)
        }

        /// The phase case of `bytes` for residency cost `cost` (the operator's own or its chain's).
        private static func phase(_ problem: PlanProblem, _ op: Int, _ unit: Int, _ cost: ResidencyCost) -> Double {
            var fixed = cost.fixedBytes
            for operand in cost.operands where !problem.couldBeOnChip(operand.tensor, on: unit) { fixed += operand.bytes }
            var saved = 0.0
            for weight in cost.weights where problem.couldBeOnChip(weight.tensor, on: unit) {
                var copy = 0.0
                if problem.graph.consumers[weight.tensor].contains(op),
                   let prefetch = problem.prefetchCandidate(weight.tensor, readBy: op, on: unit), !problem.prefetchRoute(prefetch).isEmpty {
                    copy = Double(prefetch.bytes)
                }
                saved += min(0, copy - cost.share * weight.bytes)
            }
            return max(0, cost.share * fixed + saved)
        }
    }
}
