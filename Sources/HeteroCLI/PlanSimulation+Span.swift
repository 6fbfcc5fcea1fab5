import HeteroCost
import HeteroIR
import HeteroSim
import HeteroSupport

extension PlanSimulation {
    /// The simulator counts femtoseconds in an Int64 (about 9,200 s of simulated time): a plan
    /// whose times, or whose operators' and transfers' durations on this platform, exceed
    /// `simulatedSpanUS` (leaving room for contention) is refused as bad input instead of
    /// overflowing it. A valid platform can be that slow (1 MHz, 0.01 MAC per cycle, 0.1%
    /// efficiency), and a hand-edited plan can claim short times for long operators.
    ///
    /// - Throws: `InputError.invalid` naming the plan's path to the longest time.
    static func checkSpan(_ file: PlanFile, graph: Graph, costs: CostTable) throws(InputError) {
        var longest = (value: file.makespanUS, path: JSONPath.root.appending("summary").appending("makespan_us"))
        func consider(_ value: Double, _ path: JSONPath) {
            if !(value <= longest.value) { longest = (value, path) }
        }
        let operatorIndex = Dictionary(graph.operators.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let unitIndex = Dictionary(costs.unitNames.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for op in file.operators {
            consider(op.finishUS, op.path.appending("finish_us"))
            if let index = operatorIndex[op.name], let unit = unitIndex[op.unit], index < costs.operatorCount,
               let time = costs.execUS[index][unit] {
                let overhead = index < costs.overheadUS.count && unit < costs.overheadUS[index].count ? costs.overheadUS[index][unit] : 0
                consider(time + overhead, op.path)
            }
        }
        for transfer in file.transfers {
            consider(transfer.finishUS, transfer.path.appending("finish_us"))
            if let from = unitIndex[transfer.fromUnit], let to = unitIndex[transfer.toUnit] {
                consider(costs.transferFixedUS[from][to] + costs.transferPerByteUS[from][to] * Double(transfer.bytes), transfer.path)
            }
        }
        for copy in file.copies { consider(copy.finishUS, copy.path.appending("finish_us")) }
        guard longest.value.isFinite, longest.value <= simulatedSpanUS else {
            throw InputError.invalid(file: file.file, what: "plan", problems: [
                Problem(longest.path, "takes \(format(longest.value)) µs on this platform, more than the \(format(simulatedSpanUS)) µs "
                        + "(about 17 minutes) the simulator can represent; check the platform's clocks and throughputs, "
                        + "or plan with --no-simulate"),
            ])
        }
    }
}
