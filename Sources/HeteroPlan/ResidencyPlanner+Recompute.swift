import Foundation
import HeteroRecords

extension ResidencyPlanner {
    /// Recomputation instead of eviction (`PlanProblem.recomputes`): for each evicted activation
    /// (ascending), keep it resident for all its readers but the last, discard it, and run its
    /// producer again on the last reader's unit just before that reader — no write to DRAM, no
    /// streaming back. Kept when the producer's inputs are still readable then
    /// (`PlanProblem.canRecompute`; the memory planner keeps them until the reader is done), the
    /// other readers all start before the recomputation (they read the first copy), the re-timed
    /// schedule's memory plan fits every resident memory, and it scores better than the evictions
    /// it replaces by the objective. One re-timing and one memory plan per eligible tensor.
    func recompute(_ start: Trial) -> Trial {
        let graph = problem.graph
        let costs = problem.costs
        var trial = start
        var current = score(trial)
        let evicted = trial.problem.evictedActivations(assignment)
        // What became of each evicted activation, for the summary decision.
        var ineligible = 0, outOfOrder = 0, overflowing = 0, notBetter = 0
        for tensor in evicted {
            let placed = trial.schedule.operators
            let readers = graph.consumers[tensor].sorted { (placed[$0].startUS, $0) < (placed[$1].startUS, $1) }
            guard let reader = readers.last, let producer = graph.producer[tensor],
                  trial.problem.canRecompute(tensor, before: reader, assignment) else { ineligible += 1; continue }
            var candidate = trial
            candidate.problem.evicted[tensor] = false
            candidate.problem.recomputes[tensor] = reader
            candidate.schedule = build(candidate.problem)
            let begin = candidate.schedule.operators[reader].startUS
            guard readers.dropLast().allSatisfy({ candidate.schedule.operators[$0].startUS < begin }) else { outOfOrder += 1; continue }
            guard overflow(MemoryPlanner.plan(candidate.problem, candidate.schedule)) == nil else { overflowing += 1; continue }
            let candidateScore = score(candidate)
            guard candidateScore < current else { notBetter += 1; continue }
            let unit = assignment[reader]
            let recomputeUS = candidate.problem.recomputeTiming(tensor, on: unit, assignment)?.durationUS ?? 0
            let subject = "tensor \"\(graph.tensors[tensor].name)\""
            let inputs = candidate.problem.recomputeInputs(tensor).map { graph.tensors[$0].name }
            candidate.decisions.removeAll { $0.subject == subject }
            candidate.decisions.append(Decision(kind: .recompute, subject: subject, reason: String(
                format: "recomputed instead of evicted: %@ runs again on %@ before %@ (%.3f us, reading %@) rather than writing its %d bytes to DRAM for its readers to stream back; makespan %.3f -> %.3f us (objective %.6g -> %.6g)",
                graph.operators[producer].label, costs.unitNames[unit], graph.operators[reader].label, recomputeUS,
                inputs.isEmpty ? "no activations" : inputs.joined(separator: ", "),
                costs.storedBytes(graph.tensors[tensor], on: assignment[producer]), trial.schedule.makespanUS,
                candidate.schedule.makespanUS, current, candidateScore)))
            candidate.order.removeAll { $0 == tensor }
            trial = candidate
            current = candidateScore
        }
        guard !evicted.isEmpty else { return trial }
        let chosen = evicted.count - ineligible - outOfOrder - overflowing - notBetter
        trial.decisions.append(Decision(kind: .residency, subject: "recomputation", reason:
            "of \(evicted.count) evicted activations \(chosen) are recomputed instead; \(ineligible) cannot be (graph outputs, views, "
            + "producers with several outputs or that the last reader's unit cannot run from the same memories), "
            + "\(outOfOrder) would run before an earlier reader finished with the first copy, "
            + "\(overflowing) would overflow a resident memory (the producer's inputs kept until the recomputation), "
            + "\(notBetter) would not shorten the plan"))
        return trial
    }
}
