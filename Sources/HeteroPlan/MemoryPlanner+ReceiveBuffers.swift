import HeteroRecords

/// The receive buffers of stream-switch routes (`StreamRoutes`) in the memory plan.
extension MemoryPlanner {
    /// Per route and destination tile, the ping-pong receive buffer (two windows, the route's
    /// `receiveBufferBytes` for that tile) in the destination's tile memory, where its readers
    /// read the tensor: live from the producer's start (the route delivers windows as the
    /// producer writes them) until the last reader on that tile has read it (`readEnd`). Offsets
    /// are placed with the memory's other buffers.
    static func receiveBuffers(_ problem: PlanProblem, _ schedule: Schedule, readEnd: (Int) -> Double) -> [MemoryPlan.Buffer] {
        let costs = problem.costs
        var buffers: [MemoryPlan.Buffer] = []
        for route in problem.routes.routes {
            guard let producer = problem.graph.producer[route.tensor] else { continue }
            let start = schedule.operators[producer].startUS
            for (unit, bytes) in zip(route.destinations, route.receiveBufferBytes) {
                guard let memory = costs.residentMemory[unit] else { continue }
                let readers = zip(route.readers, route.readerUnits).filter { $0.1 == unit }.map(\.0)
                let end = readers.map(readEnd).max() ?? schedule.operators[producer].finishUS
                buffers.append(MemoryPlan.Buffer(tensor: route.tensor, memory: memory, offset: 0, bytes: bytes, startUS: start, endUS: end))
            }
        }
        return buffers
    }
}
