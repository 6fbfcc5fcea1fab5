import HeteroIR
import HeteroSupport

/// Converts a profiler's per-node timings into a `CostProfile` (`hetero-plan/profile@1`) for one
/// unit, matched to a model's operators by name.
///
/// Readers: ONNX Runtime's profiler JSON (`SessionOptions.enable_profiling`: a Chrome trace-event
/// array whose `cat: "Node"` events named `<node>_kernel_time` carry the kernel's `dur` in
/// microseconds; `ProfileImport+ONNXRuntime.swift`) and OpenVINO `benchmark_app -report_type
/// detailed_counters` CSV (`layerName;execStatus;layerType;execType;realTime (ms);cpuTime (ms)`
/// blocks, one per infer request, whose layers are matched to operators through OpenVINO's renaming
/// and fusion; `ProfileImport+OpenVINO.swift`). A node measured several times
/// (several runs or requests) gets the mean of its measurements. Each measured node that names an
/// operator of the graph becomes a by-name entry; the others are listed in `unmatchedNodes`, and
/// the graph's operators without a measurement in `unmeasuredOperators` (both in a stable order).
public struct ProfileImport: Sendable, Equatable {
    /// The profiler a file comes from.
    public enum Format: String, CaseIterable, Sendable {
        case ort
        case openvino
    }

    /// The longest measurement accepted, in microseconds (about 11.6 days): no kernel runs that
    /// long, and a bound keeps every mean finite (a file of 10^308 ms times would overflow it).
    public static let maximumLatencyUS = 1e12

    /// One node's measurements in file order, in microseconds.
    public struct Timings: Sendable, Equatable {
        public var node: String
        public var latenciesUS: [Double]
    }

    /// By-name entries for `unit`, in the graph's operator order.
    public var profile: CostProfile
    /// How many measurements each entry averages, parallel to `profile.entries`.
    public var measurementCounts: [Int]
    /// Measured nodes that are not operators of the graph, in file order.
    public var unmatchedNodes: [String]
    /// Operators of the graph that no measurement names, in graph order.
    public var unmeasuredOperators: [String]
    /// OpenVINO layers matched to an operator of another name (`conv1/WithoutBiases` -> `conv1`, a
    /// layer named after an output tensor -> its producer), sorted by layer; empty for ONNX Runtime.
    public var renamedLayers: [String: String] = [:]
    /// Operators OpenVINO reported only as NOT_RUN (fused into another layer or optimised out),
    /// measured at 0 µs, in graph order; empty for ONNX Runtime.
    public var notRunOperators: [String] = []

    /// Reads `file` in `format` and matches its nodes to `graph`'s operators.
    ///
    /// - Throws: `InputError` (unreadable file, JSON syntax, an event without a usable name or
    ///   duration, with its JSON path) or `ProfileImportError` (a malformed CSV line, no timings).
    /// - Complexity: O(N + V) for N measurements and V operators.
    public static func read(file: String, format: Format, unit: String, graph: Graph) throws -> ProfileImport {
        switch format {
        case .ort:
            return match(try onnxRuntimeTimings(TextFile.readJSON(file), file: file), unit: unit, graph: graph)
        case .openvino:
            let found = try openVINOTimings(TextFile.read(file), file: file, graph: graph)
            var imported = match(found.timings, unit: unit, graph: graph)
            imported.renamedLayers = found.renamed
            imported.notRunOperators = found.notRun
            return imported
        }
    }

    /// Averages `timings` per node and matches them to `graph`'s operators by name.
    public static func match(_ timings: [Timings], unit: String, graph: Graph) -> ProfileImport {
        var byNode: [String: [Double]] = [:]
        var unmatched: [String] = []
        var seenUnmatched = Set<String>()
        for timing in timings {
            if graph.operatorIndex[timing.node] == nil {
                if seenUnmatched.insert(timing.node).inserted { unmatched.append(timing.node) }
                continue
            }
            byNode[timing.node, default: []].append(contentsOf: timing.latenciesUS)
        }
        var entries: [CostProfile.Entry] = []
        var counts: [Int] = []
        var unmeasured: [String] = []
        for op in graph.operators {
            guard let values = byNode[op.name], !values.isEmpty else {
                unmeasured.append(op.name)
                continue
            }
            entries.append(CostProfile.Entry(operatorName: op.name, unit: unit, latencyUS: values.reduce(0, +) / Double(values.count)))
            counts.append(values.count)
        }
        return ProfileImport(profile: CostProfile(entries: entries), measurementCounts: counts, unmatchedNodes: unmatched,
                             unmeasuredOperators: unmeasured)
    }
}
