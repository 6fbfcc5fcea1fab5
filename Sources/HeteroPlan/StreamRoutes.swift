import HeteroCost

/// The stream-switch routes of a plan (`StreamRouting` chooses them): per route, an activation
/// written into its producer's tile memory and broadcast over one AXI4-Stream route from the
/// producer's tile to every distant tile that reads it (AM009: a stream switch slave port feeds
/// several master ports). A reader on a destination tile receives the tensor in windows into a
/// ping-pong receive buffer in its own tile memory and reads it on chip: the tensor makes no
/// DDR4 round trip. A route takes one master port of its source tile and one slave port of each
/// destination tile (`StreamSwitch`), and delivers at one port's bandwidth: an operator that
/// sends or receives it takes at least its bytes over that bandwidth (`floorUS`).
public struct StreamRoutes: Sendable {
    public struct Route: Sendable, Hashable {
        public var tensor: Int
        public var source: Int
        /// Destination tiles, ascending.
        public var destinations: [Int]
        /// The port the route takes on its source tile, and on each destination tile (in order).
        public var masterPort: Int
        public var slavePorts: [Int]
        /// Bytes of the tensor as the source tile stores it: what the route carries per inference.
        public var bytes: Int
        /// Bytes of one destination's receive buffer (two windows), per destination.
        public var receiveBufferBytes: [Int]
        /// The operators reading the tensor on the destinations, and their tiles.
        public var readers: [Int]
        public var readerUnits: [Int]
    }

    public private(set) var routes: [Route] = []
    /// Per tensor, its route's index in `routes`, or -1; empty while there is no route.
    private var routeOf: [Int] = []
    /// Per operator, the least time its stream ports allow on `floorUnit[op]` (0: none).
    private var floor: [Double] = []
    private var floorUnit: [Int] = []

    public static let none = StreamRoutes()

    public var isEmpty: Bool { routes.isEmpty }

    /// Whether `tensor`'s route delivers it to `unit`.
    @inline(__always)
    func delivers(_ tensor: Int, to unit: Int) -> Bool {
        guard !routeOf.isEmpty, case let route = routeOf[tensor], route >= 0 else { return false }
        return routes[route].destinations.contains(unit)
    }

    /// The route of `tensor`, if any.
    func route(of tensor: Int) -> Route? {
        guard !routeOf.isEmpty, routeOf[tensor] >= 0 else { return nil }
        return routes[routeOf[tensor]]
    }

    /// The least time `op` takes on `unit` for the routes it sends or receives: each route's
    /// bytes over its port's bandwidth (ports work in parallel, the kernel overlaps its streams).
    @inline(__always)
    func floorUS(_ op: Int, on unit: Int) -> Double {
        guard !floor.isEmpty, floorUnit[op] == unit else { return 0 }
        return floor[op]
    }

    /// These routes and `route`, whose tensor `producer` writes; `bytesPerUS` per unit is its
    /// port's bandwidth.
    func adding(_ route: Route, producer: Int, tensorCount: Int, operatorCount: Int, bytesPerUS: (Int) -> Double) -> StreamRoutes {
        var next = self
        if next.routeOf.isEmpty {
            next.routeOf = Array(repeating: -1, count: tensorCount)
            next.floor = Array(repeating: 0, count: operatorCount)
            next.floorUnit = Array(repeating: -1, count: operatorCount)
        }
        next.routeOf[route.tensor] = next.routes.count
        next.routes.append(route)
        func raise(_ op: Int, _ unit: Int) {
            next.floorUnit[op] = unit
            next.floor[op] = max(next.floor[op], Double(route.bytes) / bytesPerUS(unit))
        }
        raise(producer, route.source)
        for (reader, unit) in zip(route.readers, route.readerUnits) { raise(reader, unit) }
        return next
    }
}
