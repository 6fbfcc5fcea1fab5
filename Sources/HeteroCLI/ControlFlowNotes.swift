import HeteroIR

/// What `plan --explain` says of the control-flow composites the importer made: which branch an
/// `If` with a run-time condition is costed as and why, and how many iterations a `Loop` or
/// `Scan` is costed for.
enum ControlFlowNotes {
    static func lines(_ graph: Graph) -> [String] {
        graph.operators.compactMap { op in
            if let branch = op.attributes["costed_branch"]?.stringValue {
                let figures = op.attributes["branch_work"]?.stringValue.map { " (\($0))" } ?? ""
                return "[control flow] \(op.label): its condition is known only at run time, so it is costed as \(branch), "
                    + "the more expensive branch (most MACs, then operations, then bytes)\(figures)"
            }
            if let trips = op.attributes["trip_count"]?.intValue, op.type == "Loop" || op.type == "Scan" {
                return "[control flow] \(op.label): costed as \(trips) iterations of its body"
            }
            return nil
        }
    }
}
