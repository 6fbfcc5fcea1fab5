/// Chrome trace-event JSON of a simulation (the "JSON Array/Object Format" that
/// chrome://tracing and Perfetto open).
///
/// Layout: one process per unit, with a `compute` track (one slice per operator) and `DMA`
/// tracks (transfers and spill copies into the unit's memory, spread over as many lanes as
/// overlap); one `memories` process with an occupancy counter per memory. Flow arrows link a
/// producer to each transfer of its output and each transfer to the operators reading it; a
/// cross-unit dependency that needs no transfer (a shared memory) gets an arrow from producer to
/// consumer. Timestamps are microseconds with six decimals (picoseconds).
public enum ChromeTrace {
    public static func json(_ run: SimulationRun) -> String {
        let graph = run.graph
        let machine = run.machine
        let result = run.result
        let unitCount = machine.unitCount
        let memoriesPID = unitCount + 1
        var events: [String] = []
        func ts(_ time: SimTime) -> String { _Markup.number(time.microseconds, 6) }
        func metadata(_ pid: Int, _ tid: Int?, _ name: String, _ value: String) {
            let thread = tid.map { ",\"tid\":\($0)" } ?? ""
            events.append("{\"ph\":\"M\",\"pid\":\(pid)\(thread),\"name\":\"\(name)\",\"args\":{\"\(name == "process_sort_index" || name == "thread_sort_index" ? "sort_index" : "name")\":\(value)}}")
        }

        // Processes and tracks.
        for unit in 0..<unitCount {
            let memory = machine.memoryNames[machine.unitMemory[unit]]
            metadata(unit + 1, nil, "process_name", _Markup.json("unit \(machine.unitNames[unit]) (\(machine.costs.unitKinds[unit]), computes from \(memory))"))
            metadata(unit + 1, nil, "process_sort_index", "\(unit)")
            metadata(unit + 1, 1, "thread_name", _Markup.json("compute"))
            metadata(unit + 1, 1, "thread_sort_index", "0")
        }
        metadata(memoriesPID, nil, "process_name", _Markup.json("memories"))
        metadata(memoriesPID, nil, "process_sort_index", "\(unitCount)")

        // Compute slices.
        for (op, simulated) in result.operators.enumerated() {
            let description = graph.operators[op]
            let args = "\"type\":\(_Markup.json(description.type)),\"enabled_us\":\(ts(simulated.enabled)),"
                + "\"nominal_us\":\(ts(simulated.nominal)),\"command_path_us\":\(ts(simulated.overhead)),"
                + "\"waited_for\":\(_Markup.json(simulated.waitedFor.rawValue)),\"planned_start_us\":\(_Markup.number(run.plan.startUS[op], 6))"
            events.append("{\"ph\":\"X\",\"cat\":\"compute\",\"name\":\(_Markup.json(description.label)),\"pid\":\(simulated.unit + 1),\"tid\":1,"
                          + "\"ts\":\(ts(simulated.start)),\"dur\":\(ts(simulated.finish - simulated.start)),\"args\":{\(args)}}")
        }

        // DMA slices, per destination unit, in lanes that do not overlap.
        struct Move {
            var name: String
            var kind: String
            var tensor: Int
            var unit: Int
            var start: SimTime
            var arrival: SimTime
            var bytes: Int
            var from: String
            var to: String
            var producer: Int?
            var consumers: [Int]
        }
        var moves: [Move] = []
        for (x, transfer) in run.plan.transfers.enumerated() {
            let simulated = result.transfers[x]
            let consumers = graph.consumers[transfer.tensor].filter { run.plan.units[$0] == transfer.toUnit }
            moves.append(Move(name: "\(graph.tensors[transfer.tensor].name) \(machine.unitNames[transfer.fromUnit])→\(machine.unitNames[transfer.toUnit])",
                              kind: "transfer", tensor: transfer.tensor, unit: transfer.toUnit, start: simulated.start, arrival: simulated.arrival,
                              bytes: transfer.bytes, from: machine.memoryNames[machine.unitMemory[transfer.fromUnit]],
                              to: machine.memoryNames[machine.unitMemory[transfer.toUnit]], producer: transfer.producer, consumers: consumers))
        }
        for (x, copy) in run.plan.copies.enumerated() {
            let simulated = result.copies[x]
            let producer = graph.producer[copy.tensor]
            let unit = copy.kind != .store ? copy.consumer.map { run.plan.units[$0] } : producer.map { run.plan.units[$0] }
            moves.append(Move(name: "\(copy.kind.rawValue) \(graph.tensors[copy.tensor].name)", kind: copy.kind.rawValue, tensor: copy.tensor,
                              unit: unit ?? 0, start: simulated.start, arrival: simulated.arrival, bytes: copy.bytes,
                              from: machine.memoryNames[copy.fromMemory], to: machine.memoryNames[copy.toMemory],
                              producer: copy.kind == .store ? producer : nil, consumers: copy.consumer.map { [$0] } ?? []))
        }
        var laneEnds = [[SimTime]](repeating: [], count: unitCount)
        var flow = 0
        let order = moves.indices.sorted { (moves[$0].start, $0) < (moves[$1].start, $1) }
        func anchorEnd(_ op: Int) -> String {
            let simulated = result.operators[op]
            let end = simulated.finish.ticks > simulated.start.ticks ? simulated.finish - SimTime(ticks: 1_000) : simulated.start
            return ts(end)
        }
        for index in order {
            let move = moves[index]
            var lane = laneEnds[move.unit].firstIndex { $0 <= move.start } ?? laneEnds[move.unit].count
            if lane == laneEnds[move.unit].count {
                laneEnds[move.unit].append(move.arrival)
                metadata(move.unit + 1, 2 + lane, "thread_name", _Markup.json("DMA \(lane)"))
                metadata(move.unit + 1, 2 + lane, "thread_sort_index", "\(1 + lane)")
            } else {
                laneEnds[move.unit][lane] = move.arrival
            }
            lane += 2
            let args = "\"kind\":\"\(move.kind)\",\"tensor\":\(_Markup.json(graph.tensors[move.tensor].name)),\"bytes\":\(move.bytes),"
                + "\"from\":\(_Markup.json(move.from)),\"to\":\(_Markup.json(move.to))"
            events.append("{\"ph\":\"X\",\"cat\":\"dma\",\"name\":\(_Markup.json(move.name)),\"pid\":\(move.unit + 1),\"tid\":\(lane),"
                          + "\"ts\":\(ts(move.start)),\"dur\":\(ts(move.arrival - move.start)),\"args\":{\(args)}}")
            let inside = move.arrival.ticks > move.start.ticks ? move.arrival - SimTime(ticks: 1_000) : move.start
            if let producer = move.producer {
                flow += 1
                events.append("{\"ph\":\"s\",\"cat\":\"flow\",\"name\":\"data\",\"id\":\(flow),\"pid\":\(run.plan.units[producer] + 1),\"tid\":1,\"ts\":\(anchorEnd(producer))}")
                events.append("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"flow\",\"name\":\"data\",\"id\":\(flow),\"pid\":\(move.unit + 1),\"tid\":\(lane),\"ts\":\(ts(move.start))}")
            }
            for consumer in move.consumers {
                flow += 1
                events.append("{\"ph\":\"s\",\"cat\":\"flow\",\"name\":\"data\",\"id\":\(flow),\"pid\":\(move.unit + 1),\"tid\":\(lane),\"ts\":\(ts(inside))}")
                events.append("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"flow\",\"name\":\"data\",\"id\":\(flow),\"pid\":\(run.plan.units[consumer] + 1),\"tid\":1,\"ts\":\(ts(result.operators[consumer].start))}")
            }
        }

        // Cross-unit dependencies that move no data (shared memory): producer to consumer.
        var transferred = Set<Int>()
        for transfer in run.plan.transfers { transferred.insert(transfer.tensor * unitCount + transfer.toUnit) }
        for edge in run.crossUnitEdges {
            guard !transferred.contains(edge.tensor * unitCount + run.plan.units[edge.consumer]) else { continue }
            flow += 1
            events.append("{\"ph\":\"s\",\"cat\":\"flow\",\"name\":\"dependency\",\"id\":\(flow),\"pid\":\(run.plan.units[edge.producer] + 1),\"tid\":1,\"ts\":\(anchorEnd(edge.producer))}")
            events.append("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"flow\",\"name\":\"dependency\",\"id\":\(flow),\"pid\":\(run.plan.units[edge.consumer] + 1),\"tid\":1,\"ts\":\(ts(result.operators[edge.consumer].start))}")
        }

        // Memory occupancy counters (the last sample at an instant holds).
        for (memory, occupancy) in zip(result.memories, result.occupancy) {
            var samples: [OccupancySample] = []
            for sample in occupancy {
                if let last = samples.last, last.time == sample.time { samples[samples.count - 1] = sample } else { samples.append(sample) }
            }
            for sample in samples {
                events.append("{\"ph\":\"C\",\"name\":\(_Markup.json("\(memory.name) live bytes")),\"pid\":\(memoriesPID),\"ts\":\(ts(sample.time)),"
                              + "\"args\":{\"live\":\(sample.liveBytes)}}")
            }
        }

        let otherData = "\"otherData\":{\"makespan_us\":\(ts(result.makespan)),\"predicted_makespan_us\":\(_Markup.number(result.predictedMakespanUS, 6)),"
            + "\"contention\":\(result.contention),\"events\":\(result.events)}"
        return "{\"displayTimeUnit\":\"ns\",\(otherData),\"traceEvents\":[\n" + events.joined(separator: ",\n") + "\n]}\n"
    }
}
