/// Measured latencies that replace the analytic model where present (`hetero-plan/profile@1`):
///
/// ```json
/// {"format": "hetero-plan/profile@1",
///  "entries": [
///    {"operator": "conv1", "unit": "npu", "latency_us": 41.5},
///    {"type": "Conv", "input_shapes": [[1, 64, 56, 56]], "unit": "dsp", "latency_us": 880},
///    {"type": "Softmax", "unit": "cpu", "latency_us": 12}
///  ]}
/// ```
/// An entry names one operator, or an operator type with (optionally) the shapes of its
/// non-constant inputs; a by-name entry wins over a by-type one, and a by-type entry with shapes
/// over one without. Read one with `CostProfile.load(path:platform:graph:)`.
public struct CostProfile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var operatorName: String?
        public var operatorType: String?
        public var inputShapes: [[Int]]?
        public var unit: String
        public var latencyUS: Double

        public init(operatorName: String? = nil, operatorType: String? = nil, inputShapes: [[Int]]? = nil,
                    unit: String, latencyUS: Double) {
            self.operatorName = operatorName
            self.operatorType = operatorType
            self.inputShapes = inputShapes
            self.unit = unit
            self.latencyUS = latencyUS
        }
    }

    /// The versioned format header of profile files.
    public static let format = "hetero-plan/profile@1"
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }
}
