extension CostReport {
    /// The JSON output of `hetero-plan cost --format json` (`hetero-plan/costs@1`).
    struct Document: Encodable {
        let format = "hetero-plan/costs@1"
        let model: String
        let platform: String
        let units: [String]
        let sources: Sources
        /// Operators fused on some unit, by name.
        let composites: [[String]]
        let entries: [Entry]
    }

    func document() -> Document {
        Document(model: graph.name, platform: platform.name, units: platform.units.map(\.name), sources: sources(),
                 composites: result.composites.map { $0.map { graph.operators[$0].name } }, entries: entries())
    }
}
