import HeteroRecords

extension _Engine {
    /// Everything measured, after a run without violations.
    func result() -> SimulationResult {
        let makespan = finishedAt.prefix(operatorCount).max() ?? 0
        let makespanUS = SimTime(ticks: makespan).microseconds
        let operators = (0..<operatorCount).map { op in
            SimulationResult.Operator(unit: plan.units[op], enabled: SimTime(ticks: enabledAt[op]), start: SimTime(ticks: startedAt[op]),
                                      finish: SimTime(ticks: finishedAt[op]), nominal: SimTime(ticks: tables.durationTicks[op]),
                                      overhead: SimTime(ticks: contention && tables.streams(op) && tables.busyUS[op] > 0 ? tables.overheadTicks[op] : 0),
                                      waitedFor: reason[op])
        }
        let moved = (0..<transferCount).map { x in
            SimulationResult.Transfer(start: SimTime(ticks: startedAt[operatorCount + x]), arrival: SimTime(ticks: finishedAt[operatorCount + x]),
                                      hops: hopLog[x])
        }
        let transfers = Array(moved.prefix(plan.transfers.count))
        let copies = Array(moved.dropFirst(plan.transfers.count))

        var units: [PlanDocument.UnitUse] = []
        for (unit, queue) in tables.queues.enumerated() {
            var busy: Int64 = 0
            var overhead: Int64 = 0
            var extra: Int64 = 0
            var stallInput = 0.0, stallTransfer = 0.0, stallMemory = 0.0, stallProgramming = 0.0
            var previous: Int64 = 0
            for op in queue {
                let gap = SimTime(ticks: startedAt[op] - previous).microseconds
                switch reason[op] {
                case .input, .none, .engine, .producer: stallInput += gap
                case .transfer: stallTransfer += gap
                case .memory: stallMemory += gap
                case .programming: stallProgramming += gap
                }
                let duration = finishedAt[op] - startedAt[op]
                busy += duration
                overhead += operators[op].overhead.ticks
                extra += max(0, duration - tables.durationTicks[op])
                previous = finishedAt[op]
            }
            let busyUS = SimTime(ticks: busy).microseconds
            units.append(PlanDocument.UnitUse(name: machine.unitNames[unit], operators: queue.count, busyUS: busyUS,
                                              utilisation: makespan > 0 ? busyUS / makespanUS : 0, overheadUS: SimTime(ticks: overhead).microseconds,
                                              contentionUS: SimTime(ticks: extra).microseconds, stallInputUS: stallInput,
                                              stallTransferUS: stallTransfer, stallMemoryUS: stallMemory, stallProgrammingUS: stallProgramming,
                                              drainedUS: SimTime(ticks: makespan - previous).microseconds))
        }

        // Links: busy time is the union of occupied intervals (hops with contention; whole
        // transfers over every link of their route without).
        var intervals = [[(Int64, Int64)]](repeating: [], count: machine.links.count)
        var waits = [Int64](repeating: 0, count: machine.links.count)
        var bytesMoved = [Int](repeating: 0, count: machine.links.count)
        var carried = [Int](repeating: 0, count: machine.links.count)
        for x in 0..<transferCount {
            if hopLog[x].isEmpty {
                for link in tables.transferRoute[x] { intervals[link].append((startedAt[operatorCount + x], finishedAt[operatorCount + x])) }
            }
            for hop in hopLog[x] {
                intervals[hop.link].append((hop.granted.ticks, hop.done.ticks))
                waits[hop.link] += hop.granted.ticks - hop.requested.ticks
            }
            for link in tables.transferRoute[x] {
                bytesMoved[link] += tables.moves[x].bytes
                carried[link] += 1
            }
        }
        let links = machine.links.enumerated().map { index, link in
            var busy: Int64 = 0
            var reach: Int64 = .min
            for (start, end) in intervals[index].sorted(by: { $0.0 < $1.0 }) {
                let from = max(start, reach)
                if end > from { busy += end - from }
                reach = max(reach, end)
            }
            let busyUS = SimTime(ticks: busy).microseconds
            return PlanDocument.LinkUse(link: link.label, transfers: carried[index], bytes: bytesMoved[index], busyUS: busyUS,
                                        utilisation: makespan > 0 ? busyUS / makespanUS : 0, queueWaitUS: SimTime(ticks: waits[index]).microseconds)
        }
        let memories = machine.memoryNames.indices.map { memory in
            PlanDocument.MemoryUse(name: machine.memoryNames[memory], capacityBytes: machine.memoryCapacity[memory],
                                   peakLiveBytes: peakLiveBytes[memory], peakAddress: peakAddress[memory])
        }
        let samples = occupancy.map { $0.map { OccupancySample(time: SimTime(ticks: $0.tick), liveBytes: $0.bytes) } }
        return SimulationResult(makespan: SimTime(ticks: makespan), predictedMakespanUS: plan.predictedMakespanUS, contention: contention,
                                operators: operators, transfers: transfers, copies: copies, units: units, links: links, memories: memories,
                                occupancy: samples, events: events.processed)
    }
}
