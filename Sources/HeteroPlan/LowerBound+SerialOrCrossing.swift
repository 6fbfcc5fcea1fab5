extension LowerBound {
    /// A bound on the time a *funnel* — operators (ascending) that all reach its last operator
    /// within it, such as a piece of `segments` — takes from its first start to its last finish:
    /// the lesser of the two cases of `Funnel`, every schedule being in one of them (the serial
    /// case on the best unit, or one hand-off).
    ///
    /// On the VC1902 the four AI Engine partitions could each take an Inception module's branches
    /// at once, but any split pays a hand-off (31 us of synchronisation, through DDR) on some
    /// branch: the load bound and the path see the split's parallelism without its price; this
    /// sees that a funnel is either serial on one partition or pays a hand-off.
    ///
    /// nil when some operator does not reach the last within the funnel (no crossing need then
    /// exist) or above `communicatingPathUnitLimit` units.
    static func serialOrCrossing(_ problem: PlanProblem, operators: [Int], fromStart: Bool) -> Double? {
        Funnel(problem, operators: operators, fromStart: fromStart, after: nil)?.serialOrCrossing
    }

    /// What the bounds know of a funnel (see `serialOrCrossing`) in each case a schedule can be in.
    ///
    /// - **Serial** (`serial[w]`): every operator runs on unit w. The unit runs one operator at a
    ///   time, so the funnel lasts at least the sum of their `PlanProblem.boundDuration`s on w; on a
    ///   unit with a resident memory of known capacity also at least their stream demand less
    ///   what that memory holds when the funnel starts (`StreamRuns` has the argument, which needs
    ///   only that every operator counted runs on w inside the window: a weight copied before the
    ///   window is resident at its start, one copied after it in the idle time of an operator
    ///   inside it). A funnel that starts at time 0 (`fromStart`: the whole graph, the first piece)
    ///   has nothing resident then — copies run only during earlier operators on the unit
    ///   (`WeightPrefetcher` rule 1) — and counts its whole demand.
    /// - **Crossing** (`crossing`): the funnel uses two units or more. Then some operator x is not
    ///   on the unit of the last operator, and on the path from x to the last (inside the funnel:
    ///   every operator between them reaches the last) some edge i → j has its ends on units
    ///   a ≠ b. j starts no earlier than i finishes on a (`communicatingFinishes`: f(i, a)) plus
    ///   the edge's least communication from a to b and, on another queue, b's submission (what
    ///   `communicatingPath` counts on every such edge), runs at least its bound duration on b, and
    ///   is followed by the longest chain of its descendants in the funnel at their fastest times.
    ///   The case's value is the least of that over every edge and pair of units.
    /// - **Serial or detour** (`serialOrDetour[v * units + w]`), for a funnel that starts when a cut
    ///   operator `after` on v finishes and ends with an operator on w. An operator x on a ≠ w lies
    ///   on a path from the cut to the last, and every such path crosses out of a after x and, unless
    ///   a = v, into a before it. The longest chains before and after x (fastest times) are such
    ///   paths, so the funnel lasts at least detour(x) = the least over a ≠ w of head(x) + in(a)
    ///   (0 for a = v) + boundDuration(x, a) + out(a) + tail(x), with in(a) and out(a) the least
    ///   hand-off (communication and, on another queue, the submission) into and out of a over the
    ///   funnel's edges. The operators left on w (the last among them) still run one at a time on w
    ///   inside the funnel, after a hand-off into w when v ≠ w (the first of them to start is where
    ///   a path from the cut first enters w). So a schedule whose operators off w have detours of
    ///   at most θ (every operator with a larger detour on w) lasts at least max(θ, crossing,
    ///   [v ≠ w] in(w) + the sum of boundDuration(o, w) over the operators with detour(o) > θ), and
    ///   one with none off w lasts `serial[w]` plus the entry hand-off (below): the value is the
    ///   least of these over θ in the operators' detours (an operator w cannot run is always off w,
    ///   so θ is at least its detour). This is the Inception module whose long branches cannot leave
    ///   the concatenation's unit without each paying its hand-offs, nor stay without running serially.
    /// - **Apart** (`apart[v * units + w]`), for a funnel that starts when a cut operator `after`
    ///   on v finishes and ends with an operator on w ≠ v, in every case: every path from the cut
    ///   to the last crosses units, the longest chain of the funnel (fastest times) among them; its
    ///   first crossing leaves v and its last enters w (the same edge or two), so the funnel lasts
    ///   at least that chain plus the larger of the least hand-offs out of v and into w over its
    ///   edges.
    /// - **Entry** (`entry[v * units + w]`), for a funnel after a cut on v ≠ w that runs serially
    ///   on w: the first of its operators to start has no producer inside the funnel, so (every
    ///   operator of it descending from the cut) it reads the cut's output, and starts no earlier
    ///   than the least hand-off v → w over the cut's edges into the funnel.
    ///
    /// - Complexity: O(operators · units + edges · units² + units² · operators · log operators).
    struct Funnel {
        let units: Int
        /// `communicatingPath` of the funnel's operators (from the same earliest finishes).
        let path: Double
        /// Per unit; infinity where the unit cannot run every operator.
        let serial: [Double]
        let crossing: Double
        /// `serialOrDetour[v * units + w]`: the bound with the cut before the funnel on v and its
        /// last operator on w (the serial, crossing and detour cases together); infinity without a cut.
        let serialOrDetour: [Double]
        /// `entry[v * units + w]`; 0 where v == w or without a cut.
        let entry: [Double]
        /// `apart[v * units + w]`; 0 where v == w or without a cut.
        let apart: [Double]

        /// The lesser of the serial case on the best unit and the crossing case (nil if neither is finite).
        var serialOrCrossing: Double? {
            let value = min(serial.min() ?? .infinity, crossing)
            return value.isFinite ? value : nil
        }

        /// nil when some operator does not reach the last within the funnel or above
        /// `communicatingPathUnitLimit` units.
        init?(_ problem: PlanProblem, operators: [Int], fromStart: Bool, after cut: Int?) {
            units = problem.unitCount
            guard let last = operators.last, units <= communicatingPathUnitLimit, units > 0 else { return nil }
            var inside = [Bool](repeating: false, count: problem.operatorCount)
            for op in operators { inside[op] = true }
            // tail[op]: the longest chain of op's descendants in the funnel, at their fastest times;
            // nil for an operator that does not reach the last.
            var tail = [Double?](repeating: nil, count: problem.operatorCount)
            tail[last] = 0
            for op in operators.reversed() where op != last {
                for next in problem.successors[op] where inside[next] {
                    guard let after = tail[next] else { continue }
                    tail[op] = max(tail[op] ?? 0, fastest(problem, next) + after)
                }
                if tail[op] == nil { return nil }
            }
            let runs = StreamRuns(problem, operators: operators)
            guard let finish = communicatingFinishes(problem, operators: operators, runs: runs) else { return nil }
            path = longestEarliestFinish(finish, operators: operators, units: units)
            serial = Self.serial(problem, operators: operators, fromStart: fromStart, runs: runs)
            let handOffs = HandOffs(problem)
            crossing = Self.crossing(problem, operators: operators, inside: inside, tail: tail, finish: finish, handOffs: handOffs)
            var serialOrDetour = [Double](repeating: .infinity, count: units * units)
            var entry = [Double](repeating: 0, count: units * units)
            var apart = [Double](repeating: 0, count: units * units)
            if let cut {
                let (into, out, leave) = Self.handOffs(problem, operators: operators, inside: inside, cut: cut, handOffs: handOffs)
                // head[op]: the longest chain of op's ancestors in the funnel, at their fastest times.
                var head = [Double](repeating: 0, count: problem.operatorCount)
                for op in operators {
                    for producer in problem.producers[op] where inside[producer] {
                        head[op] = max(head[op], head[producer] + fastest(problem, producer))
                    }
                }
                let chain = head[last] + fastest(problem, last)
                for v in 0..<units {
                    for w in 0..<units where w != v {
                        let least = max(leave[v], into[w])
                        apart[v * units + w] = least.isFinite ? chain + least : 0
                    }
                }
                for v in 0..<units {
                    for w in 0..<units where w != v {
                        var least = Double.infinity
                        for edge in problem.outgoing[cut] where inside[edge.consumer] { least = min(least, handOffs.cost(edge, from: v, to: w)) }
                        entry[v * units + w] = least.isFinite ? least : 0
                    }
                }
                serialOrDetour = Self.serialOrDetour(problem, operators: operators, tail: tail, head: head, into: into, out: out,
                                                     serial: serial, entry: entry, crossing: crossing)
            }
            self.serialOrDetour = serialOrDetour
            self.entry = entry
            self.apart = apart
        }

        /// The serial case per unit: the operators' summed bound durations (or stream demand less
        /// the resident credit, if larger; without the credit `fromStart`).
        private static func serial(_ problem: PlanProblem, operators: [Int], fromStart: Bool, runs: StreamRuns?) -> [Double] {
            let durations = problem.boundDurations
            return (0..<problem.unitCount).map { u in
                var busy = 0.0
                var demand = 0.0
                for op in operators {
                    guard let duration = durations[op, u] else { return .infinity }
                    busy += duration
                    if let runs { demand += runs.demand[op * runs.units + u] }
                }
                if let credit = runs?.credit[u] { busy = max(busy, demand - (fromStart ? 0 : credit)) }
                return busy
            }
        }

        /// The crossing case: the least over the funnel's edges i → j and units a ≠ b of
        /// f(i, a) + hand-off(a → b) + boundDuration(j, b) + tail(j).
        private static func crossing(_ problem: PlanProblem, operators: [Int], inside: [Bool], tail: [Double?],
                                     finish: [Double], handOffs: HandOffs) -> Double {
            let units = problem.unitCount
            let durations = problem.boundDurations
            var best = Double.infinity
            for j in operators {
                guard let after = tail[j] else { continue }
                for edge in problem.incoming[j] where inside[edge.producer] {
                    for b in 0..<units {
                        guard let duration = durations[j, b] else { continue }
                        for a in 0..<units where a != b {
                            let done = finish[edge.producer * units + a]
                            guard done.isFinite else { continue }
                            best = min(best, done + handOffs.cost(edge, from: a, to: b) + duration + after)
                        }
                    }
                }
            }
            return best
        }

        /// The least hand-off into and out of each unit over the funnel's edges (an edge into the
        /// funnel from the cut counts for `into` and `leave`, not for `out`).
        private static func handOffs(_ problem: PlanProblem, operators: [Int], inside: [Bool], cut: Int,
                                     handOffs: HandOffs) -> (into: [Double], out: [Double], leave: [Double]) {
            let units = problem.unitCount
            let durations = problem.boundDurations
            var into = [Double](repeating: .infinity, count: units)
            var out = [Double](repeating: .infinity, count: units)
            var leave = [Double](repeating: .infinity, count: units)
            for op in operators {
                for edge in problem.incoming[op] where inside[edge.producer] || edge.producer == cut {
                    for a in 0..<units where durations[edge.producer, a] != nil {
                        for b in 0..<units where b != a && durations[op, b] != nil {
                            let cost = handOffs.cost(edge, from: a, to: b)
                            into[b] = min(into[b], cost)
                            leave[a] = min(leave[a], cost)
                            if inside[edge.producer] { out[a] = min(out[a], cost) }
                        }
                    }
                }
            }
            return (into, out, leave)
        }

        /// The serial-or-detour bound per unit v of the cut and w of the last operator (see `Funnel`).
        private static func serialOrDetour(_ problem: PlanProblem, operators: [Int], tail: [Double?], head: [Double],
                                           into: [Double], out: [Double], serial: [Double], entry: [Double],
                                           crossing: Double) -> [Double] {
            let units = problem.unitCount
            let durations = problem.boundDurations
            let others = Array(operators.dropLast())
            // Per operator x and unit a: head(x) + boundDuration(x, a) + out(a) + tail(x) (infinity
            // where it cannot be), and the least and second least over a of that plus in(a).
            var around = [Double](repeating: .infinity, count: others.count * units)
            var least = [(value: Double, unit: Int, second: Double)]()
            for (k, x) in others.enumerated() {
                var entry = (value: Double.infinity, unit: -1, second: Double.infinity)
                if let after = tail[x] {
                    for a in 0..<units {
                        guard let duration = durations[x, a], out[a].isFinite else { continue }
                        around[k * units + a] = head[x] + duration + out[a] + after
                        let value = around[k * units + a] + into[a]
                        if value < entry.value { entry = (value, a, entry.value) } else if value < entry.second { entry.second = value }
                    }
                }
                least.append(entry)
            }
            var bound = [Double](repeating: .infinity, count: units * units)
            for w in 0..<units {
                guard let lastDuration = durations[operators.last!, w] else { continue }
                for v in 0..<units {
                    // Each operator's detour off w (on v it needs no hand-off in) and duration on w, by detour.
                    let cases = others.indices.map { k in
                        var detour = least[k].unit == w ? least[k].second : least[k].value
                        if v != w { detour = min(detour, around[k * units + v]) }
                        return (detour: detour, duration: durations[others[k], w])
                    }.sorted { $0.detour < $1.detour }
                    // The first operator on w starts after a hand-off into w when the cut is elsewhere.
                    var onW = lastDuration + (v == w ? 0 : into[w])
                    var forced = 0.0
                    for c in cases {
                        if let duration = c.duration { onW += duration } else { forced = max(forced, c.detour) }
                    }
                    var best = serial[w] + entry[v * units + w]
                    if forced.isFinite {
                        // θ = each detour in ascending order: that operator and every one before it off w.
                        for c in cases {
                            if let duration = c.duration { onW -= duration }
                            guard c.detour.isFinite else { break }
                            if c.detour >= forced { best = min(best, max(c.detour, crossing, onW)) }
                        }
                    }
                    bound[v * units + w] = best
                }
            }
            return bound
        }
    }
}
