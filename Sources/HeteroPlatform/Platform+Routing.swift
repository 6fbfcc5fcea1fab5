extension Platform {
    /// The best route for moving data from memory `source` to memory `destination` over links,
    /// or `nil` when either memory is unknown or no route exists. A memory routes to itself
    /// with no hops.
    ///
    /// Dijkstra's algorithm over the directed link graph (a bidirectional link is two edges)
    /// with a lexicographic label: for `.fastest(bytes:)` (time, hops, memory names), for
    /// `.fewestHops` (hops, -bottleneck bandwidth, memory names). Both orders are monotone
    /// under extension of a path by one hop, so label setting finds the optimum, and the names
    /// make the answer unique.
    ///
    /// - Complexity: O((M + L) log M) label comparisons for M memories and L links.
    public func route(from source: String, to destination: String,
                      preferring preference: RoutePreference = .fewestHops) -> MemoryRoute? {
        guard memory(named: destination) != nil else { return nil }
        return routes(from: source, preferring: preference, outgoing: outgoingHops(), stoppingAt: destination)[destination]
    }

    /// The fastest route for a transfer of `bytes` (see `route(from:to:preferring:)`).
    public func route(from source: String, to destination: String, bytes: Int) -> MemoryRoute? {
        route(from: source, to: destination, preferring: .fastest(bytes: bytes))
    }

    /// Uncontended time to move `bytes` from memory `source` to memory `destination` along the
    /// fastest route; 0 within one memory, `nil` when there is no route.
    public func transferTimeUS(bytes: Int, from source: String, to destination: String) -> Double? {
        route(from: source, to: destination, bytes: bytes)?.transferTimeUS(bytes: bytes)
    }

    /// Between every pair of memories (in `memories` order), the route `route(from:to:preferring:)`
    /// gives, or `nil` where there is none: one label-setting search per source memory.
    ///
    /// - Complexity: O(M (M + L) log M) label comparisons.
    public func routeTable(preferring preference: RoutePreference = .fewestHops) -> [[MemoryRoute?]] {
        let outgoing = outgoingHops()
        return memories.map { source in
            let tree = routes(from: source.name, preferring: preference, outgoing: outgoing, stoppingAt: nil)
            return memories.map { tree[$0.name] }
        }
    }

    /// The best route from `source` to each memory settled before `destination` (every
    /// reachable memory when `destination` is nil). The labels are totally ordered (two labels
    /// of different memories differ in their last name; of one memory, a later one replaces an
    /// earlier one only when strictly better), so settling them from a heap gives the routes
    /// that settling the best label by a scan gives.
    func routes(from source: String, preferring preference: RoutePreference, outgoing: [String: [RouteHop]],
                stoppingAt destination: String?) -> [String: MemoryRoute] {
        guard memory(named: source) != nil else { return [:] }
        var labels: [String: RouteLabel] = [source: RouteLabel(start: source)]
        var settled: [String: MemoryRoute] = [:]
        var heap = _LabelHeap(preference: preference)
        heap.push(labels[source]!)
        while let label = heap.pop() {
            let current = label.memories.last!
            guard settled[current] == nil else { continue }  // the first label popped for a memory is its best
            settled[current] = MemoryRoute(from: source, to: current, hops: label.hops)
            if current == destination { break }
            for hop in outgoing[current] ?? [] where settled[hop.to] == nil {
                let candidate = label.extended(by: hop, preference)
                if let existing = labels[hop.to], !candidate.isBetter(than: existing, preference) { continue }
                labels[hop.to] = candidate
                heap.push(candidate)
            }
        }
        return settled
    }

    /// Every link as directed hops, keyed by the memory they leave; in link order.
    func outgoingHops() -> [String: [RouteHop]] {
        var outgoing: [String: [RouteHop]] = [:]
        for (index, link) in links.enumerated() {
            outgoing[link.from, default: []].append(RouteHop(from: link.from, to: link.to, linkIndex: index, link: link))
            if link.bidirectional {
                outgoing[link.to, default: []].append(RouteHop(from: link.to, to: link.from, linkIndex: index, link: link))
            }
        }
        return outgoing
    }
}

/// A binary min-heap of route labels by `RouteLabel.isBetter`.
struct _LabelHeap {
    let preference: RoutePreference
    private var items: [RouteLabel] = []

    init(preference: RoutePreference) { self.preference = preference }

    mutating func push(_ label: RouteLabel) {
        items.append(label)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].isBetter(than: items[parent], preference) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> RouteLabel? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let (left, right) = (2 * parent + 1, 2 * parent + 2)
            var best = parent
            if left < items.count && items[left].isBetter(than: items[best], preference) { best = left }
            if right < items.count && items[right].isBetter(than: items[best], preference) { best = right }
            guard best != parent else { return top }
            items.swapAt(parent, best)
            parent = best
        }
    }
}
struct RouteLabel {
    var timeUS: Double
    var bottleneckGBs: Double
    var memories: [String]
    var hops: [RouteHop]

    init(start: String) {
        timeUS = 0
        bottleneckGBs = .infinity
        memories = [start]
        hops = []
    }

    func extended(by hop: RouteHop, _ preference: RoutePreference) -> RouteLabel {
        var next = self
        if case .fastest(let bytes) = preference {
            next.timeUS += hop.transferTimeUS(bytes: bytes)
        }
        next.bottleneckGBs = min(bottleneckGBs, hop.link.bandwidthGBs)
        next.memories.append(hop.to)
        next.hops.append(hop)
        return next
    }

    func isBetter(than other: RouteLabel, _ preference: RoutePreference) -> Bool {
        switch preference {
        case .fastest:
            if timeUS != other.timeUS { return timeUS < other.timeUS }
            if hops.count != other.hops.count { return hops.count < other.hops.count }
        case .fewestHops:
            if hops.count != other.hops.count { return hops.count < other.hops.count }
            if bottleneckGBs != other.bottleneckGBs { return bottleneckGBs > other.bottleneckGBs }
        }
        return memories.lexicographicallyPrecedes(other.memories)
    }
}
