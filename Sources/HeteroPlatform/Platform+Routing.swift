extension Platform {
    /// The best route for moving data from memory `source` to memory `destination` over links,
    /// or `nil` when either memory is unknown or no route exists. A memory routes to itself
    /// with no hops.
    ///
    /// One search of `RouteGraph.search` (Dijkstra with a lexicographic label, names breaking
    /// ties), stopped when `destination` is settled. Many queries on one platform are cheaper
    /// through a `RouteTable`, which gives the same routes.
    ///
    /// - Complexity: O((M + L) log M) label comparisons for M memories and L links.
    public func route(from source: String, to destination: String,
                      preferring preference: RoutePreference = .fewestHops) -> MemoryRoute? {
        let graph = RouteGraph(self)
        guard let from = graph.memoryIndex[source], let to = graph.memoryIndex[destination] else { return nil }
        let tree = graph.search(from: from, preferring: preference, stoppingAt: to)
        return tree.memories(to: to).map { graph.route($0, links: tree.links(to: to)!, names: memories.map(\.name)) }
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
}

extension RouteGraph {
    /// The route visiting `memories` over `links` (indices), with names.
    func route(_ memories: [Int], links indices: [Int], names: [String]) -> MemoryRoute {
        let hops = indices.indices.map { step in
            RouteHop(from: names[memories[step]], to: names[memories[step + 1]], linkIndex: indices[step], link: links[indices[step]])
        }
        return MemoryRoute(from: names[memories.first!], to: names[memories.last!], hops: hops)
    }
}
