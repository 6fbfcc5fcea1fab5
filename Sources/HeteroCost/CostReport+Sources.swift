extension CostReport {
    /// Where the costs came from: how many runnable (operator, unit) pairs each provider answered
    /// (`analytic` = modelled, `profile` = measured, `task graph` = given by the model), how many
    /// pairs cannot run, and every operator with a measured cost and on which units.
    public struct Sources: Encodable {
        public struct Measured: Encodable {
            public let operatorName: String
            public let units: [String]

            enum CodingKeys: String, CodingKey {
                case units
                case operatorName = "operator"
            }
        }

        /// Runnable pairs per provider name.
        public let pairs: [String: Int]
        public let cannotRun: Int
        public let measured: [Measured]

        enum CodingKeys: String, CodingKey {
            case pairs, measured
            case cannotRun = "cannot_run"
        }

        /// The provider name of measured costs.
        public static let profile = "profile"
    }

    public func sources() -> Sources {
        var pairs: [String: Int] = [:]
        var cannotRun = 0
        var measured: [Sources.Measured] = []
        for (index, op) in graph.operators.enumerated() {
            var units: [String] = []
            for (unitIndex, unit) in platform.units.enumerated() {
                let provider = result.providers[index][unitIndex]
                guard result.details[index][unitIndex].canRun else {
                    cannotRun += 1
                    continue
                }
                pairs[provider, default: 0] += 1
                if provider == Sources.profile { units.append(unit.name) }
            }
            if !units.isEmpty { measured.append(Sources.Measured(operatorName: op.name, units: units)) }
        }
        return Sources(pairs: pairs, cannotRun: cannotRun, measured: measured)
    }

    /// The sources as text: one line of counts, then the measured operators grouped by the units
    /// they were measured on.
    public func sourcesText() -> String {
        let sources = sources()
        let total = graph.operators.count * platform.units.count
        let names = ["analytic": "modelled (analytic)", Sources.profile: "measured (profile)", "task graph": "given (task graph)"]
        var parts = sources.pairs.keys.sorted().map { "\(sources.pairs[$0]!) \(names[$0] ?? $0)" }
        if sources.cannotRun > 0 { parts.append("\(sources.cannotRun) cannot run") }
        var text = "cost sources, of \(total) operator-unit pairs: " + parts.joined(separator: ", ") + "\n"
        if sources.measured.isEmpty {
            text += "measured operators: none\n"
        } else {
            // Grouped by the units measured, groups in order of their first operator.
            var groups: [(units: [String], operators: [String])] = []
            for entry in sources.measured {
                if let group = groups.firstIndex(where: { $0.units == entry.units }) {
                    groups[group].operators.append(entry.operatorName)
                } else {
                    groups.append((entry.units, [entry.operatorName]))
                }
            }
            text += "measured operators (\(sources.measured.count) of \(graph.operators.count)):\n"
            text += groups.map { "  on \($0.units.joined(separator: " and ")): \($0.operators.joined(separator: ", "))\n" }.joined()
        }
        return text
    }
}
