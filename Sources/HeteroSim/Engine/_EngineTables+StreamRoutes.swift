import HeteroIR

extension _EngineTables {
    /// The least time `op` on `unit` takes for the stream-switch routes it sends or receives
    /// (`SimulationPlan.streamRoutes`): each route's bytes, as its source tile stores them,
    /// through one port of the tile's stream switch (one 32-bit word per cycle); 0 without routes.
    static func streamFloorUS(_ op: Int, on unit: Int, _ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan) -> Double {
        let costs = machine.costs
        guard unit < costs.streamSwitches.count, let ports = costs.streamSwitches[unit] else { return 0 }
        var floor = 0.0
        for route in plan.streamRoutes {
            let tensor = route.tensor
            let sends = graph.producer[tensor] == op && unit == route.source
            let receives = route.destinations.contains(unit) && graph.operators[op].inputs.contains(graph.tensors[tensor].name)
            guard sends || receives else { continue }
            floor = max(floor, Double(costs.storedBytes(graph.tensors[tensor], on: route.source)) / (ports.portBandwidthGBs * 1000))
        }
        return floor
    }
}
