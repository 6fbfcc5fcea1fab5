import HeteroSupport
import OrderedCollections

extension SweepSpec {
    /// `questions[]`: each names a model and an axis of the spec and a metric the points report.
    static func decodeQuestions(_ root: JSONObjectReader, axes: [SweepAxis], models: [SweepModel], base: JSONValue?,
                                hasCost: Bool, problems: ProblemCollector) -> [SweepQuestion] {
        guard let elements = root.array("questions", required: false) else { return [] }
        let units = base.map { unitNames(base: $0, axes: axes) }
        var questions: [SweepQuestion] = []
        for element in elements {
            guard let reader = JSONObjectReader.make(element.value, at: element.path, problems: problems) else { continue }
            let text = reader.string("text")
            let model = reader.name("model")
            let axis = reader.name("smallest")
            let metric = reader.name("metric")
            let bound = reader.number("at_most")
            reader.rejectUnknownKeys()
            if let model, !models.isEmpty, !models.contains(where: { $0.name == model }) {
                problems.report(element.path.appending("model"), "no model named \"\(model)\"")
            }
            if let axis, !axes.isEmpty, !axes.contains(where: { $0.name == axis }) {
                problems.report(element.path.appending("smallest"), "no axis named \"\(axis)\"")
            }
            if let metric, let units, let message = metricProblem(metric, units: units, hasCost: hasCost) {
                problems.report(element.path.appending("metric"), message)
            }
            if let text, let model, let axis, let metric, let bound {
                questions.append(SweepQuestion(text: text, model: model, axis: axis, metric: metric, atMost: bound))
            }
        }
        return questions
    }

    /// Why no point could report `metric`, or nil when some can.
    private static func metricProblem(_ metric: String, units: [String], hasCost: Bool) -> String? {
        if metric == "cost" {
            return hasCost ? nil : "metric \"cost\" needs a \"cost\" model in the spec"
        }
        if PointMetrics.names.contains(metric) { return nil }
        for prefix in PointMetrics.perUnitPrefixes where metric.hasPrefix(prefix) {
            let unit = String(metric.dropFirst(prefix.count))
            if units.contains(unit) { return nil }
            return "no unit \"\(unit)\" in the base platform or its copies" + didYouMean(unit, in: units)
        }
        let known = PointMetrics.names + ["cost"] + PointMetrics.perUnitPrefixes.map { $0 + "<unit>" }
        return "unknown metric \"\(metric)\"" + didYouMean(metric, in: PointMetrics.names + ["cost"])
            + "; points report \(known.joined(separator: ", "))"
    }

    /// Unit names of the base platform and of the copies the largest clone counts make.
    private static func unitNames(base: JSONValue, axes: [SweepAxis]) -> [String] {
        let cloning = axes.filter { if case .cloneUnit = $0.target { true } else { false } }
        var largest = OrderedDictionary<String, JSONValue>()
        for axis in cloning {
            let counts = axis.values.compactMap { if case .number(let count) = $0 { count } else { nil } }
            largest[axis.name] = .number(counts.max() ?? 1)
        }
        let document = (try? PlatformVariant.make(base: base, axes: cloning, parameters: largest))?.document ?? base
        guard case .array(let units)? = document["units"] else { return [] }
        return units.compactMap(\.nameString)
    }

    private static func didYouMean(_ text: String, in names: [String]) -> String {
        Spelling.closest(to: text, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}
