import HeteroSupport

extension PlatformSummary: CustomStringConvertible {
    /// The human summary `hetero-plan check` prints.
    public var description: String {
        var lines = ["platform \"\(name)\" (\(fileFormat)) from \(file)"]
        if let text = platformDescription { lines.append("  \(text)") }

        lines.append("units (\(units.count)):")
        for unit in units {
            var head = "  \(unit.name): \(unit.kind.rawValue), \(format(unit.clockMHz)) MHz"
            if let type = unit.computeType { head += ", computes in \(type.rawValue)" }
            lines.append(head)
            if !unit.peakGMACsPerSecond.isEmpty { lines.append("    peak MAC/s: " + Self.rates(unit.peakGMACsPerSecond)) }
            if !unit.peakGVectorOpsPerSecond.isEmpty { lines.append("    peak vector op/s: " + Self.rates(unit.peakGVectorOpsPerSecond)) }
            var support = unit.supportsAllOperators ? "every operator type (\"*\")" : "\(unit.operators.count) operator type\(unit.operators.count == 1 ? "" : "s")"
            if unit.supportsAllOperators && !unit.operators.isEmpty { support += "; own entries for \(unit.operators.count)" }
            if !unit.operators.isEmpty { support += ": " + unit.operators.joined(separator: ", ") }
            lines.append("    operators: " + support)
            if !unit.fusionPatterns.isEmpty { lines.append("    fusion: " + unit.fusionPatterns.joined(separator: "; ")) }
            var memory = "    memory: \(unit.memory)"
            if let weights = unit.weightMemory { memory += ", weights from \(weights)" }
            if let local = unit.localMemory { memory += ", local memory \(local)" + (unit.canTile ? " (tiles larger working sets)" : " (no tiling)") }
            if let resident = unit.residentMemory { memory += ", keeps activations in \(resident) where they fit" }
            if let program = unit.programMemoryBytes { memory += ", \(program)-byte program memory for its kernels" }
            lines.append(memory)
            var path = "    command path: \(unit.commandPath.rawValue), submit \(format(unit.submitUS)) us per subgraph, "
                + "\(format(unit.operationUS)) us per operator, sync \(format(unit.syncUS)) us"
            if let queue = unit.queue { path += ", queue \(queue)" }
            lines.append(path)
        }

        lines.append("memories (\(memories.count)):")
        for memory in memories {
            var line = "  \(memory.name): \(memory.kind.rawValue), \(Self.bytes(memory.capacityBytes)), "
                + "\(format(memory.bandwidthGBs)) GB/s, latency \(format(memory.latencyUS)) us"
            if !memory.units.isEmpty { line += ", units " + memory.units.joined(separator: ", ") }
            lines.append(line)
        }

        lines.append("links (\(links.count)):")
        for link in links {
            let arrow = link.bidirectional ? "<->" : "->"
            let engines = link.dmaEngines == 1 ? "1 DMA engine" : "\(link.dmaEngines) DMA engines"
            lines.append("  \(link.from) \(arrow) \(link.to): \(format(link.bandwidthGBs)) GB/s, latency \(format(link.latencyUS)) us, \(engines)")
        }

        lines.append("interconnect: contention \(contention ? "on" : "off")")
        lines.append("host: submit \(format(hostSubmitUS)) us, sync \(format(hostSyncUS)) us per inference")
        if warnings.isEmpty {
            lines.append("warnings: none")
        } else {
            lines.append("warnings (\(warnings.count)):")
            lines.append(contentsOf: warnings.map { "  \($0)" })
        }
        return lines.joined(separator: "\n")
    }

    /// `int8 2048 G, float16 1024 G`, named types in declaration order, then `*`.
    private static func rates(_ table: [String: Double]) -> String {
        let order = DataType.allCases.map(\.rawValue) + ["*"]
        return order.compactMap { name in table[name].map { "\(name) \(format($0)) G" } }.joined(separator: ", ")
    }

    /// `512 KiB`, `4 GiB`, `1000 bytes` or `unlimited`.
    static func bytes(_ count: Int?) -> String {
        guard let count else { return "unlimited" }
        for (unit, size) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where count >= size && count % size == 0 {
            return "\(count / size) \(unit)"
        }
        return count == 1 ? "1 byte" : "\(count) bytes"
    }
}
