import HeteroSupport

extension PlatformDecoder {
    /// The top-level `interconnect`.
    func decodeInterconnect(_ reader: JSONObjectReader) -> Interconnect {
        let contention = reader.bool("contention")
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        return Interconnect(contention: contention ?? true, source: source)
    }

    /// The top-level `host`.
    func decodeHost(_ reader: JSONObjectReader) -> HostOverheads {
        let submit = quantity(reader, "submit_us", .overheadUS)
        let sync = quantity(reader, "sync_us", .overheadUS)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        return HostOverheads(submitUS: submit ?? 0, syncUS: sync ?? 0, source: source)
    }
}
