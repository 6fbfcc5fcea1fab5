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
    /// - Complexity: O(M² + L) for M memories and L links.
    public func route(from source: String, to destination: String,
                      preferring preference: RoutePreference = .fewestHops) -> MemoryRoute? {
        guard memory(named: source) != nil, memory(named: destination) != nil else { return nil }
        let outgoing = outgoingHops()
        var labels: [String: RouteLabel] = [source: RouteLabel(start: source)]
        var settled: Set<String> = []
        while let (current, label) = labels.filter({ !settled.contains($0.key) })
            .min(by: { $0.value.isBetter(than: $1.value, preference) }).map({ ($0.key, $0.value) }) {
            if current == destination {
                return MemoryRoute(from: source, to: destination, hops: label.hops)
            }
            settled.insert(current)
            for hop in outgoing[current] ?? [] where !settled.contains(hop.to) {
                let candidate = label.extended(by: hop, preference)
                if let existing = labels[hop.to], !candidate.isBetter(than: existing, preference) { continue }
                labels[hop.to] = candidate
            }
        }
        return nil
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

/// A partial route during the search in `Platform.route(from:to:preferring:)`.
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
