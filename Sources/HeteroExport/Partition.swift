import HeteroIR
import HeteroRecords
import HeteroSupport

/// A plan cut into subgraphs a runtime can execute: each subgraph is a maximal run of operators on
/// one unit, in that unit's execution order, that takes no input from another unit after its
/// first operator. Ordered by their first operator's start, the subgraphs can run one after
/// another (every input of a subgraph comes from a model input or an earlier subgraph); a runtime
/// can also run them concurrently, each once its `dependencies` have finished.
///
/// Execution order is the plan's: operators sorted by planned start, ties by graph order (which
/// is topological), so a consumer always comes after its producers.
public struct Partition: Sendable {
    public struct Subgraph: Sendable {
        public var index: Int
        public var unit: String
        /// Graph operator indices, in execution order.
        public var operators: [Int]
        /// Boundary tensors read: model inputs and other subgraphs' outputs, in first-use order.
        public var inputs: [Int]
        /// Boundary tensors written: read by another subgraph or a model output, in production order.
        public var outputs: [Int]
        /// Subgraphs producing this one's inputs, ascending.
        public var dependencies: [Int]

        /// `sg03_dla`: also the ONNX file's name, so characters other than letters, digits, `-`
        /// and `_` in the unit's name become `_`.
        public var name: String {
            let safe = String(unit.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
            return "sg\(index < 10 ? "0" : "")\(index)_\(safe)"
        }
    }

    public let graph: Graph
    public let subgraphs: [Subgraph]
    /// The subgraph of each operator.
    public let subgraphOf: [Int]
    /// The unit of each operator.
    public let unitOf: [String]

    /// Cuts `plan` (read from `file`) over `graph`.
    ///
    /// - Throws: `ExportError.planMismatch` naming every plan operator the graph lacks, placed
    ///   twice, and every graph operator the plan lacks.
    public init(plan: PlanDocument, file: String, graph: Graph, modelFile: String) throws(ExportError) {
        var problems: [Problem] = []
        var unit = [String?](repeating: nil, count: graph.operators.count)
        var start = [Double](repeating: 0, count: graph.operators.count)
        for (position, placed) in plan.operators.enumerated() {
            let path = JSONPath.root.appending("operators").appending(position)
            guard let op = graph.operatorIndex[placed.name] else {
                problems.append(Problem(path.appending("name"), "the model has no operator \"\(placed.name)\""))
                continue
            }
            guard unit[op] == nil else {
                problems.append(Problem(path.appending("name"), "operator \"\(placed.name)\" is placed twice"))
                continue
            }
            if !placed.type.isEmpty, placed.type != graph.operators[op].type {
                problems.append(Problem(path.appending("type"), "\"\(placed.name)\" is a \(placed.type) in the plan but a \(graph.operators[op].type) in the model"))
            }
            unit[op] = placed.unit
            start[op] = placed.startUS
        }
        let unplaced = unit.indices.filter { unit[$0] == nil }
        for op in unplaced.prefix(10) {
            problems.append(Problem(JSONPath.root.appending("operators"), "the model's operator \(graph.operators[op].label) is not in the plan"))
        }
        if unplaced.count > 10 {
            problems.append(Problem(JSONPath.root.appending("operators"), "\(unplaced.count - 10) more of the model's operators are not in the plan"))
        }
        guard problems.isEmpty else {
            // The first 20 say what is wrong; the count says how much.
            let shown = Array(problems.prefix(20))
            let rest = problems.count > 20 ? [Problem(JSONPath.root.appending("operators"), "and \(problems.count - 20) more problems")] : []
            throw .planMismatch(plan: file, model: modelFile, problems: shown + rest)
        }
        let units = unit.map { $0! }
        let order = graph.operators.indices.sorted { start[$0] != start[$1] ? start[$0] < start[$1] : $0 < $1 }

        var subgraphs: [Subgraph] = []
        var subgraphOf = [Int](repeating: -1, count: graph.operators.count)
        var open: [String: Int] = [:]
        for op in order {
            let crossUnit = graph.predecessors(of: op).contains { units[$0] != units[op] }
            if let current = open[units[op]], !crossUnit {
                subgraphs[current].operators.append(op)
                subgraphOf[op] = current
            } else {
                open[units[op]] = subgraphs.count
                subgraphOf[op] = subgraphs.count
                subgraphs.append(Subgraph(index: subgraphs.count, unit: units[op], operators: [op], inputs: [], outputs: [], dependencies: []))
            }
        }
        let modelOutputs = Set(graph.outputs.compactMap { graph.tensorIndex[$0] })
        for s in subgraphs.indices {
            var inputs: [Int] = [], seen = Set<Int>(), dependencies = Set<Int>(), outputs: [Int] = []
            for op in subgraphs[s].operators {
                for name in graph.operators[op].inputs where !name.isEmpty {
                    guard let tensor = graph.tensorIndex[name], graph.tensors[tensor].kind != .constant else { continue }
                    let producer = graph.producer[tensor]
                    if let producer, subgraphOf[producer] == s { continue }
                    if seen.insert(tensor).inserted { inputs.append(tensor) }
                    if let producer { dependencies.insert(subgraphOf[producer]) }
                }
                for name in graph.operators[op].outputs where !name.isEmpty {
                    guard let tensor = graph.tensorIndex[name] else { continue }
                    if modelOutputs.contains(tensor) || graph.consumers[tensor].contains(where: { subgraphOf[$0] != s }) {
                        outputs.append(tensor)
                    }
                }
            }
            subgraphs[s].inputs = inputs
            subgraphs[s].outputs = outputs
            subgraphs[s].dependencies = dependencies.sorted()
        }
        self.graph = graph
        self.subgraphs = subgraphs
        self.subgraphOf = subgraphOf
        self.unitOf = units
    }
}
