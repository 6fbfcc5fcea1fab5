/// An SVG plot of memory occupancy over simulated time: one panel per memory, the bytes of live
/// buffers as a step line (filled), the memory's capacity as a red dashed line (noted as off
/// scale when it is far above the peak) and the highest address used as a dotted line.
public enum MemoryPlot {
    public static func svg(_ run: SimulationRun, title: String) -> String {
        let result = run.result
        let makespan = max(result.makespanUS, 1e-9)
        let left = 110.0, plotWidth = 1400.0, panelHeight = 130.0, gap = 46.0, top = 50.0
        // Memories the plan never used get one line instead of an empty panel.
        let memories = zip(result.memories, result.occupancy).filter { $0.0.peakLiveBytes > 0 || $0.0.peakAddress > 0 }
        let unused = result.memories.filter { $0.peakLiveBytes == 0 && $0.peakAddress == 0 }.map(\.name)
        let width = left + plotWidth + 40
        let height = top + Double(memories.count) * (panelHeight + gap) + (unused.isEmpty ? 10 : 30)
        func n(_ value: Double) -> String { _Markup.number(value, 2) }
        func x(_ us: Double) -> Double { left + plotWidth * min(us, makespan) / makespan }

        var svg: [String] = []
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"sans-serif\" font-size=\"12\">")
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>")
        svg.append("<text x=\"\(n(left))\" y=\"20\" font-size=\"15\" font-weight=\"bold\">\(_Markup.xml(title))</text>")
        svg.append("<text x=\"\(n(left))\" y=\"38\">live buffer bytes per memory over simulated time (makespan \(_Markup.number(result.makespanUS)) us); red dashed: capacity; dotted: highest address used</text>")
        for (index, (memory, occupancy)) in memories.enumerated() {
            let panelTop = top + Double(index) * (panelHeight + gap) + 14
            let bottom = panelTop + panelHeight
            let peak = max(memory.peakLiveBytes, memory.peakAddress, 1)
            var scaleMax = Double(peak) * 1.1
            var capacityNote = "unlimited"
            if let capacity = memory.capacityBytes {
                if Double(capacity) <= Double(peak) * 4 {
                    scaleMax = max(scaleMax, Double(capacity) * 1.05)
                    capacityNote = _Markup.bytes(capacity)
                } else {
                    capacityNote = "\(_Markup.bytes(capacity)), off scale"
                }
            }
            func y(_ bytes: Int) -> Double { bottom - panelHeight * Double(bytes) / scaleMax }
            svg.append("<text x=\"\(n(left))\" y=\"\(n(panelTop - 4))\" font-weight=\"bold\">\(_Markup.xml(memory.name))"
                       + "<tspan font-weight=\"normal\" fill=\"#555\">: peak live \(_Markup.bytes(memory.peakLiveBytes)), highest address \(_Markup.bytes(memory.peakAddress)), capacity \(capacityNote)</tspan></text>")
            svg.append("<rect x=\"\(n(left))\" y=\"\(n(panelTop))\" width=\"\(n(plotWidth))\" height=\"\(n(panelHeight))\" fill=\"#fafafa\" stroke=\"#ccc\"/>")
            for fraction in [0.0, 0.5, 1.0] {
                let bytes = Int(scaleMax / 1.1 * fraction)
                svg.append("<text x=\"\(n(left - 6))\" y=\"\(n(y(bytes) + 4))\" text-anchor=\"end\" fill=\"#555\">\(_Markup.bytes(bytes))</text>")
            }
            for tick in _Markup.ticks(upTo: makespan) where tick <= makespan * (1 + 1e-9) {
                svg.append("<text x=\"\(n(x(tick)))\" y=\"\(n(bottom + 14))\" text-anchor=\"middle\" fill=\"#555\">\(_Markup.tickLabel(tick, upTo: makespan))</text>")
            }
            // Step line: the last sample at an instant holds from then on.
            var points: [(Double, Int)] = []
            for sample in occupancy {
                let time = sample.time.microseconds
                if let last = points.last, last.0 == time { points[points.count - 1].1 = sample.liveBytes } else { points.append((time, sample.liveBytes)) }
            }
            var path = "M\(n(x(0))),\(n(y(0)))"
            var level = 0
            for (time, bytes) in points {
                path += " L\(n(x(time))),\(n(y(level))) L\(n(x(time))),\(n(y(bytes)))"
                level = bytes
            }
            path += " L\(n(x(makespan))),\(n(y(level))) L\(n(x(makespan))),\(n(y(0))) Z"
            svg.append("<path d=\"\(path)\" fill=\"#9cc3e6\" fill-opacity=\"0.7\" stroke=\"#2f6db3\" stroke-width=\"1\"/>")
            if let capacity = memory.capacityBytes, Double(capacity) <= scaleMax {
                svg.append("<line x1=\"\(n(left))\" y1=\"\(n(y(capacity)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y(capacity)))\" stroke=\"#d22\" stroke-width=\"1.5\" stroke-dasharray=\"6,4\"/>")
            }
            svg.append("<line x1=\"\(n(left))\" y1=\"\(n(y(memory.peakAddress)))\" x2=\"\(n(left + plotWidth))\" y2=\"\(n(y(memory.peakAddress)))\" stroke=\"#555\" stroke-width=\"1\" stroke-dasharray=\"1,3\"/>")
        }
        if !unused.isEmpty {
            let y = top + Double(memories.count) * (panelHeight + gap) + 10
            svg.append("<text x=\"\(n(left))\" y=\"\(n(y))\" fill=\"#555\">unused: \(_Markup.xml(unused.joined(separator: ", ")))</text>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }
}
