import HeteroRecords

/// The seeds on platforms whose units have program memories (`ProgramPacking`).
extension OptimizeStrategy {
    /// Each seed with its kernels moved until every unit's programs fit (`ProgramPacking.repair`),
    /// so the search starts from plans it may keep.
    func packingRepaired(_ seeds: [(name: String, schedule: Schedule)], _ problem: PlanProblem) throws(PlanError)
        -> [(name: String, schedule: Schedule)] {
        guard let packing = ProgramPacking(problem.costs) else { return seeds }
        var repaired: [(name: String, schedule: Schedule)] = []
        for seed in seeds { repaired.append((seed.name, try packing.repaired(problem, seed.schedule).schedule)) }
        return repaired
    }

    /// For the throughput objective, the best seed with its kernels spread over their classes of
    /// interchangeable units with program memories (`ProgramPacking.spread`), named
    /// "packed <seed>"; nil when there is nothing to spread.
    func spreadSeed(_ seeds: [(name: String, schedule: Schedule)], _ problem: PlanProblem,
                    objective: ObjectiveScore) throws(PlanError) -> (name: String, schedule: Schedule)? {
        guard objective.objective == .throughput, let packing = ProgramPacking(problem.costs),
              let best = seeds.min(by: { objective.score($0.schedule) < objective.score($1.schedule) }),
              let spread = packing.spread(problem, best.schedule.assignment) else { return nil }
        let schedule = ScheduleBuilder(problem: problem, insertion: true).build(assignment: spread, priority: Refiner.priority(of: best.schedule))
        return ("packed \(best.name)", try packing.repaired(problem, schedule).schedule)
    }
}
