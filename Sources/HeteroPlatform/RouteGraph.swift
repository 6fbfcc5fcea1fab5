/// The platform's links as a directed graph over memory indices (`Platform.memories` order): a
/// bidirectional link is two edges. What route searches walk, built once per platform so that a
/// search compares integers rather than names.
struct RouteGraph: Sendable {
    /// A directed edge: the link it crosses and the memory it reaches.
    struct Edge: Sendable {
        var to: Int32
        var link: Int32
    }

    let links: [Link]
    /// Outgoing edges per memory, in link order.
    let outgoing: [[Edge]]
    /// Each memory's position in the names' order: comparing ranks compares names.
    let nameRank: [Int32]
    let memoryIndex: [String: Int]

    init(_ platform: Platform) {
        var memoryIndex: [String: Int] = [:]
        for (index, memory) in platform.memories.enumerated() where memoryIndex[memory.name] == nil { memoryIndex[memory.name] = index }
        var outgoing = [[Edge]](repeating: [], count: platform.memories.count)
        for (index, link) in platform.links.enumerated() {
            guard let from = memoryIndex[link.from], let to = memoryIndex[link.to] else { continue }
            outgoing[from].append(Edge(to: Int32(to), link: Int32(index)))
            if link.bidirectional { outgoing[to].append(Edge(to: Int32(from), link: Int32(index))) }
        }
        var nameRank = [Int32](repeating: 0, count: platform.memories.count)
        for (rank, index) in platform.memories.indices.sorted(by: { platform.memories[$0].name < platform.memories[$1].name }).enumerated() {
            nameRank[index] = Int32(rank)
        }
        links = platform.links
        self.outgoing = outgoing
        self.nameRank = nameRank
        self.memoryIndex = memoryIndex
    }

    var memoryCount: Int { outgoing.count }

    /// The best route from `source` to every memory settled before `destination` (every reachable
    /// memory when `destination` is nil), as a tree: `parent[m]` is the memory before `m` on its
    /// route and `parentLink[m]` the link from it (-1 where unreached; the source is its own
    /// parent). Dijkstra's algorithm with a lexicographic label: for `.fastest(bytes:)` (time,
    /// hops, memory names), for `.fewestHops` (hops, -bottleneck bandwidth, memory names). Both
    /// orders are monotone under extension of a path by one hop, so label setting finds the
    /// optimum; the labels are totally ordered (two labels of different memories differ in their
    /// last name), so settling them from a heap gives the unique answer.
    ///
    /// - Complexity: O((M + L) log M) label comparisons, each O(hops).
    func search(from source: Int, preferring preference: RoutePreference, stoppingAt destination: Int?) -> RouteTree {
        var tree = RouteTree(source: source, count: memoryCount)
        var best = [RouteLabel?](repeating: nil, count: memoryCount)
        var settled = [Bool](repeating: false, count: memoryCount)
        let start = RouteLabel(memory: Int32(source), parent: Int32(source), link: -1, names: [nameRank[source]])
        best[source] = start
        var heap = _LabelHeap(preference: preference)
        heap.push(start)
        while let label = heap.pop() {
            let current = Int(label.memory)
            guard !settled[current] else { continue }  // the first label popped for a memory is its best
            settled[current] = true
            tree.parent[current] = label.parent
            tree.parentLink[current] = label.link
            if current == destination { break }
            for edge in outgoing[current] where !settled[Int(edge.to)] {
                let candidate = label.extended(by: edge, link: links[Int(edge.link)], rank: nameRank[Int(edge.to)], preference)
                if let existing = best[Int(edge.to)], !candidate.isBetter(than: existing, preference) { continue }
                best[Int(edge.to)] = candidate
                heap.push(candidate)
            }
        }
        return tree
    }
}

/// Routes from one memory: the search tree of `RouteGraph.search`.
struct RouteTree: Sendable {
    let source: Int
    var parent: [Int32]
    var parentLink: [Int32]

    init(source: Int, count: Int) {
        self.source = source
        parent = Array(repeating: -1, count: count)
        parentLink = Array(repeating: -1, count: count)
    }

    /// The links from the source to `destination`, in order: empty for the source itself, nil
    /// when the search did not reach it.
    func links(to destination: Int) -> [Int]? {
        guard parent[destination] >= 0 else { return nil }
        var links: [Int] = []
        var memory = destination
        while memory != source {
            links.append(Int(parentLink[memory]))
            memory = Int(parent[memory])
        }
        return links.reversed()
    }

    /// The memories from the source to `destination`, both included; nil when not reached.
    func memories(to destination: Int) -> [Int]? {
        guard parent[destination] >= 0 else { return nil }
        var memories = [destination]
        var memory = destination
        while memory != source {
            memory = Int(parent[memory])
            memories.append(memory)
        }
        return memories.reversed()
    }
}

/// A path in a route search: where it ends, how it got there, and what the order compares.
struct RouteLabel {
    var memory: Int32
    var parent: Int32
    var link: Int32
    var timeUS: Double = 0
    var bottleneckGBs: Double = .infinity
    /// Name ranks of the memories along the path, the source first.
    var names: [Int32]

    var hopCount: Int { names.count - 1 }

    func extended(by edge: RouteGraph.Edge, link: Link, rank: Int32, _ preference: RoutePreference) -> RouteLabel {
        var next = self
        next.parent = memory
        next.memory = edge.to
        next.link = edge.link
        if case .fastest(let bytes) = preference {
            next.timeUS += link.transferTimeUS(bytes: bytes)
        }
        next.bottleneckGBs = min(bottleneckGBs, link.bandwidthGBs)
        next.names.append(rank)
        return next
    }

    func isBetter(than other: RouteLabel, _ preference: RoutePreference) -> Bool {
        switch preference {
        case .fastest:
            if timeUS != other.timeUS { return timeUS < other.timeUS }
            if hopCount != other.hopCount { return hopCount < other.hopCount }
        case .fewestHops:
            if hopCount != other.hopCount { return hopCount < other.hopCount }
            if bottleneckGBs != other.bottleneckGBs { return bottleneckGBs > other.bottleneckGBs }
        }
        return names.lexicographicallyPrecedes(other.names)
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
