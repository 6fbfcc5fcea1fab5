import HeteroRecords

extension PlanTable {
    /// The plan's stream-switch routes (`stream_routes`): one line per route, the first ten
    /// unless `explain`; nothing when there is none.
    static func streamRouteLines(_ plan: PlanDocument, explain: Bool) -> [String] {
        guard let routes = plan.streamRoutes, !routes.isEmpty else { return [] }
        let bytes = routes.reduce(0) { $0 + $1.bytes }
        var lines = ["", "stream routes (activations broadcast from the producer's tile over the stream switches to distant readers' tiles, "
                     + "one master port there and one slave port per destination; \(routes.count) keep \(Quantity.bytes(bytes)) out of DRAM):"]
        let table = TextTable(headers: ["tensor", "source unit", "port", "destination units (slave port)", "hops", "bytes", "receive buffer"],
                              alignRight: [false, false, true, false, true, true, true])
        let shown = explain ? routes[...] : routes.prefix(10)
        lines.append(table.render(shown.map { route in
            [route.tensor, route.sourceUnit, String(route.masterPort),
             zip(route.destinationUnits, route.slavePorts).map { "\($0) (\($1))" }.joined(separator: " "), String(route.hops),
             Quantity.bytes(route.bytes), Quantity.bytes(route.receiveBufferBytes)]
        }))
        if !explain && routes.count > 10 { lines.append("  ... and \(routes.count - 10) more stream routes (--explain lists them)") }
        return lines
    }
}
