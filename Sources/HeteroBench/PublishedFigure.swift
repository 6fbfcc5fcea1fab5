/// One published end-to-end figure for a shipped platform and a bundled model, as
/// `Platforms/published/figures.json` lists it: how to plan the case and what the publisher measured.
public struct PublishedFigure: Decodable, Sendable {
    /// Changes to the platform so that it matches the publisher's configuration.
    public struct PlatformChanges: Decodable, Sendable {
        public struct MemoryChange: Decodable, Sendable {
            public var capacityBytes: Int?
            public var bandwidthGBs: Double?

            enum CodingKeys: String, CodingKey {
                case capacityBytes = "capacity_bytes"
                case bandwidthGBs = "bandwidth_gb_s"
            }
        }

        public var memories: [String: MemoryChange] = [:]
    }

    public var platform: String
    public var model: String
    /// Units in priority order for the fallback strategy (the publisher's device).
    public var units: [String]
    public var publishedMS: Double
    public var kind: String
    public var precision: String
    public var source: String
    /// The residency policy to plan with (default: optimize).
    public var residency: String?
    public var platformChanges: PlatformChanges?

    enum CodingKeys: String, CodingKey {
        case platform, model, units, kind, precision, source, residency
        case publishedMS = "published_ms"
        case platformChanges = "platform_changes"
    }

    /// The file's top level.
    public struct File: Decodable, Sendable {
        public var format: String
        public var figures: [PublishedFigure]
        /// How the figures were used (calibration) and what limits each comparison.
        public var notes: [String]?
    }
}
