import HeteroSupport

extension PlatformDecoder {
    /// One element of `memories`.
    func decodeMemory(_ value: JSONValue, at path: JSONPath) -> MemoryDraft? {
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
        let name = reader.name("name")
        let kind: MemoryKind? = choice(reader, "kind", noun: "memory kind")
        let capacity = decodeCapacity(reader)
        let bandwidth = quantity(reader, "bandwidth_gb_s", .bandwidthGBs)
        let latency = quantity(reader, "latency_us", .latencyUS, required: false)
        var attached: [String] = []
        var attachedPaths: [JSONPath] = []
        for element in reader.array("attached", required: false) ?? [] {
            guard case .string(let unit) = element.value else {
                problems.report(element.path, "expected a unit name, found \(element.value.kindName)")
                continue
            }
            attached.append(unit)
            attachedPaths.append(element.path)
        }
        let energy = quantity(reader, "pj_per_byte", .energyPJ, required: false)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()

        // Placeholders stand in for fields already reported; see `UnitDraft`.
        let memory = Memory(name: name ?? "", kind: kind ?? .dram, capacityBytes: capacity ?? nil,
                            bandwidthGBs: bandwidth ?? 1, latencyUS: latency ?? 0, attached: attached,
                            pjPerByte: energy, source: source)
        return MemoryDraft(memory: memory, path: path, attachedPaths: attachedPaths)
    }

    /// `capacity_bytes`: a positive whole number, or `"unlimited"` (returned as `.some(nil)`).
    /// `nil` means the value was missing or wrong and has been reported.
    private func decodeCapacity(_ reader: JSONObjectReader) -> Int?? {
        let key = "capacity_bytes"
        let path = reader.path.appending(key)
        guard let value = reader.value(key) else { return nil }
        switch value {
        case .string(Memory.unlimited):
            return .some(nil)
        case .number:
            return wholeQuantity(reader, key, .capacityBytes).map { .some($0) }
        case .string(let text):
            problems.report(path, "expected a whole number of bytes or \"\(Memory.unlimited)\", found \"\(text)\"")
        default:
            problems.report(path, "expected a whole number of bytes or \"\(Memory.unlimited)\", found \(value.kindName)")
        }
        return nil
    }
}
