import HeteroSupport

extension PlatformDecoder {
    /// One element of `links`.
    func decodeLink(_ value: JSONValue, at path: JSONPath) -> LinkDraft? {
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
        let from = reader.name("from")
        let to = reader.name("to")
        let bandwidth = quantity(reader, "bandwidth_gb_s", .bandwidthGBs)
        let latency = quantity(reader, "latency_us", .latencyUS, required: false)
        let engines = wholeQuantity(reader, "dma_engines", .dmaEngines, required: false)
        let bidirectional = reader.bool("bidirectional", required: false)
        let energy = quantity(reader, "pj_per_byte", .energyPJ, required: false)
        let shared = reader.bool("shared_memory", required: false)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()

        // Placeholders stand in for fields already reported; see `UnitDraft`.
        let link = Link(from: from ?? "", to: to ?? "", bandwidthGBs: bandwidth ?? 1, latencyUS: latency ?? 0,
                        dmaEngines: engines ?? 1, bidirectional: bidirectional ?? true, pjPerByte: energy,
                        sharedMemory: shared ?? false, source: source)
        return LinkDraft(link: link, path: path)
    }
}
