/// One explained decision.
public struct Decision: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        case operatorSpill = "operator-spill"
        case composite
        case compositeSpill = "composite-spill"
        case memorySpill = "memory-spill"
        case residency
        case refinement
        case strategy
        /// An operator the user pinned to a unit (`--pin`, `--pin-type`, `--constraints`).
        case pin
        /// Kernels moved between units with a program memory so that their programs fit
        /// (`program_memory_bytes`), or spread over a class of such units for throughput.
        case packing
        /// A layer split by output channels over several tiles of an array (`layer_splits`).
        case layerSplit = "layer-split"
        /// An activation recomputed before its last reader instead of evicted to DRAM
        /// (`spill_copies` entries of kind `recompute`).
        case recompute
        /// An activation broadcast from its producer's tile over a stream-switch route, or why not
        /// (`stream_routes`).
        case streamRoute = "stream-route"
    }

    public var kind: Kind
    public var subject: String
    public var reason: String

    public init(kind: Kind, subject: String, reason: String) {
        self.kind = kind
        self.subject = subject
        self.reason = reason
    }
}
