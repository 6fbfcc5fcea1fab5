import HeteroIR
import HeteroRecords
import HeteroSupport

extension Simulator {
    /// The longest plan the simulator is asked to run, in microseconds. It counts femtoseconds in
    /// an Int64 (about 9,200 s of simulated time); the margin leaves room for contention.
    public static let longestSpanUS = 1e9

    /// Refuses, as bad input, a plan whose times, or whose operators' and transfers' durations on
    /// this machine, exceed `longestSpanUS`, instead of overflowing the simulator's clock. A valid
    /// platform can be that slow (1 MHz, 0.01 MAC per cycle, 0.1% efficiency), and a hand-edited
    /// plan can claim short times for long operators.
    ///
    /// - Throws: `InputError.invalid` naming the JSON path of the longest time.
    static func checkSpan(_ document: PlanDocument, file: String, graph: Graph, machine: SimulationMachine) throws(InputError) {
        let costs = machine.costs
        let root = JSONPath.root
        var longest = (value: document.summary.makespanUS, path: root.appending("summary").appending("makespan_us"))
        func consider(_ value: Double, _ path: JSONPath) {
            if !(value <= longest.value) { longest = (value, path) }
        }
        let unitIndex = Dictionary(costs.unitNames.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        for (index, op) in document.operators.enumerated() {
            let path = root.appending("operators").appending(index)
            consider(op.finishUS, path.appending("finish_us"))
            if let node = graph.operatorIndex[op.name], let unit = unitIndex[op.unit], node < costs.operatorCount, let time = costs.execUS[node][unit] {
                consider(time, path)
            }
        }
        for (index, transfer) in document.transfers.enumerated() {
            let path = root.appending("transfers").appending(index)
            consider(transfer.finishUS, path.appending("finish_us"))
            if let from = unitIndex[transfer.fromUnit], let to = unitIndex[transfer.toUnit] {
                consider(machine.copyTimeUS(bytes: transfer.bytes, route: costs.routes[from, to]), path)
            }
        }
        for (index, copy) in document.spillCopies.enumerated() {
            consider(copy.finishUS, root.appending("spill_copies").appending(index).appending("finish_us"))
        }
        guard longest.value.isFinite, longest.value <= longestSpanUS else {
            throw InputError.invalid(file: file, what: "plan", problems: [
                Problem(longest.path, "takes \(format(longest.value)) µs on this platform, more than the \(format(longestSpanUS)) µs "
                        + "(about 17 minutes) the simulator can represent; check the platform's clocks and throughputs, "
                        + "or plan with --no-simulate"),
            ])
        }
    }
}
