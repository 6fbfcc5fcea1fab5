/// Options shared by every strategy.
public struct PlanOptions: Sendable {
    public enum Objective: String, Sendable, CaseIterable, Codable {
        case latency, throughput, energy, memory
    }

    /// How the optimizer's local search ranks latency plans whose makespans are equal.
    public enum TieBreak: String, Sendable, CaseIterable, Codable {
        /// The makespan only: a move that leaves it unchanged is no gain.
        case none
        /// The mean finish time of every operator, weighted `ObjectiveScore.tieBreakWeight`: a
        /// move that leaves the makespan but finishes operators earlier opens room for later moves.
        case finishTimes = "finish-times"
    }

    /// How a wide window's MILP treats operators sharing a unit (`WindowFormulation`).
    public enum WindowOrdering: String, Sendable, CaseIterable, Codable {
        /// Slots in the fixed operators' sequences and ordering binaries between window operators:
        /// the exact scheduling MILP restricted to the window.
        case exact
        /// Units only: per-unit load rows instead of any operator's order (the fixed ones' too);
        /// the list scheduler orders the result.
        case loadRelaxed = "load-relaxed"
    }

    public var objective: Objective = .latency
    /// The refiner's makespan tie-break (latency only). Off by default: measured in
    /// Results/search-tiebreak.md, finish-times improves the 160-task 8-unit classic set and the
    /// two CCR-5 instances furthest from CP-SAT, but worsens several 3-unit CCR-1 instances and
    /// four of the bundled-model plans, and makes up to 85% more evaluations.
    public var tieBreak: TieBreak = .none
    /// An explicit wall-clock cap on the optimizer's search, in seconds (`--time-limit`), or nil,
    /// the default: then every limit that ends the search is counted in work (schedule
    /// evaluations, GLPK branch-and-bound nodes and simplex iterations), so the plan is a pure
    /// function of the inputs and options, byte for byte the same on a loaded machine as on an idle
    /// one. With a cap the plan says so (a "time limit" decision): where a clock stops differs
    /// between runs.
    public var timeLimitSeconds: Double?
    /// Unit names in priority order for `fallback` (default: accelerators first, CPU last).
    public var fallbackPriority: [String]?
    /// Where to write the coarse ILP in CPLEX LP format, if anywhere.
    public var dumpLPPath: String?
    /// Seed of the optimizer's randomised moves (results are deterministic for a seed).
    public var seed: UInt64 = 1
    /// Stop refinement after this many evaluations without improvement (default: a quarter of the
    /// evaluation budget, at least 20,000: small graphs search long, large ones stop once stuck).
    public var patience: Int?
    /// Graphs with at most this many operators are also solved exactly (ilp-exact) by `optimize`.
    public var exactThreshold: Int = 12
    /// Branch-and-bound nodes and branch-and-cut work (as `coarseILPWork`) for the exact
    /// scheduling MILP (`optimize` on small graphs, and `ilp-exact`); deterministic limits,
    /// whichever comes first. 10,000 nodes take about 4 s on a 12-operator graph.
    public var exactNodes: Int = 10_000
    public var exactWork: Int = 60_000_000
    /// Simplex iterations for the LP relaxation of every MILP the optimizer solves (a safety
    /// limit: the shipped models' relaxations take at most a few thousand).
    public var rootIterations: Int = 100_000
    /// Branch-and-bound nodes for the coarse assignment ILP (a deterministic limit).
    public var coarseILPNodes: Int = 200
    /// Branch-and-cut work for the coarse ILP, in simplex iterations × constraint nonzeros (an
    /// iteration costs about its model's nonzeros: 20-70 ns per unit on the shipped models), so a
    /// large model stops after fewer iterations; a deterministic limit (see `SolverBudget`).
    public var coarseILPWork: Int = 40_000_000
    /// The coarse ILP runs only when groups × units is at most this (it uses the full coarsening,
    /// heavy edges included, when the composite-and-chain graph is bigger).
    public var coarseILPMaxAssignments: Int = 1_000
    /// The coarse ILP and the window search run only on platforms of at most this many units.
    /// With more (an array of identical tiles) their MILPs are highly symmetric, and GLPK's
    /// branching spends seconds per node evaluating tableau rows, work the node and iteration
    /// limits do not count (squeezenet on one CPU and 16 tiles: more than 120 s in the coarse
    /// ILP). The shipped chip platforms have at most 9 units.
    public var ilpMaxUnits: Int = 16
    /// Overrides the refinement's evaluation budget (default: scaled to the graph's size).
    public var evaluationBudget: Int?
    /// Starts of the elite stage (multi-start, elite pool, path relinking; 0: no elite stage).
    public var eliteStarts: Int = 6
    /// Independent searches of the optimizer's multi-start stage, each from its start with its own
    /// seed, the best plan kept (`OptimizeStrategy+MultiStart.swift`); nil: chosen by the graph's
    /// size (`OptimizeStrategy.defaultSearchStarts`: 160 / operators between 1 and 4 from the
    /// best start, then `otherStartSearches`).
    public var searchStarts: Int?
    /// Searches of the default multi-start stage from the starts after the best one (the other
    /// seeds' and the coarse ILP's plans, best first; `OptimizeStrategy+SearchStarts.swift`), each
    /// with the refinement budget / `otherStartBudgetDivisor`. nil, the default:
    /// `OptimizeStrategy.otherStartSearches` — 2 on graphs where the unit-swap stage does not run
    /// (above 80 operators, or `swapMoves` off) and operators x units is at most 20,000, none elsewhere (session 29: on the 54 model
    /// plans two searches at an eighth of a budget each improve 8 plans, all above 80 operators,
    /// and worsen none, meteor-lake Inception-v2 1,867.1 -> 1,816.1 us; on 80-task classic graphs
    /// they made the swap stage's continuation end higher on 2 of 16:
    /// Results/search-other-starts-default.md). 0 gives the plans of session 28. Under
    /// `--time-limit` the further searches take the other starts in turn whatever this is.
    public var otherStartSearches: Int?
    /// A search from a start other than the best one gets the refinement budget divided by this
    /// (at least 1), so it costs a share of a search.
    public var otherStartBudgetDivisor: Int = 8
    /// Under contention, the most independent searches (distinct plans within
    /// `OptimizeStrategy.rankingTolerance` of the best search score, best first) carried through
    /// the contended re-timing and refinement and ranked by that final plan
    /// (`OptimizeStrategy+SearchRanking.swift`); 1: the best search score alone, as before.
    public var rankedSearches: Int = 3
    /// Under an explicit `timeLimitSeconds`, the most independent searches the clock may run
    /// (further searches start while the time left exceeds the longest search so far); 0, the
    /// default: none beyond the default ones, the time limit is a cap only (benchmarks, sweeps and
    /// tests give generous caps and expect the work-limited plans).
    public var maximumTimedSearches: Int = 0
    /// Threads the independent searches run on (1: one after another). The plan is the same for
    /// any number: results are merged by score, then search index.
    public var searchThreads: Int = 1
    /// Plans the elite pool keeps.
    public var elitePoolSize: Int = 5
    /// The elite stage may use the refiner's budget divided by this (at least 1).
    public var eliteBudgetDivisor: Int = 10
    /// The ejection-chain stage may use the refiner's budget divided by this (0 would be invalid).
    public var chainBudgetDivisor: Int = 4
    /// The perturbation stage (connected clusters relocated and repaired) may use the refiner's
    /// budget divided by this; 0 turns it off.
    public var perturbationBudgetDivisor: Int = 0
    /// The block-relocation stage (the plan's same-unit blocks moved to other units and repaired;
    /// latency, graphs of at most `windowSearchMaxOperators`) may use the refiner's budget divided
    /// by this; 0 turns it off. Off by default: on the 8-unit CCR-5 instances it mended one of
    /// eight (Results/cpsat-oracle.md) and it has not been measured on the models or the
    /// three-unit sets.
    public var blockRelocationBudgetDivisor: Int = 0
    /// Whether the unit-swap stage runs (OptimizeStrategy+UnitSwaps.swift; graphs the multi-start
    /// stage gives several searches): after the searches, one more search whose annealing swaps
    /// two operators' units in half of its exchange moves, then annealing with swaps from the
    /// better plan within the refinement budget / `swapBudgetDivisor` evaluations; its plan is
    /// kept only when strictly better (under contention, ranked after every search's plan), so
    /// the plan is never worse than without it. Off, the plan is exactly the one before the stage
    /// existed.
    public var swapMoves: Bool = true
    /// The unit-swap stage's continuation may use the refinement budget divided by this (at least 1).
    public var swapBudgetDivisor: Int = 4
    /// Whether the iterated-greedy stage runs (OptimizeStrategy+IteratedGreedy.swift; latency,
    /// several units, graphs of at most 80 operators): after the unit-swap stage, destroy-and-rebuild
    /// rounds (HEFT's insertion, then descent) within the refinement budget / 2 evaluations; its plan
    /// is kept only when strictly better (under contention, ranked after every other plan), so the
    /// plan is never worse than without it. Off, the plan is exactly the one before the stage existed.
    public var iteratedGreedy: Bool = true
    /// Windows the large-neighbourhood search re-solves with GLPK after refinement (latency; 0: none).
    public var windowSearchWindows: Int = 8
    /// The window search runs only on graphs of at most this many operators: its MILP has a start
    /// variable per operator, and on larger graphs it cost seconds per window (a 5,000-operator
    /// graph: 164 s in all) while improving none of the nine models.
    public var windowSearchMaxOperators: Int = 160
    /// Branch-and-bound nodes per window (a deterministic limit).
    public var windowSearchNodes: Int = 150
    /// Branch-and-cut work per window (simplex iterations × nonzeros, as `coarseILPWork`), and
    /// its LP relaxation's iterations are `rootIterations`: without them a window whose LPs are
    /// long (coefficients spanning many orders of magnitude on a platform at the ends of its
    /// ranges) ran for minutes within its first nodes.
    public var windowSearchWork: Int = 10_000_000
    /// Windows whose units the enumeration stage decides by branch and bound on the list
    /// schedule (`EnumerationSearch`; latency, graphs of at most `windowSearchMaxOperators`
    /// operators, without residency or weight prefetches; 0: none).
    public var enumerationWindows: Int = 0
    /// Operators per enumeration window.
    public var enumerationWindowSize: Int = 12
    /// Operator placements per enumeration window (a deterministic work limit).
    public var enumerationWork: Int = 200_000
    /// Wide windows (connected regions of 10-30 operators) the window search re-solves after
    /// its small ones (0: none). Off by default: measured in Results/search-wide-windows.md, they
    /// improved none of 16 CCR-5 classic instances or 27 model x platform cases (GLPK finds no
    /// better integer solution of a 20-30 operator window in its limits).
    public var wideWindows: Int = 0
    /// Branch-and-bound nodes per wide window.
    public var wideWindowNodes: Int = 300
    /// Branch-and-cut work per wide window (as `windowSearchWork`).
    public var wideWindowWork: Int = 40_000_000
    /// How the wide windows' MILP orders operators sharing a unit.
    public var wideWindowOrdering: WindowOrdering = .exact
    /// Annealing evaluations spent on a wide window's plan that is within 3% of the incumbent
    /// before it is compared (0: none).
    public var wideWindowPolish: Int = 0

    /// How activations are kept in on-chip resident memories (`ResidencyPlanner`).
    public var residency: ResidencyPolicy = .optimize
    /// Whether weights are prefetched into resident memories during the previous operator
    /// (`WeightPrefetcher`); never with `residency` `dram` (everything then stays in DRAM).
    public var weightPrefetch = true
    /// Whether the `optimize` residency policy recomputes an evicted activation before its last
    /// reader instead of evicting it, where that scores better (`ResidencyPlanner.recompute`).
    public var recompute = true
    /// Split layers too slow for one tile over several tiles of an array (`LayerSplitting`), on
    /// platforms whose units have program memories; no effect elsewhere. Off by default: each
    /// slice reads the layer's whole input from its memory (the array's multicast of one read to
    /// several tiles is not modelled), which on the VC1902 tile file makes the DDR4 the bottleneck.
    public var splitLayers = false
    /// Windowed hand-offs for the throughput objective on arrays whose tiles share data memory
    /// (`WindowedStreaming`): an activation too large for a tile memory streams in row windows
    /// through a ping-pong buffer there. On by default; no effect on other objectives or platforms.
    public var windowedHandOffs = true
    /// Stream-switch routes with broadcast for the throughput objective on arrays with stream
    /// switches (`StreamRouting`): an activation whose readers sit on distant tiles goes from its
    /// producer's tile over one route instead of through DRAM. Needs `windowedHandOffs` (readers
    /// receive windows). On by default; no effect on other objectives or platforms.
    public var streamRoutes = true

    public init() {}
}
