import HeteroPlatform

/// How a unit's operands reach its arithmetic: read from the memory it computes from and, when
/// it has a local memory (CBUF, CMX, TCM), staged there over the platform's links.
///
/// A unit with a local memory streams at the lower of its memory's bandwidth and the bottleneck
/// link between the two memories (both directions, since outputs go back), so a DLA behind a
/// 64-bit DMA port or an NPU whose DMA reaches DRAM at 27 GB/s is not credited with the full
/// DRAM bandwidth. Energy is charged at every level a byte passes: the memory's
/// `pj_per_byte` plus the local memory's.
struct StreamPath: Sendable, Hashable {
    /// The memory the unit computes from.
    let memory: Memory
    /// The unit's local memory, if it has one.
    let local: Memory?
    /// Bytes per microsecond the unit can stream to and from `memory`.
    let bytesPerUS: Double
    /// Energy per byte moved, in picojoules, over every memory level the byte passes.
    let pjPerByte: Double

    /// The path of `unit` on `platform`; `nil` when the unit's memory is not on the platform
    /// (never for a validated platform).
    ///
    /// - Parameters:
    ///   - source: the memory the operands come from when not the unit's `memory` (its resident
    ///     memory); the same local-memory cap applies.
    ///   - routes: the platform's route table, when the caller keeps one (the same routes as
    ///     `Platform.route`, without building the link graph again).
    init?(unit: ProcessingUnit, platform: Platform, source: String? = nil, routes: RouteTable? = nil) {
        guard let memory = platform.memory(named: source ?? unit.memory) else { return nil }
        self.memory = memory
        let local = unit.localMemory.flatMap { $0 == memory.name ? nil : platform.memory(named: $0) }
        self.local = local
        var bandwidthGBs = memory.bandwidthGBs
        if let local {
            for (from, to) in [(memory.name, local.name), (local.name, memory.name)] {
                let bottleneck = if let routes, let a = routes.memoryIndex(from), let b = routes.memoryIndex(to) {
                    routes.figures(from: a, to: b)?.bottleneckGBs
                } else {
                    platform.route(from: from, to: to, preferring: .fewestHops)?.bottleneckGBs
                }
                if let bottleneck { bandwidthGBs = min(bandwidthGBs, bottleneck) }
            }
        }
        bytesPerUS = Bandwidth.bytesPerMicrosecond(gbs: bandwidthGBs)
        pjPerByte = (memory.pjPerByte ?? 0) + (local?.pjPerByte ?? 0)
    }

    /// The path `unit`'s weights stream over from its `weight_memory` (to its local memory, when
    /// it has one); nil when its weights come from `memory` with its activations.
    static func weights(of unit: ProcessingUnit, platform: Platform, routes: RouteTable?) -> StreamPath? {
        unit.weightMemory.flatMap { StreamPath(unit: unit, platform: platform, source: $0, routes: routes) }
    }

    /// Time to move `bytes` to and from the unit: the memory's latency once, then `bytes` at
    /// the streaming bandwidth; 0 for no bytes.
    func timeUS(bytes: Double) -> Double {
        bytes > 0 ? memory.latencyUS + bytes / bytesPerUS : 0
    }
}
