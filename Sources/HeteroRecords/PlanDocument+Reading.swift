import Foundation
import HeteroSupport

/// Strict reading of a plan file (`hetero-plan/plan@1`), for `simulate`.
///
/// Everything the simulator executes — the format header, the model and platform names, the
/// predicted makespan, and every field of every operator, transfer, spill copy and buffer — is
/// checked for presence and type, and unknown keys are rejected (a misspelt `"strat_us"` in a
/// hand edit must not be silently ignored). Memory-spill copies (`spill_copies`) are optional
/// (plans without spills may omit them). The sections the simulator does not execute (`units`,
/// `memories`, `spills`, `decisions`, `packing`, `layer_splits`, `solver`, `timings`, the rest of `summary`) are optional and
/// decoded with their own types. Every problem is reported with its JSON path, all at once. The
/// keys are the document's own `CodingKeys`, so writing and reading cannot drift apart.
extension PlanDocument {
    /// Reads and checks the plan file at `path`.
    public static func read(path: String) throws(InputError) -> PlanDocument {
        try read(TextFile.readJSON(path), file: path)
    }

    /// Checks a parsed plan document; `file` names it in errors.
    public static func read(_ value: JSONValue, file: String) throws(InputError) -> PlanDocument {
        let problems = ProblemCollector()
        guard let root = JSONObjectReader.make(value, at: .root, problems: problems) else {
            throw InputError.invalid(file: file, what: "plan", problems: problems.problems)
        }
        typealias Key = CodingKeys
        if let format = root.string(Key.format.rawValue), format != PlanDocument.format {
            problems.report(JSONPath.root.appending(Key.format.rawValue), "unknown format \"\(format)\"; expected \"\(PlanDocument.format)\"")
        }
        let model = root.name(Key.model.rawValue)
        let modelPath = root.name(Key.modelPath.rawValue, required: false)
        let inputShapes = root.strings(Key.inputShapes.rawValue, required: false)
        let profilePath = root.name(Key.profilePath.rawValue, required: false)
        let platform = root.name(Key.platform.rawValue)
        let strategy = root.string(Key.strategy.rawValue, required: false)
        let objective = root.string(Key.objective.rawValue, required: false)
        let summary = root.object(Key.summary.rawValue).flatMap(readSummary)
        let units: [Unit] = decoded(root, Key.units.rawValue) ?? []
        let memories: [Memory] = decoded(root, Key.memories.rawValue) ?? []
        let spills: [Decision] = decoded(root, Key.spills.rawValue) ?? []
        let decisions: [Decision] = decoded(root, Key.decisions.rawValue) ?? []
        let solver: SolverReport? = decoded(root, Key.solver.rawValue)
        let timings: Timings? = decoded(root, Key.timings.rawValue)
        let packing: [UnitPacking]? = decoded(root, Key.packing.rawValue)
        let layerSplits: [LayerSplit]? = decoded(root, Key.layerSplits.rawValue)
        let multicasts: [MulticastRead]? = decoded(root, Key.multicasts.rawValue)
        let handOffs: [SharedHandOff]? = decoded(root, Key.handOffs.rawValue)
        let windowedHandOffs: [WindowedHandOff]? = decoded(root, Key.windowedHandOffs.rawValue)
        let streamRoutes: [StreamRoute]? = decoded(root, Key.streamRoutes.rawValue)
        let operators = entries(root, Key.operators.rawValue, required: true, readOperator)
        let transfers = entries(root, Key.transfers.rawValue, required: true, readTransfer)
        let copies = entries(root, Key.spillCopies.rawValue, required: false, readSpillCopy)
        let buffers = entries(root, Key.buffers.rawValue, required: true, readBuffer)
        root.rejectUnknownKeys()
        guard problems.isEmpty, let model, let platform, let summary else {
            throw InputError.invalid(file: file, what: "plan", problems: problems.problems)
        }
        var document = PlanDocument(model: model, modelPath: modelPath, inputShapes: inputShapes, profilePath: profilePath, platform: platform,
                                    strategy: strategy ?? "", objective: objective ?? "", summary: summary, units: units, operators: operators,
                                    transfers: transfers, memories: memories, buffers: buffers, spills: spills, spillCopies: copies,
                                    decisions: decisions, solver: solver, timings: timings)
        document.packing = packing
        document.layerSplits = layerSplits
        document.multicasts = multicasts
        document.handOffs = handOffs
        document.windowedHandOffs = windowedHandOffs
        document.streamRoutes = streamRoutes
        return document
    }

    /// The summary: the predicted makespan is required (the simulation is compared with it);
    /// the other figures are optional and read as 0 when absent.
    private static func readSummary(_ summary: JSONObjectReader) -> Summary? {
        typealias Key = Summary.CodingKeys
        let makespan = summary.number(Key.makespanUS.rawValue, .nonNegative)
        func figure(_ key: Key) -> Double? { summary.number(key.rawValue, required: false) }
        func count(_ key: Key) -> Int { summary.integer(key.rawValue, required: false, .nonNegative) ?? 0 }
        let lowerBound = figure(.lowerBoundUS), gap = figure(.gap), simulated = figure(.simulatedMakespanUS)
        let energy = figure(.energyUJ), interval = figure(.intervalUS)
        let switches = count(.unitSwitches), subgraphs = count(.subgraphs), transfers = count(.transfers), bytes = count(.transferBytes)
        let simulation: Simulation? = decoded(summary, Key.simulation.rawValue)
        summary.rejectUnknownKeys()
        guard let makespan else { return nil }
        return Summary(makespanUS: makespan, lowerBoundUS: lowerBound ?? 0, gap: gap ?? 0, simulatedMakespanUS: simulated,
                       simulation: simulation, unitSwitches: switches, subgraphs: subgraphs, transfers: transfers, transferBytes: bytes,
                       energyUJ: energy, intervalUS: interval)
    }

    private static func readOperator(_ entry: JSONObjectReader) -> PlacedOperator? {
        typealias Key = PlacedOperator.CodingKeys
        let name = entry.name(Key.name.rawValue)
        let type = entry.string(Key.type.rawValue, required: false)
        let unit = entry.name(Key.unit.rawValue)
        let start = entry.number(Key.startUS.rawValue, .nonNegative)
        let finish = entry.number(Key.finishUS.rawValue, .nonNegative)
        entry.rejectUnknownKeys()
        if let start, let finish, finish < start {
            entry.problems.report(entry.path.appending(Key.finishUS.rawValue),
                                  "finishes at \(HeteroSupport.format(finish)) us, before its start at \(HeteroSupport.format(start)) us")
        }
        guard let name, let unit, let start, let finish else { return nil }
        return PlacedOperator(name: name, type: type ?? "", unit: unit, startUS: start, finishUS: finish)
    }

    private static func readTransfer(_ entry: JSONObjectReader) -> Transfer? {
        typealias Key = Transfer.CodingKeys
        let tensor = entry.name(Key.tensor.rawValue)
        let producer = entry.name(Key.producer.rawValue)
        let from = entry.name(Key.fromUnit.rawValue)
        let to = entry.name(Key.toUnit.rawValue)
        let bytes = entry.integer(Key.bytes.rawValue, .nonNegative)
        let start = entry.number(Key.startUS.rawValue, .nonNegative)
        let finish = entry.number(Key.finishUS.rawValue, .nonNegative)
        entry.rejectUnknownKeys()
        guard let tensor, let producer, let from, let to, let bytes, let start, let finish else { return nil }
        return Transfer(tensor: tensor, producer: producer, fromUnit: from, toUnit: to, bytes: bytes, startUS: start, finishUS: finish)
    }

    private static func readSpillCopy(_ entry: JSONObjectReader) -> SpillCopy? {
        typealias Key = SpillCopy.CodingKeys
        let named = entry.name(Key.kind.rawValue)
        let kind = named.flatMap(SpillKind.init(rawValue:))
        if let named, kind == nil {
            entry.problems.report(entry.path.appending(Key.kind.rawValue), "unknown copy kind \"\(named)\"; expected \"store\", \"reload\", \"prefetch\" or \"recompute\"")
        }
        let tensor = entry.name(Key.tensor.rawValue)
        let from = entry.name(Key.fromMemory.rawValue)
        let to = entry.name(Key.toMemory.rawValue)
        let bytes = entry.integer(Key.bytes.rawValue, .nonNegative)
        let start = entry.number(Key.startUS.rawValue, .nonNegative)
        let finish = entry.number(Key.finishUS.rawValue, .nonNegative)
        let consumer = entry.name(Key.consumer.rawValue, required: false)
        let producer = entry.name(Key.producer.rawValue, required: kind == .recompute)
        let unit = entry.name(Key.unit.rawValue, required: kind == .recompute)
        let inputs = entry.strings(Key.inputs.rawValue, required: kind == .recompute)
        entry.rejectUnknownKeys()
        if kind == .reload || kind == .prefetch || kind == .recompute, consumer == nil, entry.has(Key.consumer.rawValue) == false {
            entry.problems.report(entry.path, "a \(kind!.rawValue) names the operator it is made for in \"\(Key.consumer.rawValue)\"")
        }
        guard let kind, let tensor, let from, let to, let bytes, let start, let finish else { return nil }
        return SpillCopy(kind: kind, tensor: tensor, fromMemory: from, toMemory: to, bytes: bytes, startUS: start, finishUS: finish,
                         consumer: consumer, producer: producer, unit: unit, inputs: inputs)
    }

    private static func readBuffer(_ entry: JSONObjectReader) -> Buffer? {
        typealias Key = Buffer.CodingKeys
        let tensor = entry.name(Key.tensor.rawValue)
        let memory = entry.name(Key.memory.rawValue)
        let offset = entry.integer(Key.offset.rawValue, .nonNegative)
        let bytes = entry.integer(Key.bytes.rawValue, .nonNegative)
        let start = entry.number(Key.startUS.rawValue, .nonNegative)
        let end = entry.number(Key.endUS.rawValue, .nonNegative)
        entry.rejectUnknownKeys()
        guard let tensor, let memory, let offset, let bytes, let start, let end else { return nil }
        return Buffer(tensor: tensor, memory: memory, offset: offset, bytes: bytes, startUS: start, endUS: end)
    }

    /// Every element of the array `key` read as an object by `read`; elements with problems are
    /// left out (their problems are reported).
    private static func entries<Entry>(_ root: JSONObjectReader, _ key: String, required: Bool,
                                       _ read: (JSONObjectReader) -> Entry?) -> [Entry] {
        (root.array(key, required: required) ?? []).compactMap { element, path in
            JSONObjectReader.make(element, at: path, problems: root.problems).flatMap(read)
        }
    }

    /// The optional section `key` decoded as `T`, or nil when absent; a section that does not
    /// decode is reported at its JSON path.
    private static func decoded<T: Decodable>(_ object: JSONObjectReader, _ key: String) -> T? {
        guard let value = object.value(key, required: false) else { return nil }
        let path = object.path.appending(key)
        do {
            return try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
        } catch let DecodingError.keyNotFound(missing, context) {
            object.problems.report(path.appending(codingPath: context.codingPath + [missing]), "missing required key")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            object.problems.report(path.appending(codingPath: context.codingPath), context.debugDescription)
        } catch {
            object.problems.report(path, "\(error)")
        }
        return nil
    }
}

private extension JSONPath {
    func appending(codingPath: [any CodingKey]) -> JSONPath {
        codingPath.reduce(self) { path, key in key.intValue.map(path.appending) ?? path.appending(key.stringValue) }
    }
}
