import HeteroIR

// HeteroSim convention: types internal to the module are prefixed with an underscore (`_Engine`,
// `_EngineTables`, `_FairShare`, ...), as swift-collections does; public types are not. The
// engine and its internal types live in `Engine/`, the output writers in `Output/`.

/// Executes a plan on a model of the platform, event by event, and validates it.
///
/// **Model.** Each unit runs its queue in order (see `SimulationPlan`), driven by an engine
/// scheduler in the style of the NVDLA firmware: every operation carries a dependency count,
/// completions, transfer arrivals and buffer releases decrement their waiters' counts, and an
/// operation is enabled when its count reaches zero (see `_Engine` for the exact list). Each unit
/// has `registerGroups` register groups: an operation is programmed once the operation that last
/// used its group has finished, so with two groups the next operation is programmed while the
/// current one runs.
///
/// **Independence.** The simulator reads the model's graph and the cost stage's figures (operator
/// times, fused shares, synchronisation costs, links) and nothing of the planner: it derives the
/// data dependencies from the graph, applies the fused-share rule itself, decides which
/// operands are on chip from where the plan put their buffers (a buffer in the unit's resident
/// memory), decides which operators start a submission from the planned units, and times every
/// transfer hop by hop over the platform's links. Its agreement with a prediction is therefore
/// a check of the planner's arithmetic, not a repetition of it.
///
/// **Time convention.** An operator occupies its unit for the cost table's time (with its
/// per-operation overhead; its share when fused; the residency figures when operands are on
/// chip), plus the unit's `submitUS` when it starts a subgraph (`SimulationMachine.timing`).
/// Programming a register group is free by default (`SimulationOptions.programmingUS`), so the
/// ping-pong hides it. A consumer on another unit is signalled after the producer's unit's
/// synchronisation cost, after the transfer if the tensor moves. With contention off this is
/// exactly the classic model the planner assumes, so the simulated makespan equals the
/// predicted one up to the rounding of durations to femtoseconds (`SimTime`).
///
/// **Contention on.** Transfers queue FIFO for their links' DMA engines and share link
/// bandwidth max-min fairly (`_FairShare`); an operator's busy phase streams its bytes from its
/// unit's memory, and every stream on one memory (operators and transfer hops touching it)
/// shares that memory's bandwidth. Rates are piecewise constant, recomputed whenever the set of
/// streams changes. An operator alone on its memory runs at its nominal speed, because the cost
/// model's memory time is at least its bytes over the bandwidth.
///
/// **Validation.** Buffers are allocated at the plan's offsets when first written and released
/// after their last use; allocation checks capacity and overlap with live buffers. Every tensor
/// has a token (see `_Token`); writes store it over the buffer's range, reads compare. The first
/// violation stops the run and is thrown.
public struct Simulator {
    public let graph: Graph
    public let machine: SimulationMachine
    public let options: SimulationOptions

    public init(graph: Graph, machine: SimulationMachine, options: SimulationOptions = SimulationOptions()) {
        self.graph = graph
        self.machine = machine
        self.options = options
    }

    /// Runs `plan` to completion.
    ///
    /// - Throws: the first `SimulationViolation`.
    /// - Complexity: O((V + E + T + B) log(events)) plus, with contention on, a fair-share
    ///   computation per change of the set of streams.
    public func run(_ plan: SimulationPlan) throws(SimulationViolation) -> SimulationResult {
        var engine = _Engine(graph: graph, machine: machine, plan: plan, options: options)
        try engine.run()
        return engine.result()
    }
}
