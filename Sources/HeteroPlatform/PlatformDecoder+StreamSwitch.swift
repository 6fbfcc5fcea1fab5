import HeteroSupport

/// `stream_switch` (`StreamSwitch`): on an array, every tile's stream ports
/// (`{"master_ports": 2, "slave_ports": 2, "port_bandwidth_gb_s": 5}`); on a unit (a platform
/// written out tile by tile), also the tile's `array`, `row` and `column`.
extension PlatformDecoder {
    /// The stream switch an object describes; on an array (`placed` false) its place is left at
    /// row and column 0 of no array, for the array to set per tile. Nil when a figure is missing.
    func decodeStreamSwitch(_ reader: JSONObjectReader, placed: Bool) -> StreamSwitch? {
        let array = placed ? reader.name("array") : ""
        let row = placed ? wholeQuantity(reader, "row", .arrayPosition) : 0
        let column = placed ? wholeQuantity(reader, "column", .arrayPosition) : 0
        let master = wholeQuantity(reader, "master_ports", .streamPorts)
        let slave = wholeQuantity(reader, "slave_ports", .streamPorts)
        let bandwidth = quantity(reader, "port_bandwidth_gb_s", .bandwidthGBs)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        guard let array, let row, let column, let master, let slave, let bandwidth else { return nil }
        return StreamSwitch(array: array, row: row, column: column, masterPorts: master, slavePorts: slave, portBandwidthGBs: bandwidth,
                            source: source)
    }
}
