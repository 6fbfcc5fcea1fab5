import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// Each unit's queue in execution order, and the engine and register-group successors.
    mutating func buildQueues(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let n = s.n, unitCount = s.unitCount
        // Queues and the engine/register-group successors.
        let queues = plan.unitQueues(unitCount: unitCount)
        self.queues = queues
        var queueNext = [Int32](repeating: -1, count: n)
        var groupNext = [Int32](repeating: -1, count: n)
        var queuePosition = [Int32](repeating: 0, count: n)
        let groups = options.registerGroups
        let programmingTicks = SimTime(microseconds: options.programmingUS).ticks
        self.programmingTicks = programmingTicks
        for queue in queues {
            for (position, op) in queue.enumerated() {
                queuePosition[op] = Int32(position)
                if position + 1 < queue.count { queueNext[op] = Int32(queue[position + 1]) }
                if position + groups < queue.count { groupNext[op] = Int32(queue[position + groups]) }
                if position > 0 { s.count[op] += 1 }
                if position >= groups || programmingTicks > 0 { s.count[op] += 1 }
            }
        }
        self.queueNext = queueNext
        self.groupNext = groupNext
        self.queuePosition = queuePosition
    }
}
