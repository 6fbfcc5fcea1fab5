import HeteroIR
import HeteroRecords

/// Chains of views contracted before a strategy searches, and put back after.
///
/// A view (`Graph.isAlias`: Identity, Reshape, Flatten, Squeeze, Unsqueeze, Dropout at
/// inference) is folded when it reads the output of another view and is free on every unit:
/// zero time, overhead, bytes and energy everywhere, in no fused composite, with no other
/// produced input and its output not a graph output. Its readers then read the nearest unfolded
/// view of its chain (the chain's head) instead, so a chain of 20,000 Identity nodes is searched as
/// one view. A view that costs anything on some unit (a Reshape a profile times as a layer) is
/// never folded, and a graph without a view of a view is searched as it is, unchanged.
///
/// After the search each folded view runs on its head's unit, right after it (zero time, so at
/// its head's finish), and the schedule is list-scheduled again on the whole problem in the
/// search's order (`ScheduleBuilder`), so every later stage (residency, memory planning and
/// spill, the simulator) sees a schedule of the real graph made by the real rules.
struct ViewFolding {
    let original: PlanProblem
    let folded: PlanProblem
    /// Original operator index of each operator of `folded`.
    let kept: [Int]
    /// For each folded operator (original index), the unfolded view it follows (original index).
    let head: [Int: Int]

    /// The folding of `problem`, or nil when it has no view to fold.
    static func fold(_ problem: PlanProblem) throws(PlanError) -> ViewFolding? {
        let graph = problem.graph
        var head: [Int: Int] = [:]
        // Output tensor of a folded view -> the tensor its readers read instead.
        var substitute: [String: String] = [:]
        for (index, op) in graph.operators.enumerated() where isFreeView(index, problem) {
            guard let source = graph.tensorIndex[op.inputs[0]], let producer = graph.producer[source],
                  isView(producer, graph) else { continue }
            head[index] = head[producer] ?? producer
            substitute[op.outputs[0]] = substitute[op.inputs[0]] ?? op.inputs[0]
        }
        guard !head.isEmpty else { return nil }
        var operators: [Operator] = []
        for (index, op) in graph.operators.enumerated() where head[index] == nil {
            var rewired = op
            rewired.inputs = op.inputs.map { substitute[$0] ?? $0 }
            operators.append(rewired)
        }
        // The folded views' outputs stay as tensors nothing produces or reads, so that tensor
        // indices (residency operands, evictions) mean the same in both problems.
        let contracted: Graph
        do {
            contracted = try Graph(name: graph.name, tensors: graph.tensors, operators: operators, inputs: graph.inputs, outputs: graph.outputs)
        } catch {
            throw .internalInconsistency("folding views made an invalid graph: \(error)")
        }
        let kept = contracted.operators.map { graph.operatorIndex[$0.name]! }
        var tensorSubstitute: [Int: Int] = [:]
        for (output, replacement) in substitute { tensorSubstitute[graph.tensorIndex[output]!] = graph.tensorIndex[replacement]! }
        var search = try PlanProblem(graph: contracted, costs: problem.costs.keeping(kept, tensorSubstitute: tensorSubstitute))
        search.evicted = problem.evicted
        return ViewFolding(original: problem, folded: search, kept: kept, head: head)
    }

    /// Whether `op` is a view whose output is an alias of its input (`Graph.isAlias`).
    static func isView(_ op: Int, _ graph: Graph) -> Bool {
        guard let output = graph.operators[op].outputs.first, let tensor = graph.tensorIndex[output] else { return false }
        return graph.isAlias(tensor) && graph.producer[tensor] == op
    }

    /// Whether `op` is a view that costs nothing anywhere and can be folded into its source.
    static func isFreeView(_ op: Int, _ problem: PlanProblem) -> Bool {
        let graph = problem.graph
        let costs = problem.costs
        let node = graph.operators[op]
        guard isView(op, graph), node.outputs.filter({ !$0.isEmpty }).count == 1,
              !problem.isOutput[graph.tensorIndex[node.outputs[0]]!],
              node.inputs.dropFirst().allSatisfy({ $0.isEmpty || graph.producer[graph.tensorIndex[$0]!] == nil }),
              costs.compositeOf.isEmpty || costs.compositeOf[op] == nil else { return false }
        for unit in 0..<problem.unitCount {
            guard costs.execUS[op][unit] == 0,
                  costs.energyPJ[op][unit] ?? 0 == 0,
                  costs.overheadUS.isEmpty || costs.overheadUS[op][unit] == 0,
                  costs.memoryBytes.isEmpty || costs.memoryBytes[op][unit] == 0,
                  costs.fusedExecUS.isEmpty || costs.fusedExecUS[op][unit] == nil,
                  costs.residency.isEmpty || costs.residency[op][unit] == nil else { return false }
        }
        return true
    }

    /// The search's result on `folded` as a result on `original`: the folded views put back after
    /// their heads and the whole list-scheduled again.
    func restore(_ result: StrategyResult, objective: PlanOptions.Objective) -> StrategyResult {
        let searched = result.schedule
        var assignment = [Int](repeating: -1, count: original.operatorCount)
        for (index, op) in kept.enumerated() { assignment[op] = searched.operators[index].unit }
        var followers: [Int: [Int]] = [:]
        for op in 0..<original.operatorCount {
            guard let head = head[op] else { continue }
            assignment[op] = assignment[head]
            followers[head, default: []].append(op)
        }
        // The search's order (by start, then finish, then index), each head followed by its chain.
        let order = kept.indices.sorted {
            let a = searched.operators[$0], b = searched.operators[$1]
            return (a.startUS, a.finishUS, $0) < (b.startUS, b.finishUS, $1)
        }
        var priority: [Int] = []
        priority.reserveCapacity(original.operatorCount)
        for index in order {
            priority.append(kept[index])
            priority += followers[kept[index]] ?? []
        }
        // In the search's start order without insertion every operator starts no later than it
        // did in the search (its inputs and its unit are ready by then), so this build is as
        // good as the search's in O((V + E) log V); the insertion build, quadratic in the
        // operators of a unit, is tried only when contention or residency made it worse.
        let searchedScore = ObjectiveScore(problem: folded, objective: objective, reference: searched).score(searched)
        let appended = ScheduleBuilder(problem: original, insertion: false).build(assignment: assignment, priority: priority)
        let score = ObjectiveScore(problem: original, objective: objective, reference: appended)
        var restored = result
        restored.schedule = appended
        if score.score(appended) > searchedScore + 1e-9 {
            let inserted = ScheduleBuilder(problem: original, insertion: true).build(assignment: assignment, priority: priority)
            if score.score(inserted) < score.score(appended) { restored.schedule = inserted }
        }
        restored.decisions.append(Decision(kind: .strategy, subject: "views", reason: String(
            format: "folded %d views of views (free on every unit) into %d chain heads for the search: %d of %d operators searched; each put back right after its head",
            head.count, Set(head.values).count, kept.count, original.operatorCount)))
        return restored
    }

    /// The same folding for the problem with other evictions (`PlanProblem.evicted`): which views
    /// fold depends only on the graph and the costs, so a pipeline folds once and reuses it for
    /// every residency it searches.
    func evicting(_ evicted: [Bool]) -> ViewFolding {
        var original = original
        var folded = folded
        original.evicted = evicted
        folded.evicted = evicted
        return ViewFolding(original: original, folded: folded, kept: kept, head: head)
    }

    /// `strategy`'s plan for `problem`, searched with its views of views folded; the baseline
    /// schedules it hands back (`StrategyResult.baselines`) are put back on the whole graph too.
    static func schedule(_ strategy: any PlanningStrategy, _ problem: PlanProblem, options: PlanOptions) throws -> StrategyResult {
        try schedule(strategy, problem, folding: fold(problem), options: options)
    }

    /// `schedule` with the folding already made (`fold(problem)`, nil when nothing folds).
    static func schedule(_ strategy: any PlanningStrategy, _ problem: PlanProblem, folding: ViewFolding?,
                         options: PlanOptions) throws -> StrategyResult {
        guard let folding else { return try strategy.schedule(problem, options: options) }
        let searched = try strategy.schedule(folding.folded, options: options)
        var restored = folding.restore(searched, objective: options.objective)
        restored.baselines = searched.baselines.mapValues {
            folding.restore(StrategyResult(schedule: $0), objective: options.objective).schedule
        }
        return restored
    }
}
