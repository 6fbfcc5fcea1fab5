extension ScheduleBuilder {
    /// The makespan and the sum of every operator's finish time, without building the schedule:
    /// the refiner's hot path when it breaks makespan ties (`PlanOptions.TieBreak.finishTimes`).
    /// With `timings` (`PlanProblem.timings` of the assignment), operators are not timed again.
    func makespanAndTotalFinish(assignment: [Int], priority: [Int], timings: [OperatorTiming?]? = nil) -> (makespan: Double, totalFinish: Double) {
        StageTimings.measure(.listScheduling) {
            var state = State(problem: problem, insertion: insertion, recordTransfers: false, contention: contention)
            state.timings = timings
            state.spills = spills
            state.run(assignment: assignment, priority: priority)
            return (state.makespan, state.finish.reduce(0, +))
        }
    }
}
