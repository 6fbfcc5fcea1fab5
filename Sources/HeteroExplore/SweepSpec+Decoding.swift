import Foundation
import HeteroImport
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroSupport

extension SweepSpec {
    /// Reads and validates a sweep spec.
    ///
    /// - Parameter strategies: the strategy names this build knows (the CLI's `--strategy` values).
    /// - Throws: `InputError` naming the spec file with every problem and its JSON path — unknown
    ///   pointer, empty axis, a value of the wrong type or one that makes the platform invalid,
    ///   an unimplemented objective, an unknown strategy, a model that does not load.
    public static func load(path: String, strategies: [String]) throws(InputError) -> SweepSpec {
        try decode(TextFile.readJSON(path), file: path, strategies: strategies)
    }

    /// Decodes a parsed spec; relative paths are resolved against `file`'s directory.
    public static func decode(_ document: JSONValue, file: String, strategies known: [String]) throws(InputError) -> SweepSpec {
        let problems = ProblemCollector()
        let directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : directory.appendingPathComponent(relative).standardizedFileURL.path
        }
        func fail() -> InputError { .invalid(file: file, what: "sweep spec", problems: problems.problems) }

        guard let root = JSONObjectReader.make(document, at: .root, problems: problems) else { throw fail() }
        if let format = root.string("format"), format != formatIdentifier {
            problems.report(JSONPath.root.appending("format"), "expected \"\(formatIdentifier)\", found \"\(format)\"")
        }
        _ = root.value("$schema", required: false)
        let name = root.name("name")
        if let name, !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) {
            problems.report(JSONPath.root.appending("name"), "use only letters, digits, '-', '_' and '.' (it names the results directory)")
        }
        let description = root.string("description", required: false)

        // Base platform: must load on its own.
        var basePath: String?
        var base: JSONValue?
        if let relative = root.string("base_platform") {
            let resolved = resolve(relative)
            basePath = resolved
            do {
                let value = try TextFile.readJSON(resolved)
                _ = try Platform.decode(value, file: resolved)
                base = value
            } catch {
                problems.report(JSONPath.root.appending("base_platform"), "\(error)")
            }
        }

        let (axes, valuesPaths) = decodeAxes(root, base: base, problems: problems)
        let models = decodeModels(root, resolve: resolve, problems: problems)

        let strategies = root.strings("strategies") ?? []
        if root.has("strategies"), strategies.isEmpty {
            problems.report(JSONPath.root.appending("strategies"), "list at least one strategy")
        }
        for (index, strategy) in strategies.enumerated() where !known.contains(strategy) {
            var message = "unknown strategy \"\(strategy)\""
            if let guess = Spelling.closest(to: strategy, in: known) { message += " (did you mean \"\(guess)\"?)" }
            problems.report(JSONPath.root.appending("strategies").appending(index), message + "; known: \(known.joined(separator: ", "))")
        }
        if Set(strategies).count != strategies.count {
            problems.report(JSONPath.root.appending("strategies"), "lists a strategy twice")
        }

        let objectives = root.has("objectives") ? (root.strings("objectives") ?? []) : ["latency"]
        if objectives.isEmpty { problems.report(JSONPath.root.appending("objectives"), "list at least one objective") }
        for (index, objective) in objectives.enumerated() where !implementedObjectives.contains(objective) {
            problems.report(JSONPath.root.appending("objectives").appending(index),
                            "unknown objective \"\(objective)\"; the planner implements \(implementedObjectives.joined(separator: ", "))")
        }

        let cost = root.object("cost", required: false).flatMap { decodeCost($0, base: base) }
        let sampling = decodeSampling(root.value("sampling", required: false), problems: problems)

        var plannerTimeLimit: Double?
        var plannerSeed: UInt64 = 1
        var evaluationBudget: Int?
        var residency = ResidencyPolicy.optimize
        if let planner = root.object("planner", required: false) {
            plannerTimeLimit = seconds(planner, "time_limit_s") ?? plannerTimeLimit
            if let seed = planner.integer("seed", required: false, .nonNegative) { plannerSeed = UInt64(seed) }
            evaluationBudget = planner.integer("evaluation_budget", required: false, .positive)
            if let name = planner.string("residency", required: false) {
                if let policy = ResidencyPolicy(rawValue: name) {
                    residency = policy
                } else {
                    problems.report(JSONPath.root.appending("planner").appending("residency"),
                                    "unknown residency policy \"\(name)\"; expected one of \(ResidencyPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            planner.rejectUnknownKeys()
        }
        let pointTimeLimit = seconds(root, "point_time_limit_s") ?? max(120, (plannerTimeLimit ?? 0) * 4)
        let questions = decodeQuestions(root, axes: axes, models: models, base: base, hasCost: cost != nil, problems: problems)
        root.rejectUnknownKeys()
        // The size first, from the axis lengths alone: an oversized sweep is refused before any
        // platform variant is built.
        if checkSize(axes: axes, sampling: sampling, runs: [models.count, strategies.count, objectives.count], problems: problems),
           let base {
            for (axis, valuesPath) in zip(axes, valuesPaths) {
                checkEachValue(axis, valuesPath: valuesPath, base: base, problems: problems)
            }
        }

        guard problems.isEmpty, let name, let basePath, let base else { throw fail() }
        var spec = SweepSpec(file: file, name: name, description: description, basePlatformPath: basePath, basePlatform: base,
                             axes: axes, models: models, strategies: strategies, objectives: objectives, cost: cost,
                             sampling: sampling, plannerTimeLimitSeconds: plannerTimeLimit, plannerSeed: plannerSeed,
                             plannerEvaluationBudget: evaluationBudget, plannerResidency: residency, pointTimeLimitSeconds: pointTimeLimit, questions: questions, fingerprint: "")
        spec.fingerprint = fingerprint(of: document, base: base, models: models)
        return spec
    }

    /// Hash of the spec without its presentation fields, the base platform and the model files' sizes.
    private static func fingerprint(of document: JSONValue, base: JSONValue, models: [SweepModel]) -> String {
        var relevant = document
        if case .object(var members) = relevant {
            for key in ["description", "questions", "point_time_limit_s", "$schema"] { members[key] = nil }
            relevant = .object(members)
        }
        let sizes = models.map { model -> JSONValue in
            let size = (try? FileManager.default.attributesOfItem(atPath: model.path)[.size] as? Int) ?? 0
            return .number(Double(size))
        }
        return FNV1a.hex(JSONValue.array([relevant, base, .array(sizes)]).canonicalText)
    }

    // MARK: Axes

    /// The axes and the path of each one's values.
    private static func decodeAxes(_ root: JSONObjectReader, base: JSONValue?, problems: ProblemCollector)
        -> (axes: [SweepAxis], valuesPaths: [JSONPath]) {
        guard let elements = root.array("axes") else { return ([], []) }
        if elements.isEmpty {
            problems.report(root.path.appending("axes"), "list at least one axis (a sweep varies the base platform; "
                            + "to plan it as it is, use `hetero-plan plan`)")
        }
        var axes: [SweepAxis] = []
        var valuesPaths: [JSONPath] = []
        var names = Set<String>()
        for element in elements {
            guard let reader = JSONObjectReader.make(element.value, at: element.path, problems: problems) else { continue }
            let name = reader.name("name")
            if let name, !names.insert(name).inserted {
                problems.report(element.path.appending("name"), "another axis is already named \"\(name)\"")
            }
            if let name, ["id", "model", "strategy", "objective", "status", "error"].contains(name) {
                problems.report(element.path.appending("name"), "\"\(name)\" is reserved for a result column")
            }
            let (values, geometric, valuesPath) = decodeValues(reader, problems: problems)
            var target: SweepAxis.Target?
            let hasPointer = reader.has("pointer")
            let hasClone = reader.has("clone_unit")
            if hasPointer == hasClone {
                problems.report(element.path, "give exactly one of \"pointer\" (a JSON pointer into the platform, or a list of them) and \"clone_unit\" (a unit name)")
            } else if hasPointer {
                target = decodePointerTarget(reader, values: values, valuesPath: valuesPath, base: base, problems: problems)
            } else if let unit = reader.name("clone_unit"),
                      checkClone(unit: unit, values: values, valuesPath: valuesPath, at: element.path, base: base, problems: problems) {
                target = .cloneUnit(unit)
            }
            _ = reader.number("scale", required: false)  // read again by decodePointerTarget; mark as known here
            reader.rejectUnknownKeys()
            if let name, let target, !values.isEmpty {
                axes.append(SweepAxis(name: name, target: target, values: values, geometric: geometric))
                valuesPaths.append(valuesPath)
            }
        }
        return (axes, valuesPaths)
    }

    /// The axis values from `values` (a list) or `range` (`from`, `to` and one of `step`, `count`, `factor`).
    private static func decodeValues(_ reader: JSONObjectReader, problems: ProblemCollector)
        -> (values: [JSONValue], geometric: Bool, path: JSONPath) {
        let hasValues = reader.has("values")
        let hasRange = reader.has("range")
        guard hasValues != hasRange else {
            problems.report(reader.path, "give exactly one of \"values\" (a list) and \"range\" ({from, to, step | count | factor})")
            return ([], false, reader.path)
        }
        if hasValues {
            let path = reader.path.appending("values")
            guard let elements = reader.array("values") else { return ([], false, path) }
            if elements.isEmpty { problems.report(path, "the axis is empty: list at least one value") }
            var values: [JSONValue] = []
            for element in elements {
                switch element.value {
                case .number, .string, .bool: values.append(element.value)
                default: problems.report(element.path, "expected a number, string or boolean, found \(element.value.kindName)")
                }
            }
            if Set(values.map(\.canonicalText)).count != values.count { problems.report(path, "lists a value twice") }
            let numbers = values.compactMap { if case .number(let n) = $0 { return n } else { return nil } }
            let geometric = numbers.count == values.count && numbers.count > 2 && numbers.allSatisfy { $0 > 0 }
                && (numbers.max()! / numbers.min()!) >= 16
            return (values, geometric, path)
        }
        let path = reader.path.appending("range")
        guard let range = reader.object("range") else { return ([], false, path) }
        let from = range.number("from")
        let to = range.number("to")
        let step = range.number("step", required: false, .positive)
        let count = range.integer("count", required: false, .positive)
        let factor = range.number("factor", required: false)
        range.rejectUnknownKeys()
        let given = [step != nil, count != nil, factor != nil].filter { $0 }.count
        guard given == 1 else {
            if given != 1 && problems.problems.allSatisfy({ !$0.path.description.hasPrefix(path.description) }) {
                problems.report(path, "give exactly one of \"step\" (linear), \"count\" (linear, evenly spaced) and \"factor\" (geometric)")
            }
            return ([], false, path)
        }
        guard let from, let to else { return ([], false, path) }
        var numbers: [Double] = []
        let tolerance = 1e-9 * max(1, abs(to))
        if let step {
            var index = 0.0
            while from + index * step <= to + tolerance, numbers.count <= maximumAxisValues {
                numbers.append(from + index * step)
                index += 1
            }
        } else if let count {
            guard count <= maximumAxisValues else {
                problems.report(path.appending("count"), "\(count) values, more than the \(maximumAxisValues) an axis may have")
                return ([], false, path)
            }
            numbers = count == 1 ? [from] : (0..<count).map { from + (to - from) * Double($0) / Double(count - 1) }
            if from > to { numbers = [] }
        } else if let factor {
            guard factor > 1, from > 0 else {
                problems.report(path, "a geometric range needs \"factor\" > 1 and \"from\" > 0")
                return ([], true, path)
            }
            var index = 0.0
            while from * pow(factor, index) <= to * (1 + 1e-9), numbers.count <= maximumAxisValues {
                numbers.append(from * pow(factor, index))
                index += 1
            }
        }
        if numbers.isEmpty {
            problems.report(path, "the axis is empty: \"from\" (\(format(from))) is above \"to\" (\(format(to)))")
        } else if numbers.count > maximumAxisValues {
            problems.report(path, "more than \(maximumAxisValues) values; use a coarser step")
            numbers = []
        }
        // Round away binary noise (0.1 + 0.2) so values print as written.
        let values = numbers.map { JSONValue.number(abs($0) < 1e6 ? ($0 * 1e9).rounded() / 1e9 : $0) }
        return (values, factor != nil, path)
    }

    private static func decodePointerTarget(_ reader: JSONObjectReader, values: [JSONValue], valuesPath: JSONPath,
                                            base: JSONValue?, problems: ProblemCollector) -> SweepAxis.Target? {
        var texts: [(String, JSONPath)] = []
        let path = reader.path.appending("pointer")
        switch reader.value("pointer") {
        case .string(let text)?: texts = [(text, path)]
        case .array(let elements)?:
            for (index, element) in elements.enumerated() {
                guard case .string(let text) = element else {
                    problems.report(path.appending(index), "expected a JSON pointer string, found \(element.kindName)")
                    continue
                }
                texts.append((text, path.appending(index)))
            }
            if elements.isEmpty { problems.report(path, "list at least one JSON pointer") }
        case let other?:
            problems.report(path, "expected a JSON pointer string or a list of them, found \(other.kindName)")
        case nil:
            break
        }
        let scale = reader.number("scale", required: false, .positive) ?? 1
        var pointers: [JSONPointer] = []
        for (text, at) in texts {
            let pointer: JSONPointer
            do {
                pointer = try JSONPointer(parsing: text)
            } catch {
                problems.report(at, "\(error)")
                continue
            }
            pointers.append(pointer)
            guard let base else { continue }
            let current: JSONValue
            do {
                current = try pointer.resolve(in: base)
            } catch {
                problems.report(at, "unknown pointer \"\(text)\" in the base platform: \(error)")
                continue
            }
            for (index, value) in values.enumerated() where !sameKind(current, value) {
                let at = valuesPath.components.last == .key("range") ? valuesPath : valuesPath.appending(index)
                problems.report(at, "wrong type: \"\(text)\" holds \(current.kindName) (\(current.canonicalText.prefix(40))), this value is \(value.kindName)")
                break
            }
            if scale != 1, case .number = current {} else if scale != 1 {
                problems.report(reader.path.appending("scale"), "\"scale\" applies to numbers only; \"\(text)\" holds \(current.kindName)")
            }
        }
        return pointers.count == texts.count && !texts.isEmpty ? .pointers(pointers, scale: scale) : nil
    }

    /// A value may replace one of the same JSON kind; a number may also replace `"unlimited"`.
    private static func sameKind(_ current: JSONValue, _ value: JSONValue) -> Bool {
        switch (current, value) {
        case (.number, .number), (.string, .string), (.bool, .bool): return true
        case (.string("unlimited"), .number): return true
        default: return false
        }
    }

    /// Clone counts must be whole numbers from 1 to `UnitCloner.maximumCount` and the unit must
    /// exist; false when either fails (the axis is then not checked further, so a huge count is
    /// never materialised).
    private static func checkClone(unit: String, values: [JSONValue], valuesPath: JSONPath, at path: JSONPath,
                                   base: JSONValue?, problems: ProblemCollector) -> Bool {
        for (index, value) in values.enumerated() {
            guard case .number(let count) = value, UnitCloner.isValidCount(count) else {
                problems.report(valuesPath.components.last == .key("range") ? valuesPath : valuesPath.appending(index),
                                "a unit count must be a whole number from 1 to \(UnitCloner.maximumCount), found \(value.canonicalText)")
                return false
            }
        }
        guard let base else { return false }
        do {
            _ = try JSONPointer(tokens: ["units", unit]).resolve(in: base)
        } catch {
            problems.report(path.appending("clone_unit"), "unknown unit \"\(unit)\": \(error)")
            return false
        }
        return true
    }

    /// Each value applied alone to the base platform must give a valid platform, so that range
    /// mistakes (a zero capacity, a negative bandwidth) show up now, with the axis's path.
    private static func checkEachValue(_ axis: SweepAxis, valuesPath: JSONPath, base: JSONValue, problems: ProblemCollector) {
        for (index, value) in axis.values.enumerated() {
            do {
                let variant = try PlatformVariant.make(base: base, axes: [axis], parameters: [axis.name: value])
                _ = try Platform.decode(variant.document, file: "platform")
            } catch {
                let at = valuesPath.components.last == .key("range") ? valuesPath : valuesPath.appending(index)
                problems.report(at, "value \(value.canonicalText) gives an invalid platform: \(error)")
                return
            }
        }
    }

    // MARK: Models

    private static func decodeModels(_ root: JSONObjectReader, resolve: (String) -> String, problems: ProblemCollector) -> [SweepModel] {
        guard let elements = root.array("models") else { return [] }
        if elements.isEmpty { problems.report(root.path.appending("models"), "list at least one model") }
        var models: [SweepModel] = []
        var names = Set<String>()
        for element in elements {
            guard let reader = JSONObjectReader.make(element.value, at: element.path, problems: problems) else { continue }
            let name = reader.name("name")
            if let name, !names.insert(name).inserted {
                problems.report(element.path.appending("name"), "another model is already named \"\(name)\"")
            }
            let relative = reader.string("path")
            var shapes: [String: [Int]] = [:]
            let problemsBefore = problems.problems.count
            if let object = reader.object("input_shapes", required: false) {
                for key in object.keys {
                    guard let dims = object.array(key) else { continue }
                    var shape: [Int] = []
                    for dim in dims {
                        if case .number(let n) = dim.value, n == n.rounded(), n >= 1, n <= Double(maximumDimension) {
                            shape.append(Int(n))
                        } else {
                            problems.report(dim.path, "expected a whole number from 1 to \(maximumDimension), found \(dim.value.canonicalText)")
                        }
                    }
                    shapes[key] = shape
                }
            }
            reader.rejectUnknownKeys()
            // A model is loaded only with shapes that were all valid (a dropped dimension would
            // only add a rank mismatch to the report).
            guard let name, let relative, problems.problems.count == problemsBefore else { continue }
            let path = resolve(relative)
            do {
                let graph = try ModelLoader.load(path: path, inputShapes: shapes)
                models.append(SweepModel(name: name, path: path, inputShapes: shapes, graph: graph))
            } catch {
                problems.report(element.path.appending("path"), "\(error)")
            }
        }
        return models
    }

    // MARK: Cost, sampling, questions

    private static func decodeCost(_ reader: JSONObjectReader, base: JSONValue?) -> AreaCostModel {
        func table(_ key: String, section: String) -> [String: Double] {
            guard let object = reader.object(key, required: false) else { return [:] }
            var result: [String: Double] = [:]
            for name in object.keys {
                guard let value = object.number(name, required: true, .nonNegative) else { continue }
                guard value <= maximumCost else {
                    reader.problems.report(object.path.appending(name), "must be at most \(format(maximumCost)), found \(format(value))")
                    continue
                }
                result[name] = value
                if let base, (try? JSONPointer(tokens: [section, name]).resolve(in: base)) == nil {
                    reader.problems.report(object.path.appending(name), "no \(section == "units" ? "unit" : "memory") named \"\(name)\" in the base platform")
                }
            }
            return result
        }
        let model = AreaCostModel(perUnit: table("unit", section: "units"), perMAC: table("per_mac", section: "units"),
                                  perKiB: table("per_kib", section: "memories"))
        reader.rejectUnknownKeys()
        return model
    }

    private static func decodeSampling(_ value: JSONValue?, problems: ProblemCollector) -> Sampling {
        guard let value else { return .grid }
        let path = JSONPath.root.appending("sampling")
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return .grid }
        defer { reader.rejectUnknownKeys() }
        switch reader.string("mode") {
        case "grid"?:
            return .grid
        case "random"?:
            let count = reader.integer("count", required: true, .positive) ?? 1
            let seed = reader.integer("seed", required: false, .nonNegative) ?? 1
            return .random(count: count, seed: UInt64(seed))
        case let other?:
            problems.report(path.appending("mode"), "expected \"grid\" or \"random\", found \"\(other)\"")
            return .grid
        case nil:
            return .grid
        }
    }
}
