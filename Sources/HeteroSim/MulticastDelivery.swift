/// One read of `tensor` from `memory` that a plan has a multicast (a stream switch broadcast)
/// deliver to `destinations` (operators, in the plan's order), each into two `bufferBytes`
/// receive windows of its unit's resident memory (`PlanDocument.MulticastRead`).
///
/// The simulator checks it before anything runs (`_Engine.checkMulticasts`): every destination
/// reads the tensor and streams it (it is not in the destination's resident memory), runs on a
/// unit with a multicast computing from `memory`, and has room for its windows; at most the
/// units' fan-out of destinations, each once. Then it executes it as one read: the first
/// destination to start streams the tensor's bytes from the memory, every later one streams
/// only the rest of its own bytes.
public struct MulticastDelivery: Sendable, Hashable {
    public var tensor: Int
    public var memory: Int
    public var destinations: [Int]
    public var bufferBytes: Int

    public init(tensor: Int, memory: Int, destinations: [Int], bufferBytes: Int) {
        self.tensor = tensor
        self.memory = memory
        self.destinations = destinations
        self.bufferBytes = bufferBytes
    }
}
