import HeteroCost
import HeteroPlatform
import HeteroRecords

/// The stream-route stage of the throughput objective on an array with stream switches
/// (`StreamSwitch`): after the assignment, an activation in DDR4 whose producer and readers sit on
/// tiles that do not all share the producer's tile memory is broadcast from the producer's tile
/// over one stream-switch route instead (`StreamRoutes`), when the ports are free and the
/// interval does not grow. As the split layers' slices need it: each reads the layer's whole
/// input, and a tile memory is addressed by at most three tiles.
///
/// Stages, in order:
/// 1. candidates: windowable activations (`WindowedStreaming`: row-ordered producer and readers,
///    so a reader's receive buffer holds two windows) not on chip for some reader, not evicted,
///    whose producer's buffer fits its tile memory and whose distant readers sit on tiles of the
///    same array; by the DDR4 bytes a route saves (the write and one read per destination),
///    largest first, then by tensor;
/// 2. greedy: a candidate takes the next free master port of its source tile and the next free
///    slave port of each destination tile, and stays when no port is over-subscribed and
///    `PlanMetrics.intervalUS` does not grow (a port delivers at its bandwidth, `floorUS`);
/// 3. memory: the schedule is timed again with the routes and its memory planned, each route's
///    receive buffers placed in its destinations' tile memories with the other buffers
///    (`MemoryPlanner.receiveBuffers`); while a resident memory overflows, the latest route
///    touching such a memory is dropped.
/// Deterministic: every step is ordered by bytes and indices, and nothing is timed by the clock.
enum StreamRouting {
    struct Candidate {
        var tensor: Int
        var source: Int
        var destinations: [Int]
        var readers: [(op: Int, unit: Int)]
        var receiveBufferBytes: [Int]
        var savedBytes: Int
    }

    static func run(_ outcome: ResidencyPlanner.Outcome) -> ResidencyPlanner.Outcome {
        let problem = outcome.problem
        guard problem.costs.streamRoutes, !problem.costs.streamSwitches.isEmpty, !problem.windows.rows.isEmpty else { return outcome }
        let assignment = outcome.schedule.assignment
        let candidates = candidates(problem, assignment)
        guard !candidates.isEmpty else { return outcome }
        var (routed, decisions) = greedy(problem, assignment, candidates)
        guard !routed.routes.isEmpty else { return ResidencyPlanner.Outcome(problem: problem, schedule: outcome.schedule, decisions: outcome.decisions + decisions) }
        let priority = outcome.schedule.operators.indices.sorted {
            outcome.schedule.operators[$0].startUS != outcome.schedule.operators[$1].startUS
                ? outcome.schedule.operators[$0].startUS < outcome.schedule.operators[$1].startUS : $0 < $1
        }
        var schedule = ScheduleBuilder(problem: routed, insertion: false).build(assignment: assignment, priority: priority)
        while !routed.routes.isEmpty, let dropped = overfull(routed, schedule) {
            decisions.append(Decision(kind: .streamRoute, subject: problem.graph.tensors[dropped.tensor].name, reason: dropped.reason))
            routed.routes = rebuilt(problem, routed.routes.routes.filter { $0.tensor != dropped.tensor })
            schedule = ScheduleBuilder(problem: routed, insertion: false).build(assignment: assignment, priority: priority)
        }
        guard !routed.routes.isEmpty else { return ResidencyPlanner.Outcome(problem: problem, schedule: outcome.schedule, decisions: outcome.decisions + decisions) }
        return ResidencyPlanner.Outcome(problem: routed, schedule: schedule, decisions: outcome.decisions + decisions)
    }

    /// Stage 1: the activations a route could carry under `assignment`, in the order they are tried.
    static func candidates(_ problem: PlanProblem, _ assignment: [Int]) -> [Candidate] {
        let graph = problem.graph, costs = problem.costs
        var found: [Candidate] = []
        for tensor in graph.tensors.indices where problem.windows.rows[tensor] > 0 {
            guard graph.aliasRoot[tensor] == tensor, !problem.evicted[tensor], !problem.isOutput[tensor],
                  let producer = graph.producer[tensor], case let source = assignment[producer],
                  let origin = costs.streamSwitches[source], let memory = costs.residentMemory[source],
                  problem.fitsResidentMemory(tensor, memory), !problem.isResident(tensor, assignment),
                  let window = WindowedStreaming.window(graph.tensors[tensor], rows: problem.windows.rows[tensor]) else { continue }
            var destinations: [Int] = []
            var readers: [(op: Int, unit: Int)] = []
            var usable = true
            for reader in graph.consumers[tensor] {
                let unit = assignment[reader]
                if costs.residentMemory[unit] == memory || problem.sharesMemory(unit, memory) { continue }
                guard let target = costs.streamSwitches[unit], target.array == origin.array, costs.residentMemory[unit] != nil else {
                    usable = false
                    break
                }
                readers.append((reader, unit))
                if !destinations.contains(unit) { destinations.append(unit) }
            }
            guard usable, !destinations.isEmpty else { continue }
            destinations.sort()
            let receive = destinations.map { WindowedStreaming.bufferBytes(window, on: $0, costs) }
            // A receive buffer larger than its tile memory never fits (the memory plan places the others).
            guard zip(destinations, receive).allSatisfy({ unit, bytes in
                costs.residentMemory[unit].flatMap { costs.memoryCapacity[$0] }.map { bytes <= $0 } ?? true
            }) else { continue }
            let bytes = costs.storedBytes(graph.tensors[tensor], on: source)
            let (saved, overflow) = bytes.multipliedReportingOverflow(by: 1 + destinations.count)
            found.append(Candidate(tensor: tensor, source: source, destinations: destinations, readers: readers, receiveBufferBytes: receive,
                                   savedBytes: overflow ? Int.max : saved))
        }
        return found.sorted { $0.savedBytes != $1.savedBytes ? $0.savedBytes > $1.savedBytes : $0.tensor < $1.tensor }
    }

    /// Stage 2: the routes taken in candidate order while ports are free and the interval does not grow.
    static func greedy(_ problem: PlanProblem, _ assignment: [Int], _ candidates: [Candidate]) -> (PlanProblem, [Decision]) {
        let costs = problem.costs, graph = problem.graph
        var routed = problem
        var interval = PlanMetrics.intervalUS(routed, assignment)
        var masterUsed = [Int](repeating: 0, count: costs.unitCount)
        var slaveUsed = [Int](repeating: 0, count: costs.unitCount)
        var decisions: [Decision] = []
        for candidate in candidates {
            let name = graph.tensors[candidate.tensor].name
            let origin = costs.streamSwitches[candidate.source]!
            if masterUsed[candidate.source] >= origin.masterPorts {
                decisions.append(Decision(kind: .streamRoute, subject: name, reason: "not routed: the \(origin.masterPorts) master stream ports of \(costs.unitNames[candidate.source]) are taken"))
                continue
            }
            if let full = candidate.destinations.first(where: { slaveUsed[$0] >= costs.streamSwitches[$0]!.slavePorts }) {
                decisions.append(Decision(kind: .streamRoute, subject: name, reason: "not routed: the \(costs.streamSwitches[full]!.slavePorts) slave stream ports of \(costs.unitNames[full]) are taken"))
                continue
            }
            let route = StreamRoutes.Route(tensor: candidate.tensor, source: candidate.source, destinations: candidate.destinations,
                                           masterPort: masterUsed[candidate.source], slavePorts: candidate.destinations.map { slaveUsed[$0] },
                                           bytes: costs.storedBytes(graph.tensors[candidate.tensor], on: candidate.source),
                                           receiveBufferBytes: candidate.receiveBufferBytes, readers: candidate.readers.map(\.op),
                                           readerUnits: candidate.readers.map(\.unit))
            var trial = routed
            trial.routes = adding(route, to: routed.routes, problem)
            let next = PlanMetrics.intervalUS(trial, assignment)
            guard next <= interval else {
                decisions.append(Decision(kind: .streamRoute, subject: name, reason: String(
                    format: "not routed: the interval would grow from %.3f to %.3f us (a stream port carries %.3g GB/s)", interval, next, origin.portBandwidthGBs)))
                continue
            }
            routed = trial
            interval = next
            masterUsed[candidate.source] += 1
            for unit in candidate.destinations { slaveUsed[unit] += 1 }
            decisions.append(Decision(kind: .streamRoute, subject: name, reason: String(
                format: "broadcast from %@ to %@ over a stream-switch route (%d bytes not through DDR4); interval %.3f us",
                costs.unitNames[candidate.source], candidate.destinations.map { costs.unitNames[$0] }.joined(separator: ", "),
                candidate.savedBytes, interval)))
        }
        return (routed, decisions)
    }

    /// `routes` with `route`.
    static func adding(_ route: StreamRoutes.Route, to routes: StreamRoutes, _ problem: PlanProblem) -> StreamRoutes {
        routes.adding(route, producer: problem.graph.producer[route.tensor]!, tensorCount: problem.graph.tensors.count, operatorCount: problem.operatorCount) { unit in
            problem.costs.streamSwitches[unit]!.portBandwidthGBs * 1000
        }
    }

    /// The routes `kept`, in order, with their ports numbered again.
    static func rebuilt(_ problem: PlanProblem, _ kept: [StreamRoutes.Route]) -> StreamRoutes {
        var routes = StreamRoutes.none
        var masterUsed = [Int](repeating: 0, count: problem.unitCount)
        var slaveUsed = [Int](repeating: 0, count: problem.unitCount)
        for var route in kept {
            route.masterPort = masterUsed[route.source]
            route.slavePorts = route.destinations.map { slaveUsed[$0] }
            masterUsed[route.source] += 1
            for unit in route.destinations { slaveUsed[unit] += 1 }
            routes = adding(route, to: routes, problem)
        }
        return routes
    }

    /// Stage 3: the latest route whose source or destination memory is over its capacity once
    /// the schedule is planned (`MemoryPlanner`, receive buffers included), with the reason; nil
    /// when every memory fits.
    static func overfull(_ problem: PlanProblem, _ schedule: Schedule) -> (tensor: Int, reason: String)? {
        let costs = problem.costs
        let plan = MemoryPlanner.plan(problem, schedule)
        var peak = [Int](repeating: 0, count: costs.memoryNames.count)
        for usage in plan.usage { peak[usage.memory] = usage.peakBytes }
        for route in problem.routes.routes.reversed() {
            let memories = [costs.residentMemory[route.source]!] + route.destinations.map { costs.residentMemory[$0]! }
            for memory in memories {
                guard let capacity = costs.memoryCapacity[memory] else { continue }
                if peak[memory] > capacity {
                    return (route.tensor, "route dropped: \(costs.memoryNames[memory]) holds \(peak[memory]) planned bytes, over its \(capacity) bytes")
                }
            }
        }
        return nil
    }
}
