import HeteroRecords

/// One thing the optimizer decided, recorded as data while it searches; `--explain` text comes
/// from `SearchRecord.decision` alone (SearchRecord+Explanation.swift), so the wording of every
/// explanation lives in one formatter and the search code builds no strings.
enum SearchRecord {
    /// A figure of the objective for one schedule, as `--explain` prints it.
    enum Figure {
        case makespan(us: Double)
        case energy(pj: Double)
        case interval(us: Double)
        case peakLive(bytes: Int)
    }

    /// An operator that cannot run on a non-CPU unit (an operator spill).
    case operatorSpill(operatorLabel: String, unitName: String, reason: String)
    /// The baselines the search may start from and the one it chose.
    case initialPlacement(objective: PlanOptions.Objective, chosen: String, seeds: [(name: String, figure: Figure)])
    /// What coarsening contracted.
    case coarsening(operators: Int, groups: Int)
    /// The coarse ILP did not run: too many assignment variables.
    case coarseILPTooLarge(groups: Int, units: Int, limit: Int)
    /// The coarse ILP and the window search did not run: the platform has more units than `limit`.
    case ilpTooManyUnits(units: Int, limit: Int)
    /// The coarse ILP did not run: the groups' quotient graph has a cycle.
    case coarseILPCyclic
    /// A group kept off a unit in the coarse ILP because its activations do not fit.
    case coarseMemoryExclusion(groupLabel: String, unitName: String)
    /// What GLPK did with the coarse ILP, and the list-scheduled makespan of its projection.
    case coarseILP(CoarseILPSummary)
    /// Under contention: the ideal search's figure with and without contention, and whether a
    /// contended refinement followed.
    case contention(ideal: Figure, contended: Figure, negligible: Bool)
    /// A refinement move of one operator or a group to a unit that improved the objective.
    case moved(subject: String, unitName: String, objective: PlanOptions.Objective, from: Double, to: Double)
    /// An annealing step that found a new best score.
    case annealing(objective: PlanOptions.Objective, from: Double, to: Double)
    /// A window re-solved by GLPK that improved the objective.
    case window(WindowSummary)
    /// A window whose units were enumerated (`EnumerationSearch`) that improved the objective;
    /// `nodes` counts branch-and-bound nodes.
    case enumeratedWindow(WindowSummary)
    /// What the elite stage (multi-start, elite pool, path relinking) did.
    case elite(EliteSummary)
    /// What the perturbation stage (cluster kicks and repairs) did.
    case perturbation(PerturbationSummary)
    /// What the block-relocation stage (the plan's same-unit blocks moved and repaired) did.
    case blockRelocation(BlockRelocationSummary)
    /// What the unit-swap stage (a search with unit swaps, then annealing with them) did.
    case unitSwaps(UnitSwapSummary)
    /// What the iterated-greedy stage (destroy and rebuild rounds) did.
    case iteratedGreedy(IteratedGreedySummary)
    /// The independent searches of the multi-start stage and which one won.
    case multiStart(MultiStartSummary)
    /// Under contention, the independent searches' plans ranked by their contended plans.
    case searchRanking(RankingSummary)
    /// The search's total work and the objective before and after it.
    case refinement(evaluations: Int, objective: PlanOptions.Objective, from: Figure, to: Figure)
    /// The exact MILP's result (also `ilp-exact`'s explanation).
    case exact(status: String, objective: Double?, bound: Double?, warmStart: String)
    /// The exact MILP found no solution; the list schedule stands.
    case exactWithoutSolution(status: String)
    /// A wall-clock cap was requested, whether it stopped the search and whether it bought
    /// further independent searches (`SearchClock`).
    case timeLimit(seconds: Double, stoppedSearch: Bool, buysSearches: Bool)

    /// The coarse ILP's statistics.
    struct CoarseILPSummary {
        var groups: Int
        var units: Int
        var status: String
        var relaxedMakespan: Double?
        var bound: Double?
        var nodes: Int
        /// The node limit, when the search stopped at it.
        var nodeLimit: Int?
        /// The branch-and-cut simplex iteration limit, when the search stopped at it.
        var iterationLimit: Int?
        /// The LP relaxation's iteration limit, when it stopped there (no branch-and-cut ran).
        var rootIterationLimit: Int?
        var hitTimeLimit: Bool
        /// The projection's list-scheduled makespan, when GLPK gave an assignment.
        var projected: Double?
    }

    /// One improving window of the large-neighbourhood search.
    struct WindowSummary {
        var kind: String
        var operators: Int
        var reassigned: Int
        var from: Double
        var to: Double
        var nodes: Int
    }

    /// The elite stage's work and result.
    struct EliteSummary {
        var objective: PlanOptions.Objective
        var starts: Int
        var members: Int
        var walks: Int
        var from: Double
        var to: Double
        /// Where the best plan came from: a start's name, "relinking", or "refine".
        var source: String
    }

    /// The perturbation stage's work and result.
    struct PerturbationSummary {
        var objective: PlanOptions.Objective
        /// Clusters moved and repaired.
        var rounds: Int
        /// Repaired plans that beat the incumbent.
        var kept: Int
        var from: Double
        var to: Double
    }

    /// The block-relocation stage's work and result (latency, us).
    struct BlockRelocationSummary {
        /// Block moves tried (each repaired).
        var moves: Int
        /// Repaired plans that beat the incumbent.
        var kept: Int
        var from: Double
        var to: Double
    }

    /// The unit-swap stage's work and result (`to` is `from` when its plan was not kept).
    struct UnitSwapSummary {
        var objective: PlanOptions.Objective
        /// The swap search's index (one past the last independent search).
        var search: Int
        var evaluations: Int
        var from: Double
        var to: Double
    }

    /// The iterated-greedy stage's work and result (latency, us; `to` is `from` when its plan was not kept).
    struct IteratedGreedySummary {
        /// Destroy-and-rebuild rounds.
        var rounds: Int
        /// Rounds whose repaired plan beat the best so far.
        var kept: Int
        var evaluations: Int
        var from: Double
        var to: Double
    }

    /// The multi-start stage's searches.
    struct MultiStartSummary {
        var objective: PlanOptions.Objective
        /// Each search's final score, by search index.
        var scores: [Double]
        /// Each search's start, by search index.
        var starts: [String]
        /// The index of the search whose plan was kept.
        var winner: Int
        /// Evaluations of all searches together (those before they split counted once).
        var evaluations: Int
        /// Whether the time limit ran searches beyond the default (or requested) number.
        var timed: Bool
    }

    /// The ranked searches (OptimizeStrategy+SearchRanking.swift), in ranking order.
    struct RankingSummary {
        /// Their names ("search N", or the stage that made a plan that is not a search's).
        var labels: [String]
        /// How many of them are searches' plans.
        var searches: Int
        /// Each one's figure on the ideal interconnect, and after the contended stage.
        var ideal: [Figure]
        var contended: [Figure]
        /// The name of the plan whose contended plan was kept.
        var winner: String
    }

    /// Whether the record is a move of the search (listed again when a contended search explains
    /// the ideal search's plan).
    var isMove: Bool {
        switch self {
        case .moved, .annealing, .window, .enumeratedWindow, .elite, .perturbation, .blockRelocation, .unitSwaps, .iteratedGreedy, .multiStart: true
        default: false
        }
    }
}

extension SearchRecord.Figure {
    /// The figure of `schedule` for `objective`.
    init(_ problem: PlanProblem, _ objective: PlanOptions.Objective, _ schedule: Schedule) {
        switch objective {
        case .latency: self = .makespan(us: schedule.makespanUS)
        case .energy: self = .energy(pj: PlanMetrics.energyPJ(problem, schedule.assignment))
        case .throughput: self = .interval(us: PlanMetrics.intervalUS(problem, schedule.assignment))
        case .memory: self = .peakLive(bytes: PlanMetrics.peakLiveBytes(problem, schedule))
        }
    }
}
