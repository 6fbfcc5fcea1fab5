extension _Engine {
    /// Before anything runs: on every unit with a program memory (an AI Engine tile), the kernels
    /// the plan puts there must fit in the plan's interval — their nominal durations (as this
    /// simulator times them, `_EngineTables.durationTicks`) summed per inference at most
    /// `plan.intervalUS`, i.e. run-time ratios summing to at most 1 — and their programs must fit
    /// the unit's program memory together. Checked in that order; each unit in index order.
    func checkPacking() throws(SimulationViolation) {
        let capacity = machine.programCapacity
        guard capacity.contains(where: { $0 != nil }) else { return }
        let bytes = machine.costs.programBytes
        var busyTicks = [Int64](repeating: 0, count: machine.unitCount)
        var used = [Int](repeating: 0, count: machine.unitCount)
        var kernels = [[Int]](repeating: [], count: machine.unitCount)
        for op in 0..<operatorCount {
            let unit = plan.units[op]
            guard capacity[unit] != nil else { continue }
            busyTicks[unit] += max(0, tables.durationTicks[op])
            if op < bytes.count { used[unit] += bytes[op][unit] }
            kernels[unit].append(op)
        }
        if let interval = plan.intervalUS {
            let budget = SimTime(microseconds: interval).ticks
            // One tick per kernel of rounding, and a part in a million of the interval.
            for unit in 0..<machine.unitCount where capacity[unit] != nil && !kernels[unit].isEmpty {
                let slack = Int64(kernels[unit].count) + budget / 1_000_000
                guard busyTicks[unit] > budget + slack else { continue }
                let busy = SimTime(ticks: busyTicks[unit]).microseconds
                throw violation(.runTimeRatioExceeded, unit: unit, entity: kernels[unit].max { tables.durationTicks[$0] < tables.durationTicks[$1] },
                                expected: "kernels taking at most the plan's interval of \(Self.format(interval)) us per inference (run-time ratios summing to at most 1)",
                                found: "\(kernels[unit].count) kernels taking \(Self.format(busy)) us: run-time ratio \(String(format: "%.4f", busy / max(interval, 1e-12)))")
            }
        }
        for unit in 0..<machine.unitCount {
            guard let limit = capacity[unit], used[unit] > limit else { continue }
            let largest = kernels[unit].max { bytes[$0][unit] < bytes[$1][unit] }
            throw violation(.programMemoryExceeded, unit: unit, entity: largest,
                            expected: "kernels whose programs fit \(machine.unitNames[unit])'s \(limit)-byte program memory",
                            found: "\(kernels[unit].count) kernels with \(used[unit]) bytes of programs")
        }
    }
}
