/// A path of links from one memory to another. Data moves store-and-forward: each hop finishes
/// before the next starts, so the time of a route is the sum of its hops' times.
public struct MemoryRoute: Sendable, Hashable {
    public var from: String
    public var to: String
    /// The hops in order; empty when `from == to`.
    public var hops: [RouteHop]

    public init(from: String, to: String, hops: [RouteHop]) {
        self.from = from
        self.to = to
        self.hops = hops
    }

    /// Time to move `bytes` along the whole route without contention, in microseconds.
    public func transferTimeUS(bytes: Int) -> Double {
        hops.reduce(0) { $0 + $1.transferTimeUS(bytes: bytes) }
    }

    /// Sum of the hops' latencies, in microseconds.
    public var latencyUS: Double {
        hops.reduce(0) { $0 + $1.link.latencyUS }
    }

    /// The smallest bandwidth along the route in GB/s; `nil` for an empty route.
    public var bottleneckGBs: Double? {
        hops.map(\.link.bandwidthGBs).min()
    }

    /// The memories visited, `from` first and `to` last.
    public var memories: [String] {
        [from] + hops.map(\.to)
    }

    /// `dram -> sram -> tcm`.
    public var label: String { memories.joined(separator: " -> ") }
}
