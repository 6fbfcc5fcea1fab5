import Foundation
import HeteroPlan
import HeteroRecords

/// The human-readable form of a simulation: makespans, then per unit, link and memory.
enum SimulationTable {
    static func render(_ simulation: PlanDocument.Simulation) -> String {
        var lines: [String] = []
        // Differences below the printed precision are shown as 0 (not -0.000).
        let difference = abs(simulation.differenceUS) < 5e-4 ? 0 : simulation.differenceUS
        let relative = abs(simulation.relativeDifference) < 5e-7 ? 0 : simulation.relativeDifference
        lines.append(String(format: "simulated  %.3f us   predicted %.3f us   difference %+.3f us (%+.4f%%)   contention %@   %d events",
                            simulation.makespanUS, simulation.predictedMakespanUS, difference, 100 * relative,
                            simulation.contention ? "on" : "off", simulation.events))
        lines.append("")
        let units = TextTable(headers: ["unit", "ops", "busy us", "util %", "cmd path us", "contention us", "stall input", "stall transfer",
                                        "stall memory", "drained us"],
                              alignRight: [false, true, true, true, true, true, true, true, true, true])
        lines.append(units.render(simulation.units.map {
            [$0.name, String($0.operators), String(format: "%.3f", $0.busyUS), String(format: "%.1f", 100 * $0.utilisation),
             String(format: "%.3f", $0.overheadUS), String(format: "%.3f", $0.contentionUS), String(format: "%.3f", $0.stallInputUS),
             String(format: "%.3f", $0.stallTransferUS), String(format: "%.3f", $0.stallMemoryUS), String(format: "%.3f", $0.drainedUS)]
        }))
        let usedLinks = simulation.links.filter { $0.transfers > 0 }
        if !usedLinks.isEmpty {
            lines.append("")
            let links = TextTable(headers: ["link", "transfers", "bytes", "busy us", "util %", "queue wait us"],
                                  alignRight: [false, true, true, true, true, true])
            lines.append(links.render(usedLinks.map {
                [$0.link, String($0.transfers), Quantity.bytes($0.bytes), String(format: "%.3f", $0.busyUS),
                 String(format: "%.1f", 100 * $0.utilisation), String(format: "%.3f", $0.queueWaitUS)]
            }))
        }
        lines.append("")
        let memories = TextTable(headers: ["memory", "peak live", "highest address", "capacity"], alignRight: [false, true, true, true])
        lines.append(memories.render(simulation.memories.map {
            [$0.name, Quantity.bytes($0.peakLiveBytes), Quantity.bytes($0.peakAddress), $0.capacityBytes.map(Quantity.bytes) ?? "unlimited"]
        }))
        return lines.joined(separator: "\n") + "\n"
    }
}
