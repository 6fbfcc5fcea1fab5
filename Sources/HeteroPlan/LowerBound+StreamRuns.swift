extension LowerBound {
    /// What `communicatingPath` needs to count the stream path along a *run* — a path of the graph
    /// whose operators all run on one unit — under the resident memory's capacity.
    ///
    /// The claim: if operators o_1 → … → o_k (each a producer of the next) all run on unit u, then
    ///
    ///     end(o_k)  >=  a + sum_i streamDemand(o_i, u) - credit(u),      a = start(o_1),
    ///
    /// where end(o_k) is when o_k's work is over (its finish; for a member of a fused chain, the
    /// chain's) and a the start of the run's first operator (of its fused chain, for a member).
    /// Why no plan beats it: u runs one operator at a time, so the run's operators and every other
    /// operator u runs between them lie inside [a, end(o_k)]. Each run operator's stream demand
    /// (`streamDemand`: its own streamed bytes, or its weights' prefetch copies) is stream-path work
    /// on u that happens either during the operator itself, or — a copy — in the idle time of an
    /// operator before it on u (`WeightPrefetcher` rule 1). Work of the first kind is inside the
    /// window; of the second, inside it when the copy ran after a, and otherwise the weight was
    /// already in u's resident memory at a. The weights resident at a take at most the memory's
    /// capacity, so the demand they take away is at most `credit` (a fractional knapsack of the
    /// copies' times over their bytes, an upper bound on every set that fits). The stream-path work
    /// inside the window is serial (one operator at a time, and within an operator its command
    /// overhead, own streaming and the copies made in its idle time do not overlap), so it is at most
    /// the window's length. Contention, spills, evictions, recomputation (another run of the
    /// operator) and layer splitting (the bound is of the split graph) only add work; residency of
    /// activations only takes capacity from the weights; the objective does not enter.
    ///
    /// Timing conventions the path needs (see `communicatingPath`): a closed fused chain's members
    /// are re-timed within the chain's interval, packed against its *end* (so a chain's last member
    /// finishes when the chain does and its first starts no earlier than the chain). The run's
    /// start a is then bounded below by the path's start of o_1 less its submission (which the path
    /// adds to the start but which is part of the duration, where copies may overlap it) and less
    /// the bound times of the members of o_1's closed chain before it (`prefix`); and a member that
    /// is not its chain's last does not take the run's end as its finish (`ends`).
    struct StreamRuns {
        let units: Int
        /// demand[op * units + u]: `streamDemand(op, u)`; 0 on untracked units.
        let demand: [Double]
        /// Per unit, the most stream-path time weights resident at a run's start can save (nil:
        /// the unit is not tracked — no resident memory with a known capacity, or no demand).
        let credit: [Double?]
        /// prefix[op * units + u]: the bound times of the members before op of its closed fused
        /// chain where that chain can fuse on u; 0 otherwise.
        let prefix: [Double]
        /// ends[op * units + u]: false for a member of a closed fused chain that can fuse on u and
        /// is not the chain's last.
        let ends: [Bool]

        /// nil when no unit of `operators` has a resident memory with a capacity and a positive demand.
        init?(_ problem: PlanProblem, operators: [Int]) {
            let costs = problem.costs
            units = problem.unitCount
            guard !costs.residentMemory.isEmpty, costs.residentMemory.contains(where: { $0 != nil }) else { return nil }
            let durations = problem.boundDurations
            var demand = [Double](repeating: 0, count: problem.operatorCount * units)
            var credit = [Double?](repeating: nil, count: units)
            for u in 0..<units {
                guard let memory = costs.residentMemory[u], let capacity = costs.memoryCapacity[memory] else { continue }
                var any = false
                for op in operators where durations[op, u] != nil {
                    let value = LowerBound.streamDemand(problem, op, u)
                    demand[op * units + u] = value
                    if value > 0 { any = true }
                }
                if any { credit[u] = LowerBound.residentCredit(problem, unit: u, capacity: capacity) }
            }
            guard credit.contains(where: { $0 != nil }) else { return nil }
            var prefix = [Double](repeating: 0, count: problem.operatorCount * units)
            var ends = [Bool](repeating: true, count: problem.operatorCount * units)
            for op in operators {
                guard let composite = costs.compositeOf[op], let members = problem.closedChain(composite) else { continue }
                for u in 0..<units where credit[u] != nil {
                    guard members.allSatisfy({ problem.fusedFastest($0, u) != nil }) else { continue }
                    var before = 0.0
                    for member in members {
                        if member == op { break }
                        before += durations[member, u] ?? 0
                    }
                    prefix[op * units + u] = before
                    ends[op * units + u] = op == members.last
                }
            }
            self.demand = demand
            self.credit = credit
            self.prefix = prefix
            self.ends = ends
        }
    }

    /// The most stream-path time the weights resident in `unit`'s resident memory at one moment
    /// can save its operators: each prefetchable weight (`PlanProblem.canPrefetch`) saves at most its
    /// copy time (`streamDemand` counts each at the smaller of its copy and its streaming), and
    /// together they fit `capacity` bytes; the fractional knapsack over copy time per byte is at
    /// least every set that fits.
    static func residentCredit(_ problem: PlanProblem, unit: Int, capacity: Int) -> Double {
        var items: [(bytes: Double, time: Double)] = []
        for tensor in problem.graph.tensors.indices where problem.graph.producer[tensor] == nil {
            guard problem.canPrefetch(tensor, on: unit),
                  let copy = problem.prefetchCandidate(tensor, readBy: problem.graph.consumers[tensor][0], on: unit) else { continue }
            items.append((Double(copy.bytes), copy.copyUS))
        }
        // Densest first; ties by size so the order (and the sum) is deterministic.
        items.sort { $0.time * $1.bytes > $1.time * $0.bytes || ($0.time * $1.bytes == $1.time * $0.bytes && $0.bytes < $1.bytes) }
        var room = Double(capacity)
        var total = 0.0
        for item in items {
            guard room > 0 else { break }
            let taken = min(room, item.bytes)
            total += item.bytes > 0 ? item.time * taken / item.bytes : item.time
            room -= taken
        }
        return total
    }
}

extension LowerBound {
    /// One case of `communicatingPath`'s runs: a lower bound of an operator's finish (or start)
    /// and of its run's value (`StreamRuns`) that hold together.
    struct RunState: Equatable {
        var finish: Double
        var run: Double

        /// Cases kept per operator and unit; beyond it neighbouring cases merge into their
        /// componentwise minimum (a weaker case every schedule of either is at or above).
        static let limit = 6

        /// The cases not at or above another in both figures, by finish ascending, at most `limit`.
        static func frontier(_ cases: [RunState]) -> [RunState] {
            let sorted = cases.sorted { $0.finish < $1.finish || ($0.finish == $1.finish && $0.run < $1.run) }
            var kept: [RunState] = []
            for state in sorted where kept.last.map({ state.run < $0.run }) ?? true { kept.append(state) }
            while kept.count > limit {
                // Merge the pair whose merge loses least (smallest gap in finish).
                var best = 0
                for i in 0..<(kept.count - 1) where kept[i + 1].finish - kept[i].finish < kept[best + 1].finish - kept[best].finish { best = i }
                kept[best] = RunState(finish: kept[best].finish, run: kept[best + 1].run)
                kept.remove(at: best + 1)
            }
            return kept
        }
    }
}
