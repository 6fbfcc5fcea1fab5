import HeteroRecords

/// The plan's records of stream-switch routes (`StreamRoutes`).
extension PlanProblem {
    /// The routes of `schedule`'s problem as the plan lists them, in the order they were chosen.
    func streamRouteRecords(_ schedule: Schedule) -> [PlanDocument.StreamRoute] {
        routes.routes.compactMap { route in
            guard let producer = graph.producer[route.tensor], let memory = costs.residentMemory[route.source],
                  let origin = costs.streamSwitches[route.source] else { return nil }
            let targets = route.destinations.compactMap { costs.streamSwitches[$0] }.map { ($0.row, $0.column) }
            return PlanDocument.StreamRoute(
                tensor: graph.tensors[route.tensor].name, memory: costs.memoryNames[memory], producer: graph.operators[producer].name,
                sourceUnit: costs.unitNames[route.source], masterPort: route.masterPort, readers: route.readers.map { graph.operators[$0].name },
                destinationUnits: route.destinations.map { costs.unitNames[$0] }, slavePorts: route.slavePorts,
                receiveBufferBytes: route.receiveBufferBytes.max() ?? 0, bytes: route.bytes, portBandwidthGBs: origin.portBandwidthGBs,
                hops: Self.broadcastTreeLinks(from: (origin.row, origin.column), to: targets))
        }
    }

    /// The switch-to-switch links of the XY broadcast tree from `source` to `targets` on a mesh:
    /// each target's path goes along the source's row to its column, then along that column to
    /// its row; links shared by several paths count once.
    static func broadcastTreeLinks(from source: (row: Int, column: Int), to targets: [(row: Int, column: Int)]) -> Int {
        var links = Set<[Int]>()
        for target in targets {
            var (row, column) = source
            while column != target.column {
                let next = column + (target.column > column ? 1 : -1)
                links.insert([row, column, row, next])
                column = next
            }
            while row != target.row {
                let next = row + (target.row > row ? 1 : -1)
                links.insert([row, column, next, column])
                row = next
            }
        }
        return links.count
    }
}
