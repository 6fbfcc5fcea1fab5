import Foundation
import HeteroRecords

extension SearchRecord {
    /// The `--explain` line for the record: the one place the optimizer's explanations are worded.
    var decision: Decision {
        switch self {
        case let .operatorSpill(label, unit, reason):
            return Decision(kind: .operatorSpill, subject: label, reason: "cannot run on \(unit): \(reason)")
        case let .initialPlacement(objective, chosen, seeds):
            return Decision(kind: .strategy, subject: "initial placement",
                            reason: "best baseline for \(objective.rawValue) is \(chosen): " + seeds.map { "\($0.name) \($0.figure)" }.joined(separator: ", "))
        case let .coarsening(operators, groups):
            return Decision(kind: .composite, subject: "coarsening",
                            reason: "\(operators) operators in \(groups) groups (declared composites, chains and heavy edges between operators with the same support contracted)")
        case let .coarseILPTooLarge(groups, units, limit):
            return Decision(kind: .strategy, subject: "coarse ILP",
                            reason: "skipped: \(groups) groups × \(units) units exceed the \(limit) assignment variables GLPK branches on within a planning-time budget")
        case let .ilpTooManyUnits(units, limit):
            return Decision(kind: .strategy, subject: "coarse ILP and window search",
                            reason: "skipped: \(units) units, more than the \(limit) whose assignment MILPs GLPK branches on within a planning-time budget")
        case .coarseILPCyclic:
            return Decision(kind: .strategy, subject: "coarse ILP", reason: "skipped: the quotient graph of the groups has a cycle")
        case let .coarseMemoryExclusion(group, unit):
            return Decision(kind: .composite, subject: "group of \(group)",
                            reason: "kept off \(unit) in the coarse ILP: its activations exceed that unit's memory")
        case let .coarseILP(summary):
            return Decision(kind: .strategy, subject: "coarse ILP", reason: summary.text)
        case let .contention(ideal, contended, negligible):
            let searched = "searched for an ideal interconnect first (\(ideal) there, \(contended) with contention); "
            return Decision(kind: .strategy, subject: "contention", reason: searched + (negligible
                ? "contention costs that plan at most 0.1%, so no search with contention. That search's moves:"
                : "then refined with contention from the better of that plan and the best contended seed. The ideal search's moves, then the contended ones:"))
        case let .moved(subject, unit, objective, from, to):
            return Decision(kind: .compositeSpill, subject: subject,
                            reason: objective == .latency
                                ? String(format: "moved to %@: makespan %.3f -> %.3f us counting the transfers it creates or removes", unit, from, to)
                                : String(format: "moved to %@: %@ score %.6g -> %.6g", unit, objective.rawValue, from, to))
        case let .annealing(objective, from, to):
            return Decision(kind: .refinement, subject: "annealing", reason: Self.objective(objective, from: from, to: to))
        case let .window(window):
            return Decision(kind: .refinement, subject: "window search",
                            reason: String(format: "%@ window of %d operators re-solved by GLPK (%d nodes), %d moved: makespan %.3f -> %.3f us",
                                           window.kind, window.operators, window.nodes, window.reassigned, window.from, window.to))
        case let .enumeratedWindow(window):
            return Decision(kind: .refinement, subject: "enumeration windows",
                            reason: String(format: "%@ window of %d operators: units enumerated by branch and bound (%d nodes), %d moved: makespan %.3f -> %.3f us",
                                           window.kind, window.operators, window.nodes, window.reassigned, window.from, window.to))
        case let .elite(elite):
            let change = Self.objective(elite.objective, from: elite.from, to: elite.to)
            return Decision(kind: .refinement, subject: "elite search",
                            reason: "\(elite.starts) other starts searched, \(elite.members) distinct plans kept, \(elite.walks) path-relinking walks: "
                                + change + (elite.to < elite.from - 1e-9 ? " (best from \(elite.source))" : ""))
        case let .multiStart(summary):
            let scores = summary.scores.map {
                summary.objective == .latency ? String(format: "%.3f us", $0) : String(format: "%.6g", $0)
            }.joined(separator: ", ")
            let starts = Dictionary(summary.starts.map { ($0, 1) }, uniquingKeysWith: +)
            let from = summary.starts.reduce(into: [String]()) { names, name in if !names.contains(name) { names.append(name) } }
                .map { "\(starts[$0]!) from \($0)" }.joined(separator: ", ")
            return Decision(kind: .refinement, subject: "multi-start",
                            reason: "\(summary.scores.count) independent searches with their own seeds (\(from); \(summary.evaluations) evaluations in all"
                                + (summary.timed ? "; searches beyond the default run while the time limit allowed" : "") + "): "
                                + scores + "; kept search \(summary.winner + 1) (the best, ties to the first)")
        case let .searchRanking(summary):
            let ranked = summary.labels.indices.map { "\(summary.labels[$0]) \(summary.ideal[$0]) -> \(summary.contended[$0])" }
            let others = summary.labels.dropFirst(summary.searches)
            return Decision(kind: .refinement, subject: "search ranking",
                            reason: "\(summary.searches) searches' plans" + others.map { " and the \($0) plan" }.joined()
                                + " re-timed and refined with contention (ideal -> with contention): "
                                + ranked.joined(separator: ", ") + "; kept \(summary.winner) (the best with contention, ties to the first)")
        case let .perturbation(summary):
            return Decision(kind: .refinement, subject: "perturbation",
                            reason: "\(summary.rounds) connected clusters of \(OptimizeStrategy.clusterSizes.lowerBound)-\(OptimizeStrategy.clusterSizes.upperBound) operators relocated and repaired, \(summary.kept) kept: "
                                + Self.objective(summary.objective, from: summary.from, to: summary.to))
        case let .blockRelocation(summary):
            return Decision(kind: .refinement, subject: "block relocation",
                            reason: "\(summary.moves) same-unit blocks and block parts moved to another unit and repaired, \(summary.kept) kept: "
                                + Self.objective(.latency, from: summary.from, to: summary.to))
        case let .unitSwaps(summary):
            return Decision(kind: .refinement, subject: "unit swaps",
                            reason: "search \(summary.search + 1) with unit swaps among its annealing moves, then annealing with them from the better of its plan and the searches' plan, \(summary.evaluations) evaluations in all, "
                                + (summary.to < summary.from - 1e-9 ? "kept: " : "not better, not kept: ")
                                + Self.objective(summary.objective, from: summary.from, to: summary.to))
        case let .iteratedGreedy(summary):
            return Decision(kind: .refinement, subject: "iterated greedy",
                            reason: "\(summary.rounds) rounds removing \(OptimizeStrategy.destroyShare.lowerBound / 10)-\(OptimizeStrategy.destroyShare.upperBound / 10)% of the operators, rebuilt by HEFT's insertion and repaired by descent, \(summary.evaluations) evaluations, \(summary.kept) better plans found, "
                                + (summary.to < summary.from - 1e-9 ? "kept: " : "not better, not kept: ")
                                + Self.objective(.latency, from: summary.from, to: summary.to))
        case let .refinement(evaluations, objective, from, to):
            return Decision(kind: .strategy, subject: "refinement",
                            reason: "\(evaluations) schedules evaluated; \(objective.rawValue) \(from) -> \(to)")
        case let .exact(status, objective, bound, warmStart):
            return Decision(kind: .strategy, subject: "ilp-exact",
                            reason: "GLPK \(status), objective \(objective.map { "\($0)" } ?? "-"), bound \(bound.map { "\($0)" } ?? "-"), warm start \(warmStart)")
        case let .exactWithoutSolution(status):
            return Decision(kind: .strategy, subject: "ilp-exact", reason: "GLPK: \(status); kept the list schedule")
        case let .timeLimit(seconds, stoppedSearch, buysSearches):
            return Decision(kind: .strategy, subject: "time limit",
                            reason: String(format: "%g s wall-clock cap requested: the search stops on the clock as well as on its work budgets, ", seconds)
                                + (buysSearches ? "and runs further independent searches while the time lasts (above the exact MILP's size), "
                                    + "so this plan depends on the time limit and may differ between runs ("
                                    : "so this plan may differ between runs (")
                                + (stoppedSearch ? "the cap stopped the search in this run)" : "not reached in this run)"))
        }
    }
}

extension SearchRecord {
    /// A score change in the objective's terms: the makespan in us for latency.
    static func objective(_ objective: PlanOptions.Objective, from: Double, to: Double) -> String {
        objective == .latency ? String(format: "makespan %.3f -> %.3f us", from, to)
            : String(format: "%@ score %.6g -> %.6g", objective.rawValue, from, to)
    }
}

extension SearchRecord.CoarseILPSummary {
    var text: String {
        func describe(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "-" }
        var text = "GLPK on \(groups) groups × \(units) units: \(status), relaxed makespan \(describe(relaxedMakespan)) us, bound \(describe(bound)) us, \(nodes) nodes"
        if let nodeLimit { text += " (node limit \(nodeLimit))" }
        if let iterationLimit { text += " (branch-and-cut iteration limit \(iterationLimit))" }
        if let rootIterationLimit { text += " (LP relaxation iteration limit \(rootIterationLimit))" }
        if hitTimeLimit { text += " (time cap: this plan may differ between runs)" }
        if let projected {
            text += String(format: "; projected and list-scheduled: %.3f us", projected)
        } else {
            text += "; no assignment to project"
        }
        return text
    }
}

extension SearchRecord.Figure: CustomStringConvertible {
    var description: String {
        switch self {
        case let .makespan(us): String(format: "%.3f", us) + " us"
        case let .energy(pj): String(format: "%.4g uJ", pj / 1e6)
        case let .interval(us): "interval " + String(format: "%.3f", us) + " us"
        case let .peakLive(bytes): "peak live \(bytes) B"
        }
    }
}
