import HeteroSupport

/// The answer to a `SweepQuestion` found in a set of results.
public struct QuestionAnswer: Sendable {
    public var question: SweepQuestion
    /// The smallest axis value at which some point meets the bound, and the fastest such point.
    public var value: Double?
    public var point: PointRecord?
    /// The next smaller axis value and the best metric any point reaches there.
    public var previousValue: Double?
    public var previousBest: Double?
    /// The best metric reached at all, when no point meets the bound.
    public var bestOverall: PointRecord?

    public init(_ question: SweepQuestion, records: [PointRecord]) {
        self.question = question
        let relevant = records.filter { $0.status == .ok && $0.model == question.model && $0.metrics[question.metric] != nil }
        func axisValue(_ record: PointRecord) -> Double? {
            if case .number(let number)? = record.parameter(question.axis) { return number }
            return nil
        }
        let qualifying = relevant.filter { $0.metrics[question.metric]! <= question.atMost && axisValue($0) != nil }
        let answer = qualifying.compactMap(axisValue).min()
        value = answer
        if let answer {
            point = qualifying.filter { axisValue($0) == answer }
                .min { ($0.metrics["latency_us"] ?? .infinity, $0.metrics["cost"] ?? 0, $0.id)
                    < ($1.metrics["latency_us"] ?? .infinity, $1.metrics["cost"] ?? 0, $1.id) }
            let smaller = relevant.compactMap(axisValue).filter { $0 < answer }
            if let previous = smaller.max() {
                previousValue = previous
                previousBest = relevant.filter { axisValue($0) == previous }.compactMap { $0.metrics[question.metric] }.min()
            }
        } else {
            bestOverall = relevant.min { ($0.metrics[question.metric]!, $0.id) < ($1.metrics[question.metric]!, $1.id) }
        }
    }

    /// One Markdown paragraph.
    public var markdown: String {
        let metric = "`\(question.metric)` ≤ \(format(question.atMost))"
        guard let value, let point else {
            guard let best = bestOverall else {
                return "**\(question.text)** No successful point of \(question.model) reports `\(question.metric)`, so the sweep cannot answer."
            }
            return "**\(question.text)** No point of \(question.model) in this sweep reaches \(metric); the best is "
                + "\(format(best.metrics[question.metric]!)) at \(Self.parameters(best)). Extend the `\(question.axis)` axis."
        }
        var text = "**\(question.text)** **\(format(value))** (`\(question.axis)`): it is the smallest value at which a point of "
            + "\(question.model) reaches \(metric)"
        if let latency = point.metrics["latency_us"] {
            text += "; the fastest (then cheapest) such point (\(Self.parameters(point))) runs in \(String(format: "%.1f", latency)) µs"
            if let energy = point.metrics["energy_uj"] { text += " using \(String(format: "%.1f", energy)) µJ" }
        }
        text += "."
        if let previousValue, let previousBest {
            text += " At the next smaller value, \(format(previousValue)), the best point still has `\(question.metric)` = \(format(previousBest))."
        }
        return text
    }

    static func parameters(_ record: PointRecord) -> String {
        guard case .object(let members) = record.parameters else { return record.id }
        return members.map { "\($0.key) = \(ResultsCSV.plain($0.value))" }.joined(separator: ", ") + ", \(record.strategy)"
    }
}
