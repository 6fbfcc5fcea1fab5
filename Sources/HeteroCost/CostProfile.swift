import HeteroSupport

/// Measured latencies that replace the analytic model where present (`hetero-plan/profile@1`):
///
/// ```json
/// {"format": "hetero-plan/profile@1",
///  "entries": [
///    {"operator": "conv1", "unit": "npu", "latency_us": 41.5},
///    {"type": "Conv", "input_shapes": [[1, 64, 56, 56]], "unit": "dsp", "latency_us": 880}
///  ]}
/// ```
/// An entry names one operator, or an operator type with (optionally) its input shapes; a
/// by-name entry wins over a by-type one.
public struct CostProfile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var operatorName: String?
        public var operatorType: String?
        public var inputShapes: [[Int]]?
        public var unit: String
        public var latencyUS: Double
    }

    public static let format = "hetero-plan/profile@1"
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads and validates a profile file; every problem is reported with its JSON path.
    public static func load(path: String, unitNames: Set<String>) throws(InputError) -> CostProfile {
        let document = try TextFile.readJSON(path)
        let problems = ProblemCollector()
        var entries: [Entry] = []
        if let root = JSONObjectReader.make(document, at: .root, problems: problems) {
            if let format = root.string("format"), format != Self.format {
                problems.report(JSONPath.root.appending("format"), "expected \"\(Self.format)\", found \"\(format)\"")
            }
            var seen: [String: JSONPath] = [:]
            for (value, path) in root.array("entries") ?? [] {
                guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { continue }
                let name = reader.name("operator", required: false)
                let type = reader.name("type", required: false)
                var shapes: [[Int]]?
                if let list = reader.array("input_shapes", required: false) {
                    shapes = []
                    for (shapeValue, shapePath) in list {
                        guard case .array(let dims) = shapeValue else {
                            problems.report(shapePath, "expected an array of dimensions, found \(shapeValue.kindName)")
                            continue
                        }
                        var shape: [Int] = []
                        for (index, dim) in dims.enumerated() {
                            if let number = JSONObjectReader.number(dim, at: shapePath.appending(index), .nonNegative, problems: problems) {
                                shape.append(Int(number))
                            }
                        }
                        shapes?.append(shape)
                    }
                }
                let unit = reader.name("unit")
                let latency = reader.number("latency_us", .nonNegative)
                reader.rejectUnknownKeys()
                if name == nil && type == nil {
                    problems.report(path, "an entry needs \"operator\" (a name) or \"type\"")
                }
                if name != nil && (type != nil || shapes != nil) {
                    problems.report(path, "give either \"operator\" or \"type\"/\"input_shapes\", not both")
                }
                if let unit, !unitNames.contains(unit) {
                    problems.report(path.appending("unit"), "unknown unit \"\(unit)\" (units: \(unitNames.sorted().joined(separator: ", ")))")
                }
                guard let unit, let latency else { continue }
                let key = "\(name ?? "")|\(type ?? "")|\(shapes.map { "\($0)" } ?? "")|\(unit)"
                if let first = seen[key] {
                    problems.report(path, "duplicates the entry at \(first)")
                    continue
                }
                seen[key] = path
                entries.append(Entry(operatorName: name, operatorType: type, inputShapes: shapes, unit: unit, latencyUS: latency))
            }
            root.rejectUnknownKeys(allowed: ["$schema"])
        }
        guard problems.isEmpty else { throw .invalid(file: path, what: "profile", problems: problems.problems) }
        return CostProfile(entries: entries)
    }
}
