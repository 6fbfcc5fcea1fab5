/// A stream-switch route the plan lists (`stream_routes`): `tensor`, written by its producer into
/// `memory` (the producer's tile memory), is broadcast over one AXI4-Stream route from tile
/// `source` (its master port `masterPort`) to the tiles `destinations` (slave port
/// `slavePorts[i]` on `destinations[i]`), whose readers receive it into ping-pong buffers of
/// `receiveBufferBytes` in their own tile memories (buffers of the plan's memory plan, which the
/// producer writes through the route and the readers there read). The simulator judges it with
/// the platform's stream switches (`_Engine.checkStreamRoutes`) and its own figures, not the
/// planner's.
public struct RouteDelivery: Sendable, Hashable {
    public var tensor: Int
    public var memory: Int
    public var source: Int
    public var masterPort: Int
    public var destinations: [Int]
    public var slavePorts: [Int]
    public var receiveBufferBytes: Int

    public init(tensor: Int, memory: Int, source: Int, masterPort: Int, destinations: [Int], slavePorts: [Int], receiveBufferBytes: Int) {
        self.tensor = tensor
        self.memory = memory
        self.source = source
        self.masterPort = masterPort
        self.destinations = destinations
        self.slavePorts = slavePorts
        self.receiveBufferBytes = receiveBufferBytes
    }
}

extension SimulationPlan {
    /// The memory holding `tensor` that a listed route delivers to `unit` from (nil: none does).
    func routedMemory(_ tensor: Int, to unit: Int) -> Int? {
        for route in streamRoutes where route.tensor == tensor && route.destinations.contains(unit) { return route.memory }
        return nil
    }
}
