import HeteroSupport

/// What `hetero-plan check` reports about a platform: per unit its kind, clock, peak rates,
/// operator support and memory; per memory its capacity and bandwidth; the links; the overheads;
/// and the warnings. `description` is the human form; encoding gives the JSON form.
public struct PlatformSummary: Sendable, Encodable {
    public struct Unit: Sendable, Encodable {
        public let name: String
        public let kind: UnitKind
        public let clockMHz: Double
        public let computeType: DataType?
        /// Peak GMAC/s by data type name (`"*"` for the fallback figure).
        public let peakGMACsPerSecond: [String: Double]
        /// Peak vector Gop/s by data type name (`"*"` for the fallback figure).
        public let peakGVectorOpsPerSecond: [String: Double]
        /// Operator types with their own entry, sorted (`"*"` excluded).
        public let operators: [String]
        public let supportsAllOperators: Bool
        public let fusionPatterns: [String]
        public let memory: String
        /// Where the unit reads its weights when not `memory` (`ProcessingUnit.weightMemory`).
        public let weightMemory: String?
        public let localMemory: String?
        public let residentMemory: String?
        public let canTile: Bool
        /// Program memory for the unit's kernels (`ProcessingUnit.programMemoryBytes`).
        public let programMemoryBytes: Int?
        public let commandPath: CommandPathKind
        public let submitUS: Double
        public let syncUS: Double
        public let operationUS: Double
        public let queue: String?

        enum CodingKeys: String, CodingKey {
            case name, kind, operators, memory, queue
            case residentMemory = "resident_memory"
            case operationUS = "operation_us"
            case clockMHz = "clock_mhz"
            case computeType = "compute_type"
            case peakGMACsPerSecond = "peak_gmac_per_s"
            case peakGVectorOpsPerSecond = "peak_gvector_ops_per_s"
            case supportsAllOperators = "supports_all_operators"
            case fusionPatterns = "fusion_patterns"
            case localMemory = "local_memory"
            case weightMemory = "weight_memory"
            case canTile = "can_tile"
            case programMemoryBytes = "program_memory_bytes"
            case commandPath = "command_path"
            case submitUS = "submit_us"
            case syncUS = "sync_us"
        }
    }

    public struct Memory: Sendable, Encodable {
        public let name: String
        public let kind: MemoryKind
        /// `nil` for unlimited (encoded as `"unlimited"`).
        public let capacityBytes: Int?
        public let bandwidthGBs: Double
        public let latencyUS: Double
        /// Attached units, explicit and implicit.
        public let units: [String]

        enum CodingKeys: String, CodingKey {
            case name, kind, units
            case capacityBytes = "capacity_bytes"
            case bandwidthGBs = "bandwidth_gb_s"
            case latencyUS = "latency_us"
        }

        public func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(name, forKey: .name)
            try keyed.encode(kind, forKey: .kind)
            if let capacityBytes {
                try keyed.encode(capacityBytes, forKey: .capacityBytes)
            } else {
                try keyed.encode(HeteroPlatform.Memory.unlimited, forKey: .capacityBytes)
            }
            try keyed.encode(bandwidthGBs, forKey: .bandwidthGBs)
            try keyed.encode(latencyUS, forKey: .latencyUS)
            try keyed.encode(units, forKey: .units)
        }
    }

    public struct Link: Sendable, Encodable {
        public let from: String
        public let to: String
        public let bidirectional: Bool
        public let bandwidthGBs: Double
        public let latencyUS: Double
        public let dmaEngines: Int

        enum CodingKeys: String, CodingKey {
            case from, to, bidirectional
            case bandwidthGBs = "bandwidth_gb_s"
            case latencyUS = "latency_us"
            case dmaEngines = "dma_engines"
        }
    }

    public let file: String
    public let fileFormat: String
    public let name: String
    /// The platform's own `description`.
    public let platformDescription: String?
    public let units: [Unit]
    public let memories: [Memory]
    public let links: [Link]
    public let contention: Bool
    public let hostSubmitUS: Double
    public let hostSyncUS: Double
    /// `path: message` for each warning.
    public let warnings: [String]

    enum CodingKeys: String, CodingKey {
        case file, name, units, memories, links, contention, warnings
        case fileFormat = "format"
        case platformDescription = "description"
        case hostSubmitUS = "host_submit_us"
        case hostSyncUS = "host_sync_us"
    }

    public init(_ platform: Platform, file: String, warnings: [Problem]) {
        self.file = file
        fileFormat = Platform.formatIdentifier
        name = platform.name
        platformDescription = platform.description
        units = platform.units.map { unit in
            func giga(_ table: DataTypeTable) -> [String: Double] {
                var result: [String: Double] = [:]
                for (type, perCycle) in table.values { result[type.rawValue] = perCycle * unit.clockMHz / 1000 }
                if let fallback = table.fallback { result["*"] = fallback * unit.clockMHz / 1000 }
                return result
            }
            return Unit(name: unit.name, kind: unit.kind, clockMHz: unit.clockMHz, computeType: unit.computeType,
                        peakGMACsPerSecond: giga(unit.macsPerCycle), peakGVectorOpsPerSecond: giga(unit.vectorOpsPerCycle),
                        operators: unit.operators.keys.filter { $0 != OperatorSupport.wildcard }.sorted(),
                        supportsAllOperators: unit.operators[OperatorSupport.wildcard] != nil,
                        fusionPatterns: unit.fusionPatterns.map(\.label), memory: unit.memory,
                        weightMemory: unit.weightMemory, localMemory: unit.localMemory, residentMemory: unit.residentMemory, canTile: unit.canTile,
                        programMemoryBytes: unit.programMemoryBytes, commandPath: unit.commandPath.kind, submitUS: unit.commandPath.submitUS, syncUS: unit.commandPath.syncUS,
                        operationUS: unit.commandPath.operationUS, queue: unit.commandPath.queue)
        }
        memories = platform.memories.map {
            Memory(name: $0.name, kind: $0.kind, capacityBytes: $0.capacityBytes, bandwidthGBs: $0.bandwidthGBs,
                   latencyUS: $0.latencyUS, units: platform.units(attachedTo: $0.name))
        }
        links = platform.links.map {
            Link(from: $0.from, to: $0.to, bidirectional: $0.bidirectional, bandwidthGBs: $0.bandwidthGBs,
                 latencyUS: $0.latencyUS, dmaEngines: $0.dmaEngines)
        }
        contention = platform.interconnect.contention
        hostSubmitUS = platform.host.submitUS
        hostSyncUS = platform.host.syncUS
        self.warnings = warnings.map(\.description)
    }
}
