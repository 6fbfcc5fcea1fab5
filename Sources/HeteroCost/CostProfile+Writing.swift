import HeteroSupport

extension CostProfile {
    /// The profile as a `hetero-plan/profile@1` document (sorted keys, pretty-printed), which
    /// `CostProfile.load` reads back.
    public func jsonDocument() throws -> String {
        try JSONOutput.encode(Document(format: Self.format, entries: entries.map(DocumentEntry.init)))
    }

    private struct Document: Encodable {
        let format: String
        let entries: [DocumentEntry]
    }

    private struct DocumentEntry: Encodable {
        let entry: CostProfile.Entry

        enum CodingKeys: String, CodingKey {
            case operatorName = "operator", operatorType = "type", inputShapes = "input_shapes", unit, latencyUS = "latency_us"
        }

        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encodeIfPresent(entry.operatorName, forKey: .operatorName)
            try keyed.encodeIfPresent(entry.operatorType, forKey: .operatorType)
            try keyed.encodeIfPresent(entry.inputShapes, forKey: .inputShapes)
            try keyed.encode(entry.unit, forKey: .unit)
            try keyed.encode(entry.latencyUS, forKey: .latencyUS)
        }
    }
}
