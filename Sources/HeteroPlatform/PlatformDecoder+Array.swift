import HeteroSupport

/// A regular array of identical tiles (`"arrays"`), expanded into units, memories and links.
///
/// ```json
/// {"name": "aie", "rows": 8, "columns": 50,
///  "tile": { a unit without name, local_memory or resident_memory },
///  "tile_memory": { a memory without name },
///  "interface": {"memory": "ddr4", "bandwidth_gb_s": 10, "latency_us": 0.5, "dma_engines": 2},
///  "weight_interface": {"memory": "ddr4", "bandwidth_gb_s": 10},
///  "neighbour_memory": {"directions": ["north"], "bandwidth_gb_s": 80},
///  "cascade": {"direction": "east", "bandwidth_gb_s": 60},
///  "stream_switch": {"master_ports": 2, "slave_ports": 2, "port_bandwidth_gb_s": 5},
///  "source": {...}}
/// ```
///
/// The tile in row r and column c is unit `aie_rR_cC`, computing from `tile.memory`, with its
/// data memory `aie_rR_cC_mem` as local and resident memory. Links: `interface` joins the named
/// memory to every tile memory (the stream switch route into the array; bidirectional);
/// `weight_interface` (optional) is the one-way route the tiles' weights take from the tile
/// template's `weight_memory` to every tile memory, when the tiles compute from another memory
/// than their weights are stored in (feature maps in PL memory over PLIO, weights from DDR4
/// over the NoC): its `memory` must be the template's `weight_memory` and not the interface's;
/// `neighbour_memory` joins each tile memory to its north (row + 1) and east (column + 1)
/// neighbours' (a tile reads and writes its neighbours' data memories in place: the links are
/// `sharedMemory`, so an activation stays in its producer's data memory for a reader on a
/// neighbouring tile; `"directions"` limits it to `["north"]` or `["east"]`); `cascade` is a one-way link from each tile memory to the
/// next tile's in its direction, along an axis the neighbour links leave free (a second link
/// between two memories would be a duplicate); `stream_switch` gives every tile its place in the
/// stream-switch mesh and its core's stream ports (`StreamSwitch`, routes between tiles). Errors in the template are
/// reported once, at the template's JSON path (`arrays[0].tile.clock_mhz`).
extension PlatformDecoder {
    /// The tile names of the array at row `row`, column `column`.
    static func tileName(_ array: String, row: Int, column: Int) -> String { "\(array)_r\(row)_c\(column)" }
    static func tileMemoryName(_ array: String, row: Int, column: Int) -> String { "\(tileName(array, row: row, column: column))_mem" }

    /// Directions of a cascade chain: the neighbour each tile passes its accumulator to.
    enum CascadeDirection: String, CaseIterable {
        case north, south, east, west

        /// The neighbour links (north or east) joining the same tiles.
        var axis: NeighbourAxis { self == .north || self == .south ? .north : .east }

        var step: (row: Int, column: Int) {
            switch self {
            case .north: (1, 0)
            case .south: (-1, 0)
            case .east: (0, 1)
            case .west: (0, -1)
            }
        }
    }

    /// Directions of neighbour memory links (each link is bidirectional).
    enum NeighbourAxis: String, CaseIterable {
        case north, east
    }

    /// `neighbour_memory.directions`: which neighbours' memories a tile's is linked to (default both).
    private func decodeAxes(_ reader: JSONObjectReader) -> [NeighbourAxis] {
        guard let names = reader.strings("directions", required: false) else { return NeighbourAxis.allCases }
        var axes: [NeighbourAxis] = []
        for (index, name) in names.enumerated() {
            guard let axis = NeighbourAxis(rawValue: name) else {
                problems.report(reader.path.appending("directions").appending(index),
                                "expected \"north\" or \"east\", found \"\(name)\"")
                continue
            }
            if !axes.contains(axis) { axes.append(axis) }
        }
        return NeighbourAxis.allCases.filter(axes.contains)
    }

    /// One element of `arrays`: its units, memories and links, or `nil` when it is not usable.
    func decodeArray(_ value: JSONValue, at path: JSONPath) -> (units: [UnitDraft], memories: [MemoryDraft], links: [LinkDraft])? {
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
        let name = reader.name("name")
        let rows = wholeQuantity(reader, "rows", .arrayDimension)
        let columns = wholeQuantity(reader, "columns", .arrayDimension)
        let tileValue = reader.value("tile")
        let memoryValue = reader.value("tile_memory")
        let interface = reader.object("interface").map { decodeArrayLink($0, memoryKey: true) }
        let weightInterface = reader.object("weight_interface", required: false).map { decodeArrayLink($0, memoryKey: true) }
        let neighbourReader = reader.object("neighbour_memory", required: false)
        let neighbourAxes = neighbourReader.map { decodeAxes($0) } ?? []
        let neighbour = neighbourReader.map { decodeArrayLink($0, memoryKey: false, extra: ["directions"]) }
        let cascadeReader = reader.object("cascade", required: false)
        let direction: CascadeDirection? = cascadeReader.flatMap { choice($0, "direction", noun: "cascade direction") }
        let cascade = cascadeReader.map { decodeArrayLink($0, memoryKey: false, extra: ["direction"]) }
        let streamSwitch = reader.object("stream_switch", required: false).map { decodeStreamSwitch($0, placed: false) }
        _ = sourceNotes(of: reader)  // checked; the notes describe the array object itself
        reader.rejectUnknownKeys()
        if let direction, neighbour != nil, neighbourAxes.contains(direction.axis) {
            problems.report(path.appending("cascade").appending("direction"), "the \(direction.rawValue) cascade joins the tiles "
                            + "that the \(direction.axis.rawValue) neighbour_memory links already join; leave \"\(direction.axis.rawValue)\" "
                            + "out of neighbour_memory.directions")
            return nil
        }
        if let rows, let columns, rows * columns > Platform.maximumUnits {
            problems.report(path, "has \(rows) x \(columns) = \(rows * columns) tiles, more than the \(Platform.maximumUnits) units a platform may have")
            return nil
        }
        if let external = interface?.memory, !declaredMemories.contains(external) {
            problems.report(path.appending("interface").appending("memory"),
                            "unknown memory \"\(external)\"" + nameSuggestion(for: external, in: declaredMemories))
            return nil
        }
        if let weightInterface, !checkWeightInterface(weightInterface, interface: interface, tile: tileValue, at: path) { return nil }
        if case .object(let members)? = tileValue, members["stream_switch"] != nil {
            problems.report(path.appending("tile").appending("stream_switch"),
                            "is generated for each tile from the array's stream_switch (its row and column); give it on the array")
            return nil
        }
        guard let name, let rows, let columns, let tileValue, let memoryValue else { return nil }
        let firstTile = Self.tileName(name, row: 0, column: 0)
        let firstMemory = Self.tileMemoryName(name, row: 0, column: 0)
        guard let tile = decodeTemplate(tileValue, at: path.appending("tile"), generated: [
            "name": firstTile, "local_memory": firstMemory, "resident_memory": firstMemory], decode: decodeUnit),
              let memory = decodeTemplate(memoryValue, at: path.appending("tile_memory"), generated: ["name": firstMemory], decode: decodeMemory)
        else { return nil }

        var units: [UnitDraft] = []
        var memories: [MemoryDraft] = []
        var links: [LinkDraft] = []
        func memoryName(_ row: Int, _ column: Int) -> String { Self.tileMemoryName(name, row: row, column: column) }
        for row in 0..<rows {
            for column in 0..<columns {
                var unit = tile
                unit.unit.name = Self.tileName(name, row: row, column: column)
                unit.unit.localMemory = memoryName(row, column)
                unit.unit.residentMemory = memoryName(row, column)
                if let streamSwitch, let ports = streamSwitch {
                    unit.unit.streamSwitch = StreamSwitch(array: name, row: row, column: column, masterPorts: ports.masterPorts,
                                                          slavePorts: ports.slavePorts, portBandwidthGBs: ports.portBandwidthGBs, source: ports.source)
                }
                units.append(unit)
                var tileMemory = memory
                tileMemory.memory.name = memoryName(row, column)
                memories.append(tileMemory)
                if let interface, let external = interface.memory {
                    links.append(LinkDraft(link: Link(from: external, to: memoryName(row, column), bandwidthGBs: interface.bandwidth,
                                                      latencyUS: interface.latency, dmaEngines: interface.engines,
                                                      pjPerByte: interface.energy, source: interface.source),
                                           path: path.appending("interface")))
                }
                if let weightInterface, let weights = weightInterface.memory {
                    links.append(LinkDraft(link: Link(from: weights, to: memoryName(row, column), bandwidthGBs: weightInterface.bandwidth,
                                                      latencyUS: weightInterface.latency, dmaEngines: weightInterface.engines,
                                                      bidirectional: false, pjPerByte: weightInterface.energy, source: weightInterface.source),
                                           path: path.appending("weight_interface")))
                }
                if let neighbour {
                    for axis in neighbourAxes {
                        let (dr, dc) = axis == .north ? (1, 0) : (0, 1)
                        guard row + dr < rows && column + dc < columns else { continue }
                        links.append(LinkDraft(link: Link(from: memoryName(row, column), to: memoryName(row + dr, column + dc),
                                                          bandwidthGBs: neighbour.bandwidth, latencyUS: neighbour.latency,
                                                          dmaEngines: neighbour.engines, pjPerByte: neighbour.energy, sharedMemory: true,
                                                          source: neighbour.source),
                                               path: path.appending("neighbour_memory")))
                    }
                }
                if let cascade, let direction {
                    let (nextRow, nextColumn) = (row + direction.step.row, column + direction.step.column)
                    if (0..<rows).contains(nextRow) && (0..<columns).contains(nextColumn) {
                        links.append(LinkDraft(link: Link(from: memoryName(row, column), to: memoryName(nextRow, nextColumn),
                                                          bandwidthGBs: cascade.bandwidth, latencyUS: cascade.latency,
                                                          dmaEngines: cascade.engines, bidirectional: false,
                                                          pjPerByte: cascade.energy, source: cascade.source),
                                               path: path.appending("cascade")))
                    }
                }
            }
        }
        return (units, memories, links)
    }

    /// `weight_interface.memory` is declared, is the tile template's `weight_memory`, and is not
    /// the `interface` memory (whose link already joins it to every tile memory).
    private func checkWeightInterface(_ link: ArrayLink, interface: ArrayLink?, tile: JSONValue?, at path: JSONPath) -> Bool {
        guard let weights = link.memory else { return false }
        let at = path.appending("weight_interface").appending("memory")
        if !declaredMemories.contains(weights) {
            problems.report(at, "unknown memory \"\(weights)\"" + nameSuggestion(for: weights, in: declaredMemories))
            return false
        }
        if weights == interface?.memory {
            problems.report(at, "is the interface memory \"\(weights)\", already linked to every tile memory; "
                            + "leave weight_interface out (give the tile template a weight_memory only if it differs from its memory)")
            return false
        }
        guard case .object(let members)? = tile else { return true }
        guard case .string(let templateWeights)? = members["weight_memory"], templateWeights == weights else {
            let template = if case .string(let name)? = members["weight_memory"] { "\"\(name)\"" } else { "not given" }
            problems.report(at, "expected the tile template's weight_memory (the memory the tiles read their weights from); "
                            + "found \"\(weights)\", and tile.weight_memory is \(template)")
            return false
        }
        return true
    }

    /// Decodes a template object after refusing the keys the array generates and adding them.
    private func decodeTemplate<Draft>(_ value: JSONValue, at path: JSONPath, generated: [String: String],
                                       decode: (JSONValue, JSONPath) -> Draft?) -> Draft? {
        guard case .object(var members) = value else {
            problems.report(path, "expected an object, found \(value.kindName)")
            return nil
        }
        var clean = true
        for key in generated.keys.sorted() where members[key] != nil {
            problems.report(path.appending(key), "is generated for each tile (tiles are named <array>_r<row>_c<column>, "
                            + "their data memories <array>_r<row>_c<column>_mem); remove it from the template")
            clean = false
        }
        for (key, name) in generated.sorted(by: { $0.key < $1.key }) { members[key] = .string(name) }
        let before = problems.problems.count
        let draft = decode(.object(members), path)
        return clean && problems.problems.count == before ? draft : nil
    }

    /// The figures of an array's generated links.
    struct ArrayLink {
        var memory: String?
        var bandwidth: Double
        var latency: Double
        var engines: Int
        var energy: Double?
        var source: SourceNotes?
    }

    private func decodeArrayLink(_ reader: JSONObjectReader, memoryKey: Bool, extra: Set<String> = []) -> ArrayLink {
        let memory = memoryKey ? reader.name("memory") : nil
        let bandwidth = quantity(reader, "bandwidth_gb_s", .bandwidthGBs)
        let latency = quantity(reader, "latency_us", .latencyUS, required: false)
        let engines = wholeQuantity(reader, "dma_engines", .dmaEngines, required: false)
        let energy = quantity(reader, "pj_per_byte", .energyPJ, required: false)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys(allowed: extra)
        return ArrayLink(memory: memory, bandwidth: bandwidth ?? 1, latency: latency ?? 0, engines: engines ?? 1, energy: energy,
                         source: source.map(Self.linkNotes))
    }

    /// The notes of an array's link object as notes of each generated link: `memory` annotates
    /// the link's `from`; notes on the array's own keys (`direction`, `directions`) stay with the
    /// array's description, since a link has no such field.
    private static func linkNotes(_ notes: SourceNotes) -> SourceNotes {
        guard case .fields(let fields) = notes else { return notes }
        let linkFields: Set<String> = ["from", "to", "bandwidth_gb_s", "latency_us", "dma_engines", "bidirectional", "pj_per_byte", "*"]
        var kept: [String: String] = [:]
        for (field, note) in fields {
            let name = field == "memory" ? "from" : field
            if linkFields.contains(name) { kept[name] = note }
        }
        return .fields(kept)
    }
}
