import HeteroSupport

extension PlatformDecoder {
    /// One element of `units`.
    func decodeUnit(_ value: JSONValue, at path: JSONPath) -> UnitDraft? {
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
        let name = reader.name("name")
        let kind: UnitKind? = choice(reader, "kind", noun: "unit kind")
        let clock = quantity(reader, "clock_mhz", .clockMHz)
        let computeType: DataType? = reader.string("compute_type", required: false)
            .flatMap { dataType($0, at: path.appending("compute_type")) }
        let macs = dataTypeTable(reader, "macs_per_cycle", .operationsPerCycle)
        let vector = dataTypeTable(reader, "vector_ops_per_cycle", .operationsPerCycle)
        let memory = reader.name("memory")
        let weightMemory = reader.name("weight_memory", required: false)
        let localMemory = reader.name("local_memory", required: false)
        let residentMemory = reader.name("resident_memory", required: false)
        let canTile = reader.bool("can_tile", required: false)
        let grouped = reader.object("grouped_convolution", required: false).flatMap(decodeGroupedConvolution)
        let alignment = reader.object("channel_alignment", required: false).flatMap(decodeChannelAlignment)
        let programMemory = wholeQuantity(reader, "program_memory_bytes", .programBytes, required: false)
        let multicast = reader.object("multicast", required: false).map(decodeMulticast)
        let streamSwitch = reader.object("stream_switch", required: false).map { decodeStreamSwitch($0, placed: true) }
        let commandPath = reader.object("command_path").map(decodeCommandPath)
        let operators = reader.object("operators").map(decodeOperators) ?? [:]
        let fusion = decodeFusionPatterns(reader)
        let energy = reader.object("energy", required: false).map(decodeEnergy)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        // An invalid program_memory_bytes is reported already: the entries are not checked against it.
        if programMemory != nil || !reader.keys.contains("program_memory_bytes") {
            checkProgramBytes(operators, unitHasProgramMemory: programMemory != nil, at: path.appending("operators"))
        }

        // Placeholders stand in for fields already reported; see `UnitDraft`.
        let unit = ProcessingUnit(
            name: name ?? "", kind: kind ?? .cpu, clockMHz: clock ?? 1, computeType: computeType,
            macsPerCycle: macs, vectorOpsPerCycle: vector, memory: memory ?? "", weightMemory: weightMemory, localMemory: localMemory, residentMemory: residentMemory,
            canTile: canTile ?? true, groupedConvolution: grouped, channelAlignment: alignment, programMemoryBytes: programMemory, multicast: multicast ?? nil, commandPath: commandPath ?? .free, operators: operators,
            fusionPatterns: fusion.map(\.pattern), energy: energy, source: source)
        var placed = unit
        placed.streamSwitch = streamSwitch ?? nil
        return UnitDraft(unit: placed, path: path, fusionPaths: fusion.map { ($0.path, $0.operatorPaths) })
    }

    /// Every operator entry of a unit with `program_memory_bytes` gives its kernel's
    /// `program_bytes`, and no entry of a unit without one does (it would be ignored).
    func checkProgramBytes(_ operators: [String: OperatorSupport], unitHasProgramMemory: Bool, at path: JSONPath) {
        for type in operators.keys.sorted() {
            let given = operators[type]!.programBytes != nil
            if unitHasProgramMemory && !given {
                problems.report(path.appending(type), "needs \"program_bytes\" (the size of its kernel's program): the unit has a program_memory_bytes")
            } else if !unitHasProgramMemory && given {
                problems.report(path.appending(type).appending("program_bytes"), "applies only on a unit with \"program_memory_bytes\"; add that to the unit or remove this")
            }
        }
    }

    /// A unit's `multicast`: `max_destinations` (operators one read feeds) and `buffer_bytes`
    /// (one receive window in a destination's local memory).
    func decodeMulticast(_ reader: JSONObjectReader) -> Multicast? {
        let destinations = wholeQuantity(reader, "max_destinations", .multicastDestinations)
        let buffer = wholeQuantity(reader, "buffer_bytes", .capacityBytes)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        guard let destinations, let buffer else { return nil }
        return Multicast(maxDestinations: destinations, bufferBytes: buffer, source: source)
    }

    /// A unit's `command_path`.
    func decodeCommandPath(_ reader: JSONObjectReader) -> CommandPath {
        let kind: CommandPathKind? = choice(reader, "kind", noun: "command path kind")
        let submit = quantity(reader, "submit_us", .overheadUS)
        let sync = quantity(reader, "sync_us", .overheadUS)
        let operation = quantity(reader, "operation_us", .overheadUS, required: false)
        let queue = reader.name("queue", required: false)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        return CommandPath(kind: kind ?? .direct, submitUS: submit ?? 0, syncUS: sync ?? 0, operationUS: operation ?? 0,
                           queue: queue, source: source)
    }

    /// A unit's `grouped_convolution`: exactly one of `reduction_width` (input channels the MAC
    /// array reduces per output per cycle, with an optional measured `efficiency` and the
    /// `data_types` it applies to) and
    /// `expanded_to_dense: true`.
    func decodeGroupedConvolution(_ reader: JSONObjectReader) -> GroupedConvolution? {
        let givesWidth = reader.value("reduction_width", required: false) != nil
        let width = wholeQuantity(reader, "reduction_width", .operatorLimit, required: false)
        let givesEfficiency = reader.value("efficiency", required: false) != nil
        let efficiency = quantity(reader, "efficiency", .efficiency, required: false)
        let givesTypes = reader.value("data_types", required: false) != nil
        let types = dataTypes(reader, "data_types")
        let dense = reader.bool("expanded_to_dense", required: false)
        reader.rejectUnknownKeys()
        if givesEfficiency, !givesWidth {
            problems.report(reader.path.appending("efficiency"), "applies only with \"reduction_width\" (the efficiency of the reduced MAC array)")
            return nil
        }
        if givesTypes, !givesWidth {
            problems.report(reader.path.appending("data_types"), "applies only with \"reduction_width\" (the data types whose MAC array reduces that many input channels)")
            return nil
        }
        switch (givesWidth, dense) {
        case (true, nil): return width.map { .reductionWidth($0, efficiency: efficiency, dataTypes: types) }
        case (false, true?): return .expandedToDense
        case (false, false?):
            problems.report(reader.path.appending("expanded_to_dense"), "must be true when given (omit grouped_convolution for a unit that runs grouped convolutions at its full rate)")
        case (false, nil):
            problems.report(reader.path, "expected \"reduction_width\" (input channels the MAC array reduces per output per cycle) or \"expanded_to_dense\": true")
        case (true, _?):
            problems.report(reader.path, "give either \"reduction_width\" or \"expanded_to_dense\", not both")
        }
        return nil
    }

    /// A unit's `energy`.
    func decodeEnergy(_ reader: JSONObjectReader) -> EnergyModel {
        let perMAC = dataTypeTable(reader, "pj_per_mac", .energyPJ)
        let perVectorOp = dataTypeTable(reader, "pj_per_vector_op", .energyPJ)
        let idle = quantity(reader, "idle_mw", .powerMW, required: false)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        return EnergyModel(pjPerMAC: perMAC, pjPerVectorOp: perVectorOp, idleMW: idle, source: source)
    }
}
