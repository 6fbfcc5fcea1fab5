import HeteroPlatform

extension _Engine {
    /// Before anything runs: every stream-switch route the plan lists (`RouteDelivery`) must be
    /// one the array can make (AM009, AXI4-Stream switch broadcast): its source is the tile of
    /// its tensor's producer, that tile and every destination have a stream switch in one array
    /// (where the mesh reaches every tile), every destination runs a reader of the tensor, no
    /// port is named that the tile does not have or that another route already takes (one master
    /// port on the source, one slave port per destination), the route's bytes pass its ports
    /// within the plan's interval, and every destination has a receive buffer of the tensor in
    /// its tile memory in the memory plan that holds two windows by the simulator's own window
    /// rule (`WindowedDelivery.requiredBytes`). The producer writes those buffers and the
    /// destination's readers read them (`_EngineTables.buildAccesses`), so whether they fit their
    /// memory and overlap no live buffer is checked as for any buffer. Checked in plan order.
    func checkStreamRoutes() throws(SimulationViolation) {
        guard !plan.streamRoutes.isEmpty else { return }
        let costs = machine.costs
        func streamSwitch(_ unit: Int) -> StreamSwitch? { unit < costs.streamSwitches.count ? costs.streamSwitches[unit] : nil }
        var masterTaken: [Int: Int] = [:], slaveTaken: [Int: Int] = [:]
        for (index, route) in plan.streamRoutes.enumerated() {
            let tensor = route.tensor, name = tensorName(tensor)
            func unreachable(_ unit: Int, _ expected: String, _ found: String) -> SimulationViolation {
                violation(.unreachableStreamRoute, unit: unit, entity: graph.producer[tensor], tensor: tensor, memory: route.memory,
                          expected: expected, found: found)
            }
            guard let producer = graph.producer[tensor], plan.units[producer] == route.source else {
                throw unreachable(route.source, "the route of \"\(name)\" leaving its producer's tile",
                                  "it leaves \(machine.unitNames[route.source])"
                                  + (graph.producer[tensor].map { ", its producer runs on \(machine.unitNames[plan.units[$0]])" } ?? ", it has no producer"))
            }
            guard machine.residentMemory[route.source] == route.memory else {
                throw unreachable(route.source, "the route of \"\(name)\" reading its producer's tile memory",
                                  "it reads \(machine.memoryNames[route.memory])")
            }
            guard let origin = streamSwitch(route.source) else {
                throw unreachable(route.source, "a stream switch on \(machine.unitNames[route.source])", "none: it is not a tile of an array with stream switches")
            }
            for (unit, port) in zip(route.destinations, route.slavePorts) {
                guard let target = streamSwitch(unit), target.array == origin.array else {
                    throw unreachable(unit, "destinations of the route of \"\(name)\" on tiles of array \(origin.array)",
                                      "\(machine.unitNames[unit]) is " + (streamSwitch(unit).map { "in array \($0.array)" } ?? "not a tile with a stream switch"))
                }
                guard graph.consumers[tensor].contains(where: { plan.units[$0] == unit }) else {
                    throw unreachable(unit, "destinations of the route of \"\(name)\" that run a reader of it", "\(machine.unitNames[unit]) runs none")
                }
                guard port >= 0 && port < target.slavePorts else {
                    throw violation(.oversubscribedStreamPort, unit: unit, entity: producer, tensor: tensor, memory: route.memory,
                                    expected: "a slave stream port of \(machine.unitNames[unit]) (0 to \(target.slavePorts - 1))", found: "port \(port)")
                }
                if let other = slaveTaken.updateValue(index, forKey: unit * 4096 + port) {
                    throw violation(.oversubscribedStreamPort, unit: unit, entity: producer, tensor: tensor, memory: route.memory,
                                    expected: "slave port \(port) of \(machine.unitNames[unit]) taken by one route",
                                    found: "the routes of \"\(tensorName(plan.streamRoutes[other].tensor))\" and \"\(name)\" both take it")
                }
            }
            guard route.masterPort >= 0 && route.masterPort < origin.masterPorts else {
                throw violation(.oversubscribedStreamPort, unit: route.source, entity: producer, tensor: tensor, memory: route.memory,
                                expected: "a master stream port of \(machine.unitNames[route.source]) (0 to \(origin.masterPorts - 1))",
                                found: "port \(route.masterPort)")
            }
            if let other = masterTaken.updateValue(index, forKey: route.source * 4096 + route.masterPort) {
                throw violation(.oversubscribedStreamPort, unit: route.source, entity: producer, tensor: tensor, memory: route.memory,
                                expected: "master port \(route.masterPort) of \(machine.unitNames[route.source]) taken by one route",
                                found: "the routes of \"\(tensorName(plan.streamRoutes[other].tensor))\" and \"\(name)\" both take it")
            }
            // One word per cycle per port: the tensor's bytes as its producer's tile stores them.
            let bytes = Double(costs.storedBytes(graph.tensors[tensor], on: route.source))
            if let interval = plan.intervalUS {
                for unit in [route.source] + route.destinations {
                    let needed = bytes / (streamSwitch(unit)!.portBandwidthGBs * 1000)
                    guard needed <= interval * (1 + 1e-9) else {
                        throw violation(.streamBandwidthExceeded, unit: unit, entity: producer, tensor: tensor, memory: route.memory,
                                        expected: String(format: "the %.0f bytes of \"%@\" through a %.3g GB/s stream port within the interval of %.3f us",
                                                         bytes, name, streamSwitch(unit)!.portBandwidthGBs, interval),
                                        found: String(format: "%.3f us", needed))
                    }
                }
            }
            let bits = route.source < costs.computeBits.count ? costs.computeBits[route.source] : nil
            let windows = WindowedDelivery(tensor: tensor, memory: route.memory, bufferBytes: route.receiveBufferBytes)
            guard let required = windows.requiredBytes(graph, producerComputeBits: bits), route.receiveBufferBytes >= required.bytes else {
                throw unreachable(route.destinations.first ?? route.source, "receive buffers of two windows of \"\(name)\" on the route's destinations",
                                  "\(route.receiveBufferBytes) bytes" + ((windows.requiredBytes(graph, producerComputeBits: bits)).map {
                                      " against \($0.bytes) (two windows of \($0.rows) rows)" } ?? ": the tensor cannot stream in windows"))
            }
            for unit in route.destinations {
                guard let memory = machine.residentMemory[unit] else {
                    throw unreachable(unit, "a tile memory on \(machine.unitNames[unit]) to receive \"\(name)\" into", "none")
                }
                guard let buffer = plan.buffers.first(where: { $0.tensor == tensor && $0.memory == memory }) else {
                    throw unreachable(unit, "a receive buffer of \"\(name)\" in \(machine.memoryNames[memory]) in the memory plan",
                                      "none: the route delivers it nowhere")
                }
                guard buffer.bytes >= required.bytes else {
                    throw violation(.bufferTooSmall, unit: unit, entity: producer, tensor: tensor, memory: memory,
                                    expected: "a receive buffer of at least \(required.bytes) bytes in \(machine.memoryNames[memory]): two windows of \(required.rows) rows of \"\(name)\"",
                                    found: "\(buffer.bytes) bytes")
                }
            }
        }
    }
}
