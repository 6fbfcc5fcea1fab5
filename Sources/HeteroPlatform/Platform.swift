/// A heterogeneous SoC as the planner sees it: processing units with their operator support,
/// memories, DMA links between memories, the interconnect's contention switch and host
/// overheads. Read one with `Platform.load(path:)`, which validates everything and reports
/// all problems at once; a `Platform` value obtained that way satisfies the invariants below.
///
/// The file format, in short (`Platforms/platform.schema.json` has every field):
/// ```json
/// {
///   "format": "hetero-plan/platform@1",
///   "name": "soc",
///   "units": [{
///     "name": "dla", "kind": "dla", "clock_mhz": 1000, "compute_type": "int8",
///     "macs_per_cycle": {"int8": 2048, "float16": 1024}, "vector_ops_per_cycle": 16,
///     "memory": "dram", "local_memory": "cbuf", "can_tile": true,
///     "command_path": {"kind": "driver", "submit_us": 30, "sync_us": 20},
///     "operators": {"Conv": {"efficiency": 0.8, "data_types": ["int8"], "max_kernel": 32}, "Relu": {}},
///     "fusion": [["Conv", "Relu"]],
///     "energy": {"pj_per_mac": {"int8": 0.23}},
///     "source": {"clock_mhz": "nvdla primer", "*": "assumed"}
///   }],
///   "memories": [
///     {"name": "dram", "kind": "dram", "capacity_bytes": 4294967296, "bandwidth_gb_s": 25.6, "latency_us": 0.1},
///     {"name": "cbuf", "kind": "scratchpad", "capacity_bytes": "unlimited", "bandwidth_gb_s": 128}
///   ],
///   "links": [{"from": "dram", "to": "cbuf", "bandwidth_gb_s": 25.6, "latency_us": 1.2, "dma_engines": 1}],
///   "interconnect": {"contention": true},
///   "host": {"submit_us": 8, "sync_us": 2},
///   "source": "every number above: see each object's notes"
/// }
/// ```
/// Defaults for optional fields: `efficiency` 1, `latency_us` 0, `dma_engines` 1,
/// `bidirectional` true, `can_tile` true, `links` empty.
///
/// Invariants of a decoded platform:
/// - unit names are unique, memory names are unique, and there is at least one of each;
/// - every unit's `memory` and `localMemory`, every link end and every `attached` unit exists;
/// - every unit supports at least one operator type and every fusion pattern uses only
///   operators its unit supports;
/// - all capacities, bandwidths and clocks are positive, all latencies and overheads are
///   non-negative, efficiencies are in (0, 1] and every link has at least one DMA engine;
/// - no link joins a memory to itself and no two links carry the same direction;
/// - the memory of every unit can reach the memory of every other unit over links, and every
///   unit's local memory is reachable from and to its memory.
public struct Platform: Sendable, Hashable {
    /// The versioned format header this build reads and writes.
    public static let formatIdentifier = "hetero-plan/platform@1"

    public var name: String
    public var description: String?
    public var units: [ProcessingUnit]
    public var memories: [Memory]
    public var links: [Link]
    public var interconnect: Interconnect
    public var host: HostOverheads
    /// Notes for the top-level numbers, or for the whole file when given as one string.
    public var source: SourceNotes?

    public init(name: String, description: String? = nil, units: [ProcessingUnit], memories: [Memory],
                links: [Link] = [], interconnect: Interconnect, host: HostOverheads = .none, source: SourceNotes? = nil) {
        self.name = name
        self.description = description
        self.units = units
        self.memories = memories
        self.links = links
        self.interconnect = interconnect
        self.host = host
        self.source = source
    }
}
