import Foundation
import HeteroPlan
import HeteroRecords

/// The human-readable form of a plan.
enum PlanTable {
    /// `notes`: further decisions to list under `explain` (how the importer sized control flow).
    static func render(_ plan: PlanDocument, explain: Bool, notes: [String] = []) -> String {
        var lines: [String] = []
        let summary = plan.summary
        lines.append("plan       \(plan.model) on \(plan.platform), strategy \(plan.strategy), objective \(plan.objective)")
        lines.append(String(format: "makespan   %.3f us   lower bound %.3f us   gap %.1f%%", summary.makespanUS, summary.lowerBoundUS, summary.gap * 100))
        if let simulated = summary.simulatedMakespanUS {
            let mode = summary.simulation.map { $0.contention ? ", contention on" : ", contention off" } ?? ""
            lines.append(String(format: "simulated  %.3f us (%+.2f%% vs predicted%@)", simulated,
                                100 * (simulated - summary.makespanUS) / max(summary.makespanUS, 1e-12), mode))
        }
        if let energy = summary.energyUJ, let interval = summary.intervalUS {
            lines.append(String(format: "energy     %.3f uJ per inference   pipelined interval %.3f us (%.1f inferences/s)", energy, interval,
                                interval > 0 ? 1e6 / interval : 0))
        }
        lines.append("switches   \(summary.unitSwitches) cross-unit edges, \(summary.subgraphs) subgraphs, \(summary.transfers) transfers, \(Quantity.bytes(summary.transferBytes))")
        if let solver = plan.solver {
            let what = solver.formulation == "coarse-assignment" ? "coarse assignment ILP (a relaxation on grouped operators)" : (solver.formulation ?? "ILP")
            lines.append("solver     GLPK \(what): \(solver.status), objective \(solver.objective.map { String(format: "%.3f", $0) } ?? "-"), bound \(solver.bound.map { String(format: "%.3f", $0) } ?? "-"), \(solver.variables) variables, \(solver.constraints) constraints")
        }
        lines.append("")
        let units = TextTable(headers: ["unit", "kind", "memory", "operators", "subgraphs", "busy us", "busy %"],
                              alignRight: [false, false, false, true, true, true, true])
        lines.append(units.render(plan.units.map { unit in
            let memory = unit.weightMemory.map { "\(unit.memory) (weights \($0))" } ?? unit.memory
            return [unit.name, unit.kind, memory, String(unit.operators), unit.subgraphs.map(String.init) ?? "-",
                    String(format: "%.3f", unit.busyUS), String(format: "%.1f", unit.busyPercent)]
        }))
        if let packing = plan.packing, !packing.isEmpty {
            lines.append("")
            lines.append("kernels on units with a program memory (run-time ratio: busy time over the interval, at most 1):")
            let table = TextTable(headers: ["unit", "kernels", "busy us", "run-time ratio", "program bytes", "program memory"],
                                  alignRight: [false, true, true, true, true, true])
            lines.append(table.render(packing.map {
                [$0.unit, String($0.kernels), String(format: "%.3f", $0.busyUS), String(format: "%.4f", $0.runTimeRatio),
                 String($0.programBytes), String($0.programCapacityBytes)]
            }))
        }
        if let reads = plan.multicasts, !reads.isEmpty {
            lines.append("")
            let saved = reads.reduce(0) { $0 + $1.savedBytes }
            lines.append("multicast reads (one read delivered to several operators; \(reads.count) reads save \(Quantity.bytes(saved))):")
            let table = TextTable(headers: ["tensor", "memory", "destinations", "units", "bytes", "saved"],
                                  alignRight: [false, false, true, true, true, true])
            let shown = explain ? reads[...] : reads.prefix(10)
            lines.append(table.render(shown.map {
                [$0.tensor, $0.memory, String($0.destinations.count), String(Set($0.units).count), Quantity.bytes($0.bytes), Quantity.bytes($0.savedBytes)]
            }))
            if !explain && reads.count > 10 { lines.append("  ... and \(reads.count - 10) more multicast reads (--explain lists them)") }
        }
        if let handOffs = plan.handOffs, !handOffs.isEmpty {
            lines.append("")
            let bytes = handOffs.reduce(0) { $0 + $1.bytes }
            lines.append("shared-memory hand-offs (activations read in place in a neighbouring tile's data memory; "
                         + "\(handOffs.count) keep \(Quantity.bytes(bytes)) out of DRAM):")
            let table = TextTable(headers: ["tensor", "memory", "producer unit", "readers", "reader units", "bytes"],
                                  alignRight: [false, false, false, true, false, true])
            let shown = explain ? handOffs[...] : handOffs.prefix(10)
            lines.append(table.render(shown.map {
                [$0.tensor, $0.memory, $0.producerUnit, String($0.readers.count), Array(Set($0.readerUnits)).sorted().joined(separator: " "),
                 Quantity.bytes($0.bytes)]
            }))
            if !explain && handOffs.count > 10 { lines.append("  ... and \(handOffs.count - 10) more hand-offs (--explain lists them)") }
        }
        if let windowed = plan.windowedHandOffs, !windowed.isEmpty {
            lines.append("")
            let bytes = windowed.reduce(0) { $0 + $1.tensorBytes }
            let buffers = windowed.reduce(0) { $0 + $1.bufferBytes }
            lines.append("windowed hand-offs (activations streamed row window by row window through a ping-pong buffer in the producer's tile "
                         + "memory, producer and readers running concurrently; \(windowed.count) keep \(Quantity.bytes(bytes)) out of DRAM "
                         + "in \(Quantity.bytes(buffers)) of window buffers):")
            let table = TextTable(headers: ["tensor", "memory", "producer unit", "reader units", "rows", "window", "buffer", "tensor bytes"],
                                  alignRight: [false, false, false, false, true, true, true, true])
            let shown = explain ? windowed[...] : windowed.prefix(10)
            lines.append(table.render(shown.map {
                [$0.tensor, $0.memory, $0.producerUnit, Array(Set($0.readerUnits)).sorted().joined(separator: " "), String($0.windowRows),
                 Quantity.bytes($0.windowBytes), Quantity.bytes($0.bufferBytes), Quantity.bytes($0.tensorBytes)]
            }))
            if !explain && windowed.count > 10 { lines.append("  ... and \(windowed.count - 10) more windowed hand-offs (--explain lists them)") }
        }
        lines += streamRouteLines(plan, explain: explain)
        lines.append("")
        let memories = TextTable(headers: ["memory", "peak", "lower bound", "capacity", "peak/bound"], alignRight: [false, true, true, true, true])
        lines.append(memories.render(plan.memories.map {
            [$0.name, Quantity.bytes($0.peakBytes), Quantity.bytes($0.lowerBoundBytes), $0.capacityBytes.map(Quantity.bytes) ?? "unlimited",
             $0.lowerBoundBytes > 0 ? String(format: "%.3f", Double($0.peakBytes) / Double($0.lowerBoundBytes)) : "-"]
        }))
        let residency = plan.decisions.filter { $0.kind == .residency }
        if !residency.isEmpty {
            lines.append("")
            lines.append("residency:")
            // Per memory here; per prefetching operator (`WeightPrefetcher`) the first five, all with --explain.
            let perOperator = residency.filter { $0.subject.hasPrefix("operator ") }
            lines += residency.filter { !$0.subject.hasPrefix("operator ") }.map { "  \($0.subject): \($0.reason)" }
            lines += perOperator.prefix(explain ? 0 : 5).map { "  \($0.subject): \($0.reason)" }
            if !explain && perOperator.count > 5 { lines.append("  ... and \(perOperator.count - 5) more weight-prefetch decisions (--explain lists them)") }
            let evictions = plan.decisions.filter { $0.kind == .memorySpill && $0.reason.contains("evicted") }
            lines += evictions.prefix(explain ? 0 : 5).map { "  evicted \($0.subject): \($0.reason)" }
            if !explain && evictions.count > 5 { lines.append("  ... and \(evictions.count - 5) more evictions (--explain lists them)") }
            // Every recomputation, with its saving against the eviction it replaces (with --explain, under decisions).
            if !explain { lines += plan.decisions.filter { $0.kind == .recompute }.map { "  recomputed \($0.subject): \($0.reason)" } }
        }
        if !plan.spills.isEmpty {
            lines.append("")
            lines.append("memory spills:")
            lines += plan.spills.map { "  \($0.subject): \($0.reason)" }
        }
        if explain {
            lines.append("")
            lines.append("decisions:")
            lines += plan.decisions.map { "  [\($0.kind.rawValue)] \($0.subject): \($0.reason)" }
            lines += notes.map { "  \($0)" }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
