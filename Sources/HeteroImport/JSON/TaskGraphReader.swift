import HeteroIR
import HeteroSupport

/// Reads the task-graph interchange format (`hetero-plan/taskgraph@1`, see classic-model.md):
/// tasks with measured costs per unit and edges with byte counts. Each task becomes an operator
/// of type `Task` with explicit costs; each edge becomes a shapeless tensor of its byte size,
/// produced by the edge's source and read by its target.
struct TaskGraphReader {
    let file: String

    func read(_ document: JSONValue) throws(ImportError) -> Graph {
        let problems = ProblemCollector()
        guard let root = JSONObjectReader.make(document, at: .root, problems: problems) else {
            throw .document(.invalid(file: file, what: "task graph", problems: problems.problems))
        }
        _ = root.string("format")
        let name = root.string("name", required: false) ?? "taskgraph"
        _ = root.value("$schema", required: false)

        var operators: [Operator] = []
        var taskPath: [String: JSONPath] = [:]
        for (value, path) in root.array("tasks") ?? [] {
            guard let task = JSONObjectReader.make(value, at: path, problems: problems) else { continue }
            let taskName = task.name("name")
            var costs: [String: Double?] = [:]
            if let costReader = task.object("cost_us") {
                for unit in costReader.keys {
                    guard let raw = costReader.value(unit) else { continue }
                    if raw == .null { costs[unit] = .some(nil); continue }
                    if let cost = JSONObjectReader.number(raw, at: costReader.path.appending(unit), .nonNegative, problems: problems) {
                        costs[unit] = cost
                    }
                }
                if costReader.keys.isEmpty || (costs.count == costReader.keys.count && costs.values.allSatisfy { $0 == nil }) {
                    problems.report(costReader.path, "no unit can run task \"\(taskName ?? "?")\": every cost is null or missing")
                }
            }
            task.rejectUnknownKeys()
            guard let taskName else { continue }
            if let first = taskPath[taskName] {
                problems.report(path.appending("name"), "duplicate task name \"\(taskName)\" (first at \(first))")
                continue
            }
            taskPath[taskName] = path
            operators.append(Operator(name: taskName, type: "Task", inputs: [], outputs: [], explicitCostsUS: costs))
        }
        if operators.isEmpty && problems.isEmpty {
            problems.report(JSONPath.root.appending("tasks"), "must list at least one task")
        }

        var tensors: [Tensor] = []
        var seenEdges: [String: JSONPath] = [:]
        let index = Dictionary(uniqueKeysWithValues: operators.enumerated().map { ($1.name, $0) })
        for (value, path) in root.array("edges", required: false) ?? [] {
            guard let edge = JSONObjectReader.make(value, at: path, problems: problems) else { continue }
            let from = edge.name("from")
            let to = edge.name("to")
            let bytes = edge.number("bytes", .nonNegative)
            edge.rejectUnknownKeys()
            guard let from, let to, let bytes else { continue }
            guard bytes <= Double(SizeLimit.maximum) else {
                problems.report(path.appending("bytes"), "\(bytes) bytes is more than the 2^53 a tensor may hold")
                continue
            }
            guard let source = index[from] else {
                problems.report(path.appending("from"), "unknown task \"\(from)\"")
                continue
            }
            guard let target = index[to] else {
                problems.report(path.appending("to"), "unknown task \"\(to)\"")
                continue
            }
            if from == to {
                problems.report(path, "edge from \"\(from)\" to itself")
                continue
            }
            let tensorName = "\(from)->\(to)"
            if let first = seenEdges[tensorName] {
                problems.report(path, "duplicate edge \"\(from)\" -> \"\(to)\" (first at \(first))")
                continue
            }
            seenEdges[tensorName] = path
            tensors.append(Tensor(name: tensorName, byteSize: Int(bytes.rounded(.up)), kind: .activation))
            operators[source].outputs.append(tensorName)
            operators[target].inputs.append(tensorName)
        }
        root.rejectUnknownKeys()
        guard problems.isEmpty else {
            throw .document(.invalid(file: file, what: "task graph", problems: problems.problems))
        }
        // Bytes moved are the only work figures a task graph gives.
        let edgeBytes = Dictionary(uniqueKeysWithValues: tensors.map { ($0.name, $0.byteSize) })
        for position in operators.indices {
            guard let read = SizeLimit.sum(operators[position].inputs.map { edgeBytes[$0]! }),
                  let written = SizeLimit.sum(operators[position].outputs.map { edgeBytes[$0]! }) else {
                throw .graph(file: file, .sizeOverflow(what: "the bytes task \"\(operators[position].name)\" reads or writes"))
            }
            operators[position].work = Work(activationBytesRead: read, bytesWritten: written)
        }
        do {
            return try Graph(name: name, tensors: tensors, operators: operators, inputs: [], outputs: [])
        } catch {
            if case .cycle(let names) = error {
                throw .document(.invalid(file: file, what: "task graph", problems: [
                    Problem(JSONPath.root.appending("edges"), "the edges form a cycle: " + names.map { "\"\($0)\"" }.joined(separator: " -> ")),
                ]))
            }
            throw .graph(file: file, error)
        }
    }
}
