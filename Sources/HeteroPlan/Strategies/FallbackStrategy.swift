import HeteroRecords

/// OpenVINO HETERO / ONNX Runtime style: walk a device priority list and give each operator to
/// the first unit that supports it, regardless of cost. Default priority: NPU, DLA, GPU, DSP, CPU.
public struct FallbackStrategy: PlanningStrategy {
    public let name = "fallback"
    static let kindPriority = ["npu", "dla", "gpu", "dsp", "cpu"]

    public init() {}

    public func schedule(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> StrategyResult {
        let order = try priorityOrder(problem, options: options)
        var assignment: [Int] = []
        var decisions: [Decision] = []
        for op in 0..<problem.operatorCount {
            let unit = order.first { problem.exec(op, $0) != nil }!
            if unit != order[0] {
                decisions.append(Decision(kind: .operatorSpill, subject: problem.graph.operators[op].label,
                                          reason: "\(problem.costs.unitNames[order[0]]) cannot run it (\(problem.costs.reasons[op][order[0]] ?? "unsupported")); first capable unit in priority order is \(problem.costs.unitNames[unit])"))
            }
            assignment.append(unit)
        }
        let priority = Ranks.order(byDecreasing: Ranks.upward(problem))
        return StrategyResult(schedule: ScheduleBuilder(problem: problem).build(assignment: assignment, priority: priority),
                              decisions: decisions)
    }

    func priorityOrder(_ problem: PlanProblem, options: PlanOptions) throws(PlanError) -> [Int] {
        let names = problem.costs.unitNames
        if let explicit = options.fallbackPriority {
            var order: [Int] = []
            for name in explicit {
                guard let index = names.firstIndex(of: name) else { throw .unknownUnit(name, known: names) }
                order.append(index)
            }
            // Units not listed come last, in platform order, so every operator has a candidate.
            return order + names.indices.filter { !order.contains($0) }
        }
        let kinds = problem.costs.unitKinds
        return names.indices.sorted { a, b in
            let ra = Self.kindPriority.firstIndex(of: kinds[a]) ?? Self.kindPriority.count
            let rb = Self.kindPriority.firstIndex(of: kinds[b]) ?? Self.kindPriority.count
            return ra != rb ? ra < rb : a < b
        }
    }
}
