import HeteroIR

extension Partition {
    /// The partitioned graph in Graphviz DOT: a cluster per subgraph (its unit and order), a node
    /// per operator, model inputs and outputs as ellipses, and every activation edge; edges
    /// crossing subgraphs are bold and labelled with the tensor and its bytes.
    public func dot() -> String {
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        func node(_ op: Int) -> String { quoted("op:" + graph.operators[op].name) }
        var lines = ["digraph \(quoted(graph.name)) {", "  rankdir=TB;", "  node [shape=box, style=filled, fillcolor=white];"]
        for subgraph in subgraphs {
            lines.append("  subgraph \(quoted("cluster_\(subgraph.name)")) {")
            lines.append("    label=\(quoted("\(subgraph.name): \(subgraph.unit), #\(subgraph.index)"));")
            for op in subgraph.operators {
                lines.append("    \(node(op)) [label=\(quoted("\(graph.operators[op].type)\n\(graph.operators[op].name)"))];")
            }
            lines.append("  }")
        }
        for name in graph.inputs { lines.append("  \(quoted("in:" + name)) [shape=ellipse, label=\(quoted(name))];") }
        for name in graph.outputs { lines.append("  \(quoted("out:" + name)) [shape=ellipse, label=\(quoted(name))];") }
        for (op, description) in graph.operators.enumerated() {
            for name in description.inputs where !name.isEmpty {
                guard let tensor = graph.tensorIndex[name] else { continue }
                if let producer = graph.producer[tensor] {
                    let crossing = subgraphOf[producer] != subgraphOf[op]
                    let style = crossing ? " [style=bold, label=\(quoted("\(name) (\(graph.tensors[tensor].byteSize) B)"))]" : ""
                    lines.append("  \(node(producer)) -> \(node(op))\(style);")
                } else if graph.tensors[tensor].kind == .input {
                    lines.append("  \(quoted("in:" + name)) -> \(node(op));")
                }
            }
        }
        for name in graph.outputs {
            if let tensor = graph.tensorIndex[name], let producer = graph.producer[tensor] {
                lines.append("  \(node(producer)) -> \(quoted("out:" + name));")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
