import HeteroRecords

extension PlanDocument {
    /// Assembles the document from a strategy's result and the memory plan.
    public init(problem: PlanProblem, platformName: String, strategy: String, objective: PlanOptions.Objective,
                result: StrategyResult, memory: MemoryPlan, spills: [Decision] = []) {
        let graph = problem.graph
        let costs = problem.costs
        let schedule = result.schedule
        let makespan = schedule.makespanUS
        let bound = min(makespan, LowerBound.makespan(problem, solverBound: result.lowerBoundUS))
        var switches = 0
        for edge in problem.edges where schedule.operators[edge.producer].unit != schedule.operators[edge.consumer].unit { switches += 1 }
        let assignment = schedule.assignment
        var subgraphsOn = [Int](repeating: 0, count: costs.unitCount)
        for op in 0..<problem.operatorCount
        where costs.opensSubgraph(op, on: assignment[op], producers: problem.producers[op], unitOf: { assignment[$0] }) {
            subgraphsOn[assignment[op]] += 1
        }
        let subgraphs = subgraphsOn.reduce(0, +)
        var summary = Summary(makespanUS: makespan, lowerBoundUS: bound, gap: makespan > 0 ? (makespan - bound) / makespan : 0,
                              unitSwitches: switches, subgraphs: subgraphs, transfers: schedule.transfers.count,
                              transferBytes: schedule.transfers.reduce(0) { $0 + $1.bytes })
        summary.energyUJ = PlanMetrics.energyPJ(problem, schedule) / 1e6
        summary.intervalUS = PlanMetrics.intervalUS(problem, schedule.assignment)
        let units = (0..<costs.unitCount).map { unit in
            let mine = schedule.operators.filter { $0.unit == unit }
            let busy = mine.reduce(0.0) { $0 + ($1.finishUS - $1.startUS) }
            return Unit(name: costs.unitNames[unit], kind: costs.unitKinds[unit], memory: costs.memoryNames[costs.unitMemory[unit]],
                        busyUS: busy, busyPercent: makespan > 0 ? 100 * busy / makespan : 0, operators: mine.count,
                        subgraphs: subgraphsOn[unit],
                        weightMemory: unit < costs.unitWeightMemory.count ? costs.unitWeightMemory[unit].map { costs.memoryNames[$0] } : nil)
        }
        let operators = schedule.operators.enumerated().map { index, placed in
            PlacedOperator(name: graph.operators[index].name, type: graph.operators[index].type, unit: costs.unitNames[placed.unit],
                           startUS: placed.startUS, finishUS: placed.finishUS)
        }
        let transfers = schedule.transfers.map {
            Transfer(tensor: graph.tensors[$0.tensor].name, producer: graph.operators[$0.producer].name,
                     fromUnit: costs.unitNames[$0.fromUnit], toUnit: costs.unitNames[$0.toUnit], bytes: $0.bytes,
                     startUS: $0.startUS, finishUS: $0.finishUS)
        }
        let memories = memory.usage.map {
            Memory(name: costs.memoryNames[$0.memory], capacityBytes: $0.capacityBytes, peakBytes: $0.peakBytes, lowerBoundBytes: $0.lowerBoundBytes)
        }
        let buffers = memory.buffers.map {
            Buffer(tensor: graph.tensors[$0.tensor].name, memory: costs.memoryNames[$0.memory], offset: $0.offset, bytes: $0.bytes,
                   startUS: $0.startUS, endUS: $0.endUS)
        }
        let spillCopies = schedule.spills.map {
            SpillCopy(kind: $0.kind, tensor: graph.tensors[$0.tensor].name, fromMemory: costs.memoryNames[$0.fromMemory],
                      toMemory: costs.memoryNames[$0.toMemory], bytes: $0.bytes, startUS: $0.startUS, finishUS: $0.finishUS,
                      consumer: $0.consumer.map { graph.operators[$0].name }, producer: $0.producer.map { graph.operators[$0].name },
                      unit: $0.unit.map { costs.unitNames[$0] }, inputs: $0.inputs?.map { graph.tensors[$0].name })
        }
        self.init(model: graph.name, platform: platformName, strategy: strategy, objective: objective.rawValue, summary: summary,
                  units: units, operators: operators, transfers: transfers, memories: memories, buffers: buffers, spills: spills,
                  spillCopies: spillCopies, decisions: result.decisions, solver: result.solver)
        packing = ProgramPacking(costs)?.utilisation(problem, schedule, intervalUS: summary.intervalUS ?? 0)
        let reads = problem.multicastRecords(schedule)
        if !reads.isEmpty { multicasts = reads }
        let handOffs = problem.handOffRecords(schedule)
        if !handOffs.isEmpty { self.handOffs = handOffs }
        let windowed = problem.windowedRecords(schedule)
        if !windowed.isEmpty { windowedHandOffs = windowed }
        let routes = problem.streamRouteRecords(schedule)
        if !routes.isEmpty { streamRoutes = routes }
    }
}
