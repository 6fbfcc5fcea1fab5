extension CostReport {
    /// The JSON output of `hetero-plan cost --format json` (`hetero-plan/costs@1`).
    public struct Document: Encodable {
        public var format = "hetero-plan/costs@1"
        public let model: String
        public let platform: String
        public let units: [String]
        public let sources: Sources
        /// Operators fused on some unit, by name.
        public let composites: [[String]]
        public let entries: [Entry]
    }

    public func document() -> Document {
        Document(model: graph.name, platform: platform.name, units: platform.units.map(\.name), sources: sources(),
                 composites: result.composites.map { $0.map { graph.operators[$0].name } }, entries: entries())
    }
}
