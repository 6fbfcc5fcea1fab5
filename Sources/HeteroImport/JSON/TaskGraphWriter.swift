import Foundation
import HeteroIR

/// Writes a graph of `Task` operators back as `hetero-plan/taskgraph@1` JSON, so generated
/// benchmark instances can be saved and re-run by anyone (`TaskGraphReader` reads it back).
public enum TaskGraphWriter {
    public static func json(_ graph: Graph, units: [String]) -> String {
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        }
        var lines = ["{", "  \"format\": \"\(ModelLoader.taskGraphFormat)\",", "  \"name\": \"\(graph.name)\",", "  \"tasks\": ["]
        for (index, op) in graph.operators.enumerated() {
            let costs = units.map { unit -> String in
                let value = op.explicitCostsUS?[unit] ?? nil
                return "\"\(unit)\": \(value.map(number) ?? "null")"
            }.joined(separator: ", ")
            lines.append("    {\"name\": \"\(op.name)\", \"cost_us\": {\(costs)}}" + (index + 1 < graph.operators.count ? "," : ""))
        }
        lines.append("  ],")
        lines.append("  \"edges\": [")
        var edges: [String] = []
        for (consumer, op) in graph.operators.enumerated() {
            for input in op.inputs {
                guard let tensor = graph.tensorIndex[input], let producer = graph.producer[tensor] else { continue }
                edges.append("    {\"from\": \"\(graph.operators[producer].name)\", \"to\": \"\(graph.operators[consumer].name)\", \"bytes\": \(graph.tensors[tensor].byteSize)}")
            }
        }
        lines.append(edges.joined(separator: ",\n"))
        lines.append("  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
