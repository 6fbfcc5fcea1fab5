import Foundation

/// Routes between a platform's memories by index (`Platform.memories` order), each answered as
/// `Platform.route(from:to:preferring:)` would: the links a transfer crosses and what they add up
/// to. Nothing is materialised per pair of memories: the route from a memory is a search from
/// it, and the search tree of a source asked for with `prepare` is kept, so a cost table over
/// the few memories units compute from costs one search per such memory, and an array of
/// thousands of tile memories costs nothing until a route from one of them is asked for.
///
/// A class shared by the values that hold it (cost tables, the simulator's machine); the kept
/// trees and answers are guarded by a lock, and every answer is the same whether or not a tree was kept.
public final class RouteTable: @unchecked Sendable {  // `trees`, `answers` and `destinations` are guarded by `lock`; the rest is immutable
    /// What the routes minimise.
    public let preference: RoutePreference
    let graph: RouteGraph
    private let lock = NSLock()
    private var trees: [Int: RouteTree] = [:]
    /// Answers of searches stopped at their destination, at `source * memoryCount + destination`.
    private var answers: [Int: [Int]?] = [:]
    /// Destinations asked for so far, per source without a kept tree.
    private var destinations: [Int: Int] = [:]

    public init(_ platform: Platform, preferring preference: RoutePreference = .fewestHops) {
        self.preference = preference
        graph = RouteGraph(platform)
    }

    public var memoryCount: Int { graph.memoryCount }

    /// The index of memory `name`.
    public func memoryIndex(_ name: String) -> Int? { graph.memoryIndex[name] }

    /// Searches once from each of `sources` and keeps the trees (sources already kept are skipped).
    ///
    /// - Complexity: O((M + L) log M) label comparisons per new source.
    public func prepare(sources: some Sequence<Int>) {
        for source in sources where lock.withLock({ trees[source] == nil }) {
            let tree = graph.search(from: source, preferring: preference, stoppingAt: nil)
            lock.withLock { trees[source] = tree }
        }
    }

    /// The links, in order, a transfer from memory `a` to memory `b` crosses: empty when
    /// `a == b`, nil when no route exists. From a kept tree when there is one; else from a search
    /// stopped at `b` (its answer kept), until `a` has been asked for `treeThreshold` different
    /// destinations, when its whole tree is searched and kept (DRAM, asked for every tile).
    public func links(from a: Int, to b: Int) -> [Int]? {
        guard a != b else { return [] }
        let key = a &* memoryCount &+ b
        enum Known { case tree(RouteTree), answer([Int]?), search(whole: Bool) }
        let known = lock.withLock { () -> Known in
            if let tree = trees[a] { return .tree(tree) }
            if let answer = answers[key] { return .answer(answer) }
            destinations[a, default: 0] += 1
            return .search(whole: destinations[a]! >= Self.treeThreshold)
        }
        switch known {
        case .tree(let tree): return tree.links(to: b)
        case .answer(let answer): return answer
        case .search(whole: true):
            prepare(sources: [a])
            return lock.withLock { trees[a]! }.links(to: b)
        case .search(whole: false):
            let answer = graph.search(from: a, preferring: preference, stoppingAt: b).links(to: b)
            lock.withLock { answers[key] = answer }
            return answer
        }
    }

    /// Different destinations asked for from one source before its whole tree is kept.
    static let treeThreshold = 8

    /// The link at `index`.
    public func link(_ index: Int) -> Link { graph.links[index] }

    /// Figures of the route from `a` to `b` summed over its hops: latency (us), time per byte
    /// (us), energy per byte (pJ) and the lowest bandwidth (GB/s, infinite for no hop); nil when
    /// no route exists.
    public func figures(from a: Int, to b: Int) -> RouteFigures? {
        links(from: a, to: b).map { RouteFigures(links: $0.map { graph.links[$0] }) }
    }
}

/// What a route's hops add up to.
public struct RouteFigures: Sendable, Hashable {
    /// Sum of the hops' latencies, in microseconds.
    public var latencyUS: Double
    /// Sum over the hops of 1 / bandwidth, in microseconds per byte.
    public var perByteUS: Double
    /// Sum of the hops' energies per byte, in picojoules.
    public var pjPerByte: Double
    /// The lowest bandwidth along the route in GB/s; infinite for an empty route.
    public var bottleneckGBs: Double

    init(links: [Link]) {
        latencyUS = links.reduce(0) { $0 + $1.latencyUS }
        perByteUS = links.reduce(0) { $0 + 1 / $1.bytesPerMicrosecond }
        pjPerByte = links.reduce(0) { $0 + ($1.pjPerByte ?? 0) }
        bottleneckGBs = links.map(\.bandwidthGBs).min() ?? .infinity
    }
}
