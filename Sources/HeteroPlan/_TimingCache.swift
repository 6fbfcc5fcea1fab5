/// Every operator's timing on its unit (`PlanProblem.timings`) under the last assignment a
/// refiner evaluated, brought up to date for the next one by timing again only the operators
/// whose timing the moved operators can change. The throughput score reads every operator's
/// timing per evaluation; a local-search move changes a few units, so on an array of hundreds of
/// tiles most of those timings are the ones of the previous evaluation.
///
/// `PlanProblem.timing` of an operator on its unit reads the units of: its composite's members
/// (fusion); the producer and readers of every tensor in its own or its chain's residency
/// operands (`isResident`), which are inputs and outputs of it or of its chain's members; and
/// its producers (submission). So when an operator moves, the operators timed again are it,
/// the producers and readers of the tensors it reads and writes, and the composites of all of
/// them. Everything else `timing` reads is fixed for a problem. The timings are exactly those a
/// fresh computation gives, so scores and plans are unchanged.
struct _TimingCache {
    /// The assignment `timings` belong to (empty: none yet).
    private var assignment: [Int] = []
    private var timings: [OperatorTiming?] = []
    /// `mark[op] == generation`: `op` is already listed to be timed again in this update.
    private var mark: [Int] = []
    private var generation = 0

    /// The timings under `assignment`, of the same problem as every earlier call.
    mutating func timings(_ problem: PlanProblem, _ assignment: [Int]) -> [OperatorTiming?] {
        let count = problem.operatorCount
        guard self.assignment.count == count else { return refreshAll(problem, assignment) }
        var moved: [Int] = []
        for op in 0..<count where assignment[op] != self.assignment[op] {
            moved.append(op)
            // Many moved operators (another start, a relinking step): time them all.
            if moved.count > count / 16 { return refreshAll(problem, assignment) }
        }
        guard !moved.isEmpty else { return timings }
        generation += 1
        var affected: [Int] = []
        let compositeOf = problem.costs.compositeOf
        func add(_ op: Int) {
            guard mark[op] != generation else { return }
            mark[op] = generation
            affected.append(op)
            if !compositeOf.isEmpty, let composite = compositeOf[op] {
                for member in problem.costs.composites[composite] where mark[member] != generation {
                    mark[member] = generation
                    affected.append(member)
                }
            }
        }
        for op in moved {
            add(op)
            for index in problem.incomingStart[op]..<problem.incomingStart[op &+ 1] {
                let edge = problem.incomingEdges[index]
                add(edge.producer)
                for reader in problem.graph.consumers[edge.tensor] { add(reader) }
            }
            for edge in problem.outgoing[op] {
                for reader in problem.graph.consumers[edge.tensor] { add(reader) }
            }
        }
        for op in affected { timings[op] = problem.timing(op, assignment[op], assignment) }
        self.assignment = assignment
        return timings
    }

    private mutating func refreshAll(_ problem: PlanProblem, _ assignment: [Int]) -> [OperatorTiming?] {
        timings = problem.timings(assignment)
        self.assignment = assignment
        if mark.count != problem.operatorCount { mark = Array(repeating: 0, count: problem.operatorCount) }
        return timings
    }
}
