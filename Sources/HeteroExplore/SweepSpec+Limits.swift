import HeteroSupport

extension SweepSpec {
    /// The most values one axis may take.
    public static let maximumAxisValues = 100_000
    /// The largest input dimension a model entry may set (2^31 - 1, as ONNX Runtime's int32 shape
    /// checks); the model's byte counts are checked by the importer.
    public static let maximumDimension = 2_147_483_647
    /// The longest planner or per-point time limit: one week.
    public static let maximumSeconds = 604_800.0
    /// The largest figure of the `cost` model, so that a point's cost stays finite.
    public static let maximumCost = 1e12

    /// A positive number of seconds up to `maximumSeconds` at `reader`'s optional `key`.
    static func seconds(_ reader: JSONObjectReader, _ key: String) -> Double? {
        guard let value = reader.number(key, required: false, .positive) else { return nil }
        guard value <= maximumSeconds else {
            reader.problems.report(reader.path.appending(key), "must be at most \(format(maximumSeconds)) s (one week), found \(format(value))")
            return nil
        }
        return value
    }

    /// Refuses a sweep with more than `maximumPoints` points, from the axis sizes alone (before a
    /// single point exists).
    ///
    /// - Parameter runs: models, strategies and objectives per combination.
    /// - Returns: false when the sweep is too large (and that was reported).
    static func checkSize(axes: [SweepAxis], sampling: Sampling, runs: [Int], problems: ProblemCollector) -> Bool {
        guard !axes.isEmpty, !runs.contains(0) else { return true }
        let grid = saturatingProduct(axes.map(\.values.count))
        var combinations = grid
        if case .random(let count, _) = sampling { combinations = min(count, grid) }
        let total = saturatingProduct([combinations] + runs)
        guard total > maximumPoints else { return true }
        let factors = axes.map { "\($0.values.count)" }.joined(separator: " × ")
        let shown = total == Int.max ? "more than \(Int.max)" : "\(total)"
        var what = "a grid of \(factors)"
        if case .random(let count, _) = sampling { what = "\(min(count, grid)) combinations drawn from \(what)" }
        let path: JSONPath
        if case .random = sampling { path = JSONPath.root.appending("sampling").appending("count") } else { path = JSONPath.root.appending("axes") }
        problems.report(path, "the sweep has \(shown) points (\(what), × \(runs[0]) models × \(runs[1]) strategies × \(runs[2]) objectives), "
                        + "more than the \(maximumPoints) a sweep may have; use coarser ranges, random sampling "
                        + "({\"mode\": \"random\", \"count\": N}) or several sweeps")
        return false
    }
}
