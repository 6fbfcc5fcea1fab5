import HeteroPlan
import HeteroSupport

/// Strict reading of a plan file (`hetero-plan/plan@1`) for the simulator.
///
/// Everything the simulator executes — the format header, the model and platform names, the
/// predicted makespan, and every field of every operator, transfer and buffer — is checked for
/// presence and type, and unknown keys are rejected (a misspelt `"strat_us"` in a hand edit must
/// not be silently ignored). Memory-spill copies (`spill_copies`) are optional (plans without
/// spills may omit them). Sections the simulator does not execute (`units`, `memories`,
/// `spills`, `decisions`, `solver`, `timings`, the rest of `summary`) are checked only for their
/// JSON type. Every problem is reported with its JSON path, all at once.
public enum PlanFileReader {
    /// Reads and checks the plan file at `path`.
    public static func read(path: String) throws(InputError) -> PlanFile {
        try read(TextFile.readJSON(path), file: path)
    }

    /// Checks a parsed plan document; `file` names it in errors.
    public static func read(_ value: JSONValue, file: String) throws(InputError) -> PlanFile {
        let problems = ProblemCollector()
        guard let root = JSONObjectReader.make(value, at: .root, problems: problems) else {
            throw InputError.invalid(file: file, what: "plan", problems: problems.problems)
        }
        if let format = root.string("format"), format != PlanDocument.format {
            problems.report(JSONPath.root.appending("format"), "unknown format \"\(format)\"; expected \"\(PlanDocument.format)\"")
        }
        let model = root.name("model")
        let modelPath = root.name("model_path", required: false)
        let inputShapes = root.strings("input_shapes", required: false) ?? []
        let profilePath = root.name("profile_path", required: false)
        let platform = root.name("platform")
        let strategy = root.string("strategy", required: false)
        _ = root.string("objective", required: false)
        var makespan: Double?
        if let summary = root.object("summary") {
            makespan = summary.number("makespan_us", .nonNegative)
            for key in ["lower_bound_us", "gap", "simulated_makespan_us", "unit_switches", "subgraphs", "transfers", "transfer_bytes",
                        "energy_uj", "interval_us"] {
                _ = summary.number(key, required: false)
            }
            _ = summary.object("simulation", required: false)
            summary.rejectUnknownKeys()
        }
        for key in ["units", "memories", "spills", "decisions"] { _ = root.array(key, required: false) }
        for key in ["solver", "timings"] { _ = root.object(key, required: false) }

        var operators: [PlanFile.Operator] = []
        for (element, path) in root.array("operators") ?? [] {
            guard let entry = JSONObjectReader.make(element, at: path, problems: problems) else { continue }
            let name = entry.name("name")
            _ = entry.string("type", required: false)
            let unit = entry.name("unit")
            let start = entry.number("start_us", .nonNegative)
            let finish = entry.number("finish_us", .nonNegative)
            entry.rejectUnknownKeys()
            if let start, let finish, finish < start {
                problems.report(path.appending("finish_us"), "finishes at \(format(finish)) us, before its start at \(format(start)) us")
            }
            if let name, let unit, let start, let finish {
                operators.append(PlanFile.Operator(name: name, unit: unit, startUS: start, finishUS: finish, path: path))
            }
        }
        var transfers: [PlanFile.Transfer] = []
        for (element, path) in root.array("transfers") ?? [] {
            guard let entry = JSONObjectReader.make(element, at: path, problems: problems) else { continue }
            let tensor = entry.name("tensor")
            let producer = entry.name("producer")
            let from = entry.name("from_unit")
            let to = entry.name("to_unit")
            let bytes = entry.integer("bytes", .nonNegative)
            let start = entry.number("start_us", .nonNegative)
            let finish = entry.number("finish_us", .nonNegative)
            entry.rejectUnknownKeys()
            if let tensor, let producer, let from, let to, let bytes, let start, let finish {
                transfers.append(PlanFile.Transfer(tensor: tensor, producer: producer, fromUnit: from, toUnit: to, bytes: bytes,
                                                   startUS: start, finishUS: finish, path: path))
            }
        }
        var copies: [PlanFile.Copy] = []
        for (element, path) in root.array("spill_copies", required: false) ?? [] {
            guard let entry = JSONObjectReader.make(element, at: path, problems: problems) else { continue }
            let kind = entry.name("kind")
            if let kind, kind != "store" && kind != "reload" {
                problems.report(path.appending("kind"), "unknown copy kind \"\(kind)\"; expected \"store\" or \"reload\"")
            }
            let tensor = entry.name("tensor")
            let from = entry.name("from_memory")
            let to = entry.name("to_memory")
            let bytes = entry.integer("bytes", .nonNegative)
            let start = entry.number("start_us", .nonNegative)
            let finish = entry.number("finish_us", .nonNegative)
            let consumer = entry.name("consumer", required: false)
            entry.rejectUnknownKeys()
            if kind == "reload" && consumer == nil && entry.has("consumer") == false {
                problems.report(path, "a reload names the operator it is made for in \"consumer\"")
            }
            if let kind, let tensor, let from, let to, let bytes, let start, let finish {
                copies.append(PlanFile.Copy(kind: kind, tensor: tensor, fromMemory: from, toMemory: to, bytes: bytes, startUS: start,
                                            finishUS: finish, consumer: consumer, path: path))
            }
        }
        var buffers: [PlanFile.Buffer] = []
        for (element, path) in root.array("buffers") ?? [] {
            guard let entry = JSONObjectReader.make(element, at: path, problems: problems) else { continue }
            let tensor = entry.name("tensor")
            let memory = entry.name("memory")
            let offset = entry.integer("offset", .nonNegative)
            let bytes = entry.integer("bytes", .nonNegative)
            let start = entry.number("start_us", .nonNegative)
            let end = entry.number("end_us", .nonNegative)
            entry.rejectUnknownKeys()
            if let tensor, let memory, let offset, let bytes, let start, let end {
                buffers.append(PlanFile.Buffer(tensor: tensor, memory: memory, offset: offset, bytes: bytes, startUS: start, endUS: end,
                                               path: path))
            }
        }
        root.rejectUnknownKeys()
        guard problems.isEmpty, let model, let platform, let makespan else {
            throw InputError.invalid(file: file, what: "plan", problems: problems.problems)
        }
        return PlanFile(file: file, model: model, modelPath: modelPath, inputShapes: inputShapes, profilePath: profilePath,
                        platform: platform, strategy: strategy, makespanUS: makespan, operators: operators, transfers: transfers,
                        copies: copies, buffers: buffers)
    }
}
