import HeteroPlan

/// A finished simulation with everything needed to describe it: the problem (names of
/// operators and tensors), the machine (units, memories, links), the plan that ran and what
/// happened. The output writers (`ChromeTrace`, `GanttChart`, `MemoryPlot`) and the plan
/// document's `summary.simulation` are made from it.
public struct SimulationRun: Sendable {
    public let problem: PlanProblem
    public let machine: SimulationMachine
    public let plan: SimulationPlan
    public let result: SimulationResult

    public init(problem: PlanProblem, machine: SimulationMachine, plan: SimulationPlan, result: SimulationResult) {
        self.problem = problem
        self.machine = machine
        self.plan = plan
        self.result = result
    }

    /// The plan document's `summary.simulation`: makespans, utilisation and stalls per unit,
    /// link and memory use.
    public var documentSummary: PlanDocument.Simulation {
        PlanDocument.Simulation(
            contention: result.contention, makespanUS: result.makespanUS, predictedMakespanUS: result.predictedMakespanUS,
            events: result.events,
            units: result.units.map {
                PlanDocument.UnitUse(name: $0.name, operators: $0.operators, busyUS: $0.busyUS, utilisation: $0.utilisation,
                                     overheadUS: $0.overheadUS, contentionUS: $0.contentionUS, stallInputUS: $0.stalls.inputUS,
                                     stallTransferUS: $0.stalls.transferUS, stallMemoryUS: $0.stalls.memoryUS,
                                     stallProgrammingUS: $0.stalls.programmingUS, drainedUS: $0.drainedUS)
            },
            links: result.links.map {
                PlanDocument.LinkUse(link: $0.label, transfers: $0.transfers, bytes: $0.bytes, busyUS: $0.busyUS,
                                     utilisation: $0.utilisation, queueWaitUS: $0.queueWaitUS)
            },
            memories: result.memories.map {
                PlanDocument.MemoryUse(name: $0.name, capacityBytes: $0.capacityBytes, peakLiveBytes: $0.peakLiveBytes,
                                       peakAddress: $0.peakAddress)
            })
    }
}

extension Simulator {
    /// Runs `plan` and keeps everything the output writers need.
    ///
    /// - Throws: the first `SimulationViolation`.
    public func execute(_ plan: SimulationPlan) throws(SimulationViolation) -> SimulationRun {
        SimulationRun(problem: problem, machine: machine, plan: plan, result: try run(plan))
    }
}
