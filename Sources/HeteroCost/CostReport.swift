import HeteroIR
import HeteroPlatform

/// A cost evaluation as `hetero-plan cost` shows it: per operator and unit the time, the bound
/// that dominates, energy and where the figure came from, or why the operator cannot run there.
/// `+Document` is its JSON format (`hetero-plan/costs@1`); the CLI renders `+Table` (text),
/// `+CSV` and `+Summary` (`--summary`);
/// `+Sources` says which costs were measured and which modelled.
public struct CostReport {
    public let graph: Graph
    public let platform: Platform
    public let result: CostEngine.Result

    public init(graph: Graph, platform: Platform, result: CostEngine.Result) {
        self.graph = graph
        self.platform = platform
        self.result = result
    }

    /// One (operator, unit) pair.
    public struct Entry: Encodable {
        public let operatorName: String
        public let type: String
        public let unit: String
        public let timeUS: Double?
        public let bound: String?
        public let computeUS: Double
        public let memoryUS: Double
        public let overheadUS: Double
        public let energyPJ: Double?
        public let tiles: Int
        public let fusedIn: String?
        public let fusedTimeUS: Double?
        public let provider: String
        public let reason: String?

        enum CodingKeys: String, CodingKey {
            case type, unit, bound, tiles, provider, reason
            case operatorName = "operator"
            case timeUS = "time_us"
            case computeUS = "compute_us"
            case memoryUS = "memory_us"
            case overheadUS = "overhead_us"
            case energyPJ = "energy_pj"
            case fusedIn = "fused_in"
            case fusedTimeUS = "fused_time_us"
        }
    }

    /// Every (operator, unit) pair, operators in graph order, units in platform order.
    public func entries() -> [Entry] {
        var entries: [Entry] = []
        for (index, op) in graph.operators.enumerated() {
            for (unitIndex, unit) in platform.units.enumerated() {
                let cost = result.details[index][unitIndex]
                let fused = result.table.fusedExecUS.isEmpty ? nil : result.table.fusedExecUS[index][unitIndex]
                entries.append(Entry(operatorName: op.name, type: op.type, unit: unit.name, timeUS: cost.timeUS,
                                     bound: cost.bound?.rawValue, computeUS: cost.computeUS, memoryUS: cost.memoryUS,
                                     overheadUS: cost.overheadUS, energyPJ: cost.canRun ? cost.energyPJ : nil, tiles: cost.tiles,
                                     fusedIn: fused == nil ? nil : compositeLabel(of: index), fusedTimeUS: fused,
                                     provider: result.providers[index][unitIndex], reason: cost.reason))
            }
        }
        return entries
    }

    /// The operator types of the composite holding `op` (`Conv > BatchNormalization > Relu`).
    public func compositeLabel(of op: Int) -> String? {
        result.composites.first { $0.contains(op) }.map { $0.map { graph.operators[$0].type }.joined(separator: " > ") }
    }
}
