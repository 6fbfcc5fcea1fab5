/// An SVG Gantt chart of a simulation: one row per unit with its operators as bars (coloured by
/// operator type, named in a tooltip), idle time as a hatched background, a thin DMA lane under
/// each row for transfers and spill copies into the unit's memory, transfers as arrows from the
/// producer's finish to the arrival on the consumer's row, and cross-unit dependencies that move
/// no data (shared memory) as dashed arrows.
public enum GanttChart {
    public static func svg(_ run: SimulationRun, title: String) -> String {
        let graph = run.graph
        let machine = run.machine
        let result = run.result
        let makespan = max(result.makespanUS, 1e-9)
        let left = 150.0, plotWidth = 1400.0, top = 56.0, rowHeight = 40.0, barHeight = 22.0, dmaHeight = 7.0
        let unitCount = machine.unitCount
        let plotBottom = top + Double(unitCount) * rowHeight
        let width = max(left + plotWidth + 90, left + 7 * 215)
        func x(_ us: Double) -> Double { left + plotWidth * us / makespan }
        func rowTop(_ unit: Int) -> Double { top + Double(unit) * rowHeight + 4 }
        func n(_ value: Double) -> String { _Markup.number(value, 2) }

        // Legend: the operator types taking the most time.
        var typeTime: [String: Double] = [:]
        for (op, simulated) in result.operators.enumerated() {
            typeTime[graph.operators[op].type, default: 0] += (simulated.finish - simulated.start).microseconds
        }
        let legendTypes = typeTime.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(14).map(\.key)
        let legendRows = (legendTypes.count + 6) / 7
        let height = plotBottom + 44 + Double(legendRows) * 20 + 16

        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\" font-size=\"12\">")
        svg.append("<defs><pattern id=\"idle\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                   + "<rect width=\"6\" height=\"6\" fill=\"#f4f4f4\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#d8d8d8\" stroke-width=\"2\"/></pattern>"
                   + "<marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\">"
                   + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker>"
                   + "<marker id=\"arrow-dep\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto-start-reverse\">"
                   + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#999\"/></marker></defs>")
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        let difference = result.predictedMakespanUS > 0 ? 100 * result.relativeDifference : 0
        svg.append("<text x=\"\(n(left))\" y=\"20\" font-size=\"15\" font-weight=\"bold\">\(_Markup.xml(title))</text>")
        svg.append("<text x=\"\(n(left))\" y=\"38\">simulated makespan \(_Markup.number(result.makespanUS)) us, predicted \(_Markup.number(result.predictedMakespanUS)) us (\(_Markup.number(difference, 2))%), contention \(result.contention ? "on" : "off"); hatched = idle, lower lane = DMA into the unit's memory</text>")

        // Time grid.
        for tick in _Markup.ticks(upTo: makespan) where tick <= makespan * (1 + 1e-9) {
            svg.append("<line x1=\"\(n(x(tick)))\" y1=\"\(n(top))\" x2=\"\(n(x(tick)))\" y2=\"\(n(plotBottom))\" stroke=\"#e0e0e0\"/>")
            svg.append("<text x=\"\(n(x(tick)))\" y=\"\(n(plotBottom + 16))\" text-anchor=\"middle\" fill=\"#555\">\(_Markup.tickLabel(tick, upTo: makespan))</text>")
        }
        svg.append("<text x=\"\(n(left + plotWidth / 2))\" y=\"\(n(plotBottom + 32))\" text-anchor=\"middle\" fill=\"#555\">time (us)</text>")

        // Rows: idle background, label, utilisation.
        for unit in 0..<unitCount {
            let stats = result.units[unit]
            svg.append("<rect x=\"\(n(left))\" y=\"\(n(rowTop(unit)))\" width=\"\(n(plotWidth))\" height=\"\(n(barHeight))\" fill=\"url(#idle)\"/>")
            svg.append("<text x=\"\(n(left - 8))\" y=\"\(n(rowTop(unit) + 15))\" text-anchor=\"end\" font-weight=\"bold\">\(_Markup.xml(machine.unitNames[unit]))</text>")
            svg.append("<text x=\"\(n(left + plotWidth + 6))\" y=\"\(n(rowTop(unit) + 15))\" fill=\"#555\">\(_Markup.number(100 * stats.utilisation, 1))% busy</text>")
        }

        // Operators.
        for (op, simulated) in result.operators.enumerated() {
            let description = graph.operators[op]
            let start = simulated.start.microseconds, finish = simulated.finish.microseconds
            let tip = "\(description.label) on \(machine.unitNames[simulated.unit]): \(_Markup.number(start)) to \(_Markup.number(finish)) us (waited for \(simulated.waitedFor.rawValue))"
            svg.append("<rect x=\"\(n(x(start)))\" y=\"\(n(rowTop(simulated.unit)))\" width=\"\(n(max(0.6, x(finish) - x(start))))\" height=\"\(n(barHeight))\" fill=\"\(_Markup.colour(for: description.type))\" stroke=\"#333\" stroke-width=\"0.3\"><title>\(_Markup.xml(tip))</title></rect>")
        }

        // DMA lanes and arrows.
        for (index, transfer) in run.plan.transfers.enumerated() {
            let simulated = result.transfers[index]
            let start = simulated.start.microseconds, arrival = simulated.arrival.microseconds
            let tip = "transfer of \(graph.tensors[transfer.tensor].name) (\(_Markup.bytes(transfer.bytes))) \(machine.unitNames[transfer.fromUnit]) to \(machine.unitNames[transfer.toUnit]): \(_Markup.number(start)) to \(_Markup.number(arrival)) us"
            let lane = rowTop(transfer.toUnit) + barHeight + 2
            svg.append("<rect x=\"\(n(x(start)))\" y=\"\(n(lane))\" width=\"\(n(max(0.6, x(arrival) - x(start))))\" height=\"\(n(dmaHeight))\" fill=\"#4a78c2\"><title>\(_Markup.xml(tip))</title></rect>")
            let fromY = rowTop(transfer.fromUnit) + barHeight / 2, toY = rowTop(transfer.toUnit) + barHeight / 2
            svg.append("<line x1=\"\(n(x(start)))\" y1=\"\(n(fromY))\" x2=\"\(n(x(arrival)))\" y2=\"\(n(toY))\" stroke=\"#333\" stroke-width=\"1\" marker-end=\"url(#arrow)\"><title>\(_Markup.xml(tip))</title></line>")
        }
        for (index, copy) in run.plan.copies.enumerated() {
            let simulated = result.copies[index]
            let unit = copy.kind != .store ? copy.consumer.map { run.plan.units[$0] } : graph.producer[copy.tensor].map { run.plan.units[$0] }
            guard let unit else { continue }
            let start = simulated.start.microseconds, arrival = simulated.arrival.microseconds
            let tip = "\(copy.kind.rawValue) of \(graph.tensors[copy.tensor].name) (\(_Markup.bytes(copy.bytes))) \(machine.memoryNames[copy.fromMemory]) to \(machine.memoryNames[copy.toMemory]): \(_Markup.number(start)) to \(_Markup.number(arrival)) us"
            let lane = rowTop(unit) + barHeight + 2
            svg.append("<rect x=\"\(n(x(start)))\" y=\"\(n(lane))\" width=\"\(n(max(0.6, x(arrival) - x(start))))\" height=\"\(n(dmaHeight))\" fill=\"\(copy.kind == .store ? "#c2724a" : copy.kind == .reload ? "#5aa05a" : "#5a7ec0")\"><title>\(_Markup.xml(tip))</title></rect>")
        }
        var transferred = Set<Int>()
        for transfer in run.plan.transfers { transferred.insert(transfer.tensor * unitCount + transfer.toUnit) }
        for edge in run.crossUnitEdges {
            let to = run.plan.units[edge.consumer]
            guard !transferred.contains(edge.tensor * unitCount + to) else { continue }
            let from = run.plan.units[edge.producer]
            let x1 = x(result.operators[edge.producer].finish.microseconds), x2 = x(result.operators[edge.consumer].start.microseconds)
            svg.append("<line x1=\"\(n(x1))\" y1=\"\(n(rowTop(from) + barHeight / 2))\" x2=\"\(n(x2))\" y2=\"\(n(rowTop(to) + barHeight / 2))\" stroke=\"#999\" stroke-width=\"0.8\" stroke-dasharray=\"3,2\" marker-end=\"url(#arrow-dep)\"><title>\(_Markup.xml("\(graph.tensors[edge.tensor].name): \(graph.operators[edge.producer].name) to \(graph.operators[edge.consumer].name)"))</title></line>")
        }

        // Legend.
        for (index, type) in legendTypes.enumerated() {
            let lx = left + Double(index % 7) * 215, ly = plotBottom + 44 + Double(index / 7) * 20
            svg.append("<rect x=\"\(n(lx))\" y=\"\(n(ly))\" width=\"12\" height=\"12\" fill=\"\(_Markup.colour(for: type))\" stroke=\"#333\" stroke-width=\"0.3\"/>")
            svg.append("<text x=\"\(n(lx + 16))\" y=\"\(n(ly + 10))\">\(_Markup.xml(type)) (\(_Markup.number(typeTime[type] ?? 0, 1)) us)</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}
