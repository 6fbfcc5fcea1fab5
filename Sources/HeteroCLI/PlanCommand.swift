import ArgumentParser
import Foundation
import HeteroCost
import HeteroPlan
import HeteroRecords
import HeteroSim
import HeteroSupport

/// `hetero-plan plan`: place, order and allocate a model on a platform.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a model on a platform: unit per operator, order, transfers and memory offsets."
    )

    @OptionGroup var modelOptions: ModelOptions
    @OptionGroup var platformOption: PlatformOption

    @Option(help: "Strategy: \(StrategyName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var strategy: StrategyName = .optimize

    @Option(help: "Objective: latency (makespan), throughput (pipelined interval), energy (per inference), memory (peak live activations); the makespan breaks ties.")
    var objective: PlanOptions.Objective = .latency

    @Option(name: .customLong("time-limit"), help: "A wall-clock cap in seconds on the optimizer's search (its ILP solves and refinement), at most 86400. Without it every search limit is counted in work (evaluations, GLPK nodes and simplex iterations), so the same inputs give byte-identical plans on any machine and under any load; with it (and --max-searches) the optimizer also runs further independent searches (other starts and seeds) while the time lasts, so more time buys a better plan; the plan states the cap, since where a clock stops differs between runs.")
    var timeLimit: Double?

    @Option(help: "Measured latencies (hetero-plan/profile@1) that replace modelled costs.")
    var profile: String?

    @Option(help: "Seed of the optimizer's randomised search.")
    var seed: UInt64 = 1

    @Option(name: .customLong("fallback-priority"), parsing: .upToNextOption, help: "Unit names in priority order for --strategy fallback.")
    var fallbackPriority: [String] = []

    @Option(help: ArgumentHelp("Run this node only on this unit (repeatable); the optimizer places the rest.", valueName: "NODE=UNIT"))
    var pin: [String] = []

    @Option(name: .customLong("pin-type"), help: ArgumentHelp("Run every node of this operator type only on this unit (repeatable); a --pin of a node wins.", valueName: "TYPE=UNIT"))
    var pinType: [String] = []

    @Option(help: ArgumentHelp("Pins from a JSON file (hetero-plan/constraints@1: {\"pins\": [{\"node\" or \"type\": ..., \"unit\": ...}]}).", valueName: "FILE"))
    var constraints: String?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(name: [.customShort("o"), .long], help: "Write the plan JSON to this file.")
    var output: String?

    @Flag(help: "List every operator-spill, composite, residency and memory-spill decision with its reason, and how control flow was costed.")
    var explain = false

    @Option(name: .customLong("dump-lp"), help: "Write the ILP in CPLEX LP format to this file: ilp-exact's MILP, or optimize's (the exact MILP on small graphs, else the coarse assignment ILP, latency only).")
    var dumpLP: String?

    @Option(help: "How activations stay in on-chip resident memories (CMX, VTCM, SRAM): optimize (evict what costs the objective least when one overflows), next-use (evict the furthest next read first), dram (keep every activation in DRAM).")
    var residency: ResidencyPolicy = .optimize

    @Option(name: .customLong("weight-prefetch"), help: "Prefetch weights into resident memories (CMX, VTCM, SRAM) while the previous operator runs, where the DMA path has the time and the memory the room: on or off. (default: on; off with --residency dram)")
    var weightPrefetch: OnOffSetting = .on

    @Option(help: "With --residency optimize, recompute an evicted activation before its last reader (re-running its producer on that reader's unit) instead of writing it to DRAM and streaming it back, where that shortens the plan: on or off. (default: on)")
    var recompute: OnOffSetting = .on

    @Option(name: .customLong("split-layers"), help: "On platforms whose units have program memories (an AI Engine array's tiles), split a convolution too slow for one tile by output channels over several tiles, joined by a Concat: on or off. No effect on other platforms. (default: off)")
    var splitLayers: OnOffSetting = .off

    @Option(name: .customLong("windowed-hand-offs"), help: "With the throughput objective on an array whose tiles share data memory (versal-vc1902-tiles), stream an activation too large for a tile memory from its producer to readers on tiles addressing that memory in row windows through a ping-pong buffer there, instead of through DRAM: on or off. No effect elsewhere. (default: on)")
    var windowedHandOffs: OnOffSetting = .on

    @Option(name: .customLong("stream-routes"), help: "With the throughput objective on an array with stream switches (versal-vc1902-tiles) and windowed hand-offs on, broadcast an activation whose readers sit on distant tiles from its producer's tile over one stream-switch route (one master port there, one slave port on each reader's tile, within the tiles' port counts) instead of through DRAM: on or off. No effect elsewhere. (default: on)")
    var streamRoutes: OnOffSetting = .on

    @Option(help: "Refinement budget in list-schedule evaluations (default: scaled to the graph, about 2e7 edge visits). Deterministic, unlike --time-limit.")
    var evaluations: Int?

    @Option(name: .customLong("elite-starts"), help: "Other starts of the optimizer's elite stage (multi-start, elite pool, path relinking); 0 turns the stage off. (default: 6)")
    var eliteStarts: Int?

    @Option(name: .customLong("search-starts"), help: "Independent searches of the optimizer (refinement, elite, windows), each with its own seed, the first from the best start, the others as the defaults order them; the best plan is kept. (default: 160 / operators between 1 and 4 from the best start, then --other-starts)")
    var searchStarts: Int?

    @Option(name: .customLong("other-starts"), help: "Independent searches of the optimizer, beyond those from the best start, from the next-best other starts (other seeds' plans, the coarse ILP's), each with a share of the refinement budget; 0 plans as session 28 did. (default: 2 where the unit-swap stage does not run — above 80 operators or with --swap-moves off — and operators x units is at most 20,000, else 0)")
    var otherStarts: Int?

    @Option(name: .customLong("other-start-budget-divisor"), help: "A search from a start other than the best one gets the refinement budget divided by this. (default: 8)")
    var otherStartBudgetDivisor: Int?

    @Option(name: .customLong("ranked-searches"), help: "Under contention, carry this many of the independent searches' distinct plans (those within 5% of the best search score, best first) through the contended re-timing and refinement and keep the best final plan; 1 keeps the best search score's plan. (default: 3)")
    var rankedSearches: Int?

    @Option(name: .customLong("max-searches"), help: "With --time-limit: run further independent searches while the time left exceeds the longest search so far, up to this many in all (anytime search). (default: none beyond the default searches; the time limit is then a cap only)")
    var maxSearches: Int?

    @Option(name: .customLong("search-threads"), help: "Threads the optimizer's independent searches run on; the plan is the same for any number. (default: 1)")
    var searchThreads: Int?

    @Option(name: .customLong("elite-budget-divisor"), help: "The elite stage may use the refinement budget divided by this. (default: 10)")
    var eliteBudgetDivisor: Int?

    @Option(name: .customLong("perturbation-budget-divisor"), help: "The optimizer's perturbation stage (connected clusters of 5-12 operators relocated and repaired) may use the refinement budget divided by this; 0 turns it off. (default: 0)")
    var perturbationBudgetDivisor: Int?
    @Option(name: .customLong("block-relocation-budget-divisor"), help: "The optimizer's block-relocation stage (the plan's connected same-unit blocks, and their parts on either side of each transfer, moved to another unit and repaired; latency, graphs of at most 160 operators) may use the refinement budget divided by this; 0 turns it off. (default: 0)")
    var blockRelocationBudgetDivisor: Int?
    @Option(name: .customLong("swap-moves"), help: "The optimizer's unit-swap stage, on graphs of at most 80 operators (where several independent searches run): after the searches, one more search in which half of annealing's priority-order moves swap two operators' units instead, then annealing with swaps from the better plan; kept only when strictly better (under contention, ranked after the searches' plans), so the plan is never worse than with off: on or off. (default: on)")
    var swapMoves: OnOffSetting = .on
    @Option(name: .customLong("swap-budget-divisor"), help: "The unit-swap stage's final annealing may use the refinement budget divided by this. (default: 4)")
    var swapBudgetDivisor: Int?
    @Option(name: .customLong("iterated-greedy"), help: "The optimizer's iterated-greedy stage, last, on graphs of at most 80 operators (latency): rounds removing 30-60% of the operators' units, rebuilt by HEFT's insertion and repaired by descent, within half a search's budget; kept only when strictly better (under contention, ranked after the other plans), so the plan is never worse than with off: on or off. (default: on)")
    var iteratedGreedy: OnOffSetting = .on

    @Option(name: .customLong("wide-windows"), help: "Wide windows (connected regions of 10-30 operators) the optimizer's window search re-solves with GLPK after its small ones; 0: none. (default: 0)")
    var wideWindows: Int?

    @Option(name: .customLong("wide-window-nodes"), help: "GLPK branch-and-bound nodes per wide window. (default: 300)")
    var wideWindowNodes: Int?

    @Option(name: .customLong("wide-window-ordering"), help: "How a wide window's MILP orders operators sharing a unit: exact (slots and ordering binaries) or load-relaxed (units only, per-unit load rows; the list scheduler orders). (default: exact)")
    var wideWindowOrdering: PlanOptions.WindowOrdering?

    @Option(name: .customLong("wide-window-polish"), help: "Annealing evaluations spent on a wide window's plan within 3% of the incumbent before comparing it; 0: none. (default: 0)")
    var wideWindowPolish: Int?

    @Option(name: .customLong("enumeration-windows"), help: "Windows whose units the optimizer's enumeration stage decides by branch and bound on the list schedule (latency, graphs of at most 160 operators, without residency or weight prefetches); 0: none. (default: 0)")
    var enumerationWindows: Int?

    @Option(name: .customLong("enumeration-window-size"), help: "Operators per enumeration window. (default: 12)")
    var enumerationWindowSize: Int?

    @Option(name: .customLong("enumeration-work"), help: "Operator placements the branch and bound may make per enumeration window. (default: 200000)")
    var enumerationWork: Int?

    @Option(name: .customLong("tie-break"), help: "How the optimizer's local search ranks plans of equal makespan: none, or finish-times (the earlier operators finish on average, the better; latency only). (default: none)")
    var tieBreak: PlanOptions.TieBreak?

    @Flag(help: "Record wall-clock timings in the plan JSON (makes it differ between runs).")
    var timings = false

    @Flag(inversion: .prefixedNo, help: "Print planning progress (stage, evaluations) on standard error once a run lasts 2 s. (default: when standard error is a terminal)")
    var progress: Bool?

    @Flag(name: .customLong("no-simulate"), help: "Do not run the plan on the simulator (no summary.simulated_makespan_us).")
    var noSimulate = false

    @OptionGroup var simulation: SimulationOptionGroup

    func validate() throws {
        if let timeLimit, !(timeLimit > 0 && timeLimit <= 86_400) {
            throw ValidationError("--time-limit must be positive and at most 86400 (one day)")
        }
        if let evaluations, evaluations < 1 { throw ValidationError("--evaluations must be at least 1") }
        if let eliteStarts, !(0...64).contains(eliteStarts) { throw ValidationError("--elite-starts must be between 0 and 64 (got \(eliteStarts))") }
        if let searchStarts, !(1...64).contains(searchStarts) { throw ValidationError("--search-starts must be between 1 and 64 (got \(searchStarts))") }
        if let searchThreads, !(1...64).contains(searchThreads) { throw ValidationError("--search-threads must be between 1 and 64 (got \(searchThreads))") }
        if let otherStarts, !(0...64).contains(otherStarts) { throw ValidationError("--other-starts must be between 0 and 64 (got \(otherStarts))") }
        if let otherStartBudgetDivisor, !(1...1000).contains(otherStartBudgetDivisor) {
            throw ValidationError("--other-start-budget-divisor must be between 1 and 1000 (got \(otherStartBudgetDivisor))")
        }
        if let rankedSearches, !(1...64).contains(rankedSearches) { throw ValidationError("--ranked-searches must be between 1 and 64 (got \(rankedSearches))") }
        if let maxSearches, !(1...4096).contains(maxSearches) { throw ValidationError("--max-searches must be between 1 and 4096 (got \(maxSearches))") }
        if let eliteBudgetDivisor, eliteBudgetDivisor < 1 { throw ValidationError("--elite-budget-divisor must be at least 1 (got \(eliteBudgetDivisor))") }
        if let blockRelocationBudgetDivisor, blockRelocationBudgetDivisor < 0 {
            throw ValidationError("--block-relocation-budget-divisor must be 0 (off) or more (got \(blockRelocationBudgetDivisor))")
        }
        if let swapBudgetDivisor, !(1...1000).contains(swapBudgetDivisor) {
            throw ValidationError("--swap-budget-divisor must be between 1 and 1000 (got \(swapBudgetDivisor))")
        }
        if let perturbationBudgetDivisor, perturbationBudgetDivisor < 0 {
            throw ValidationError("--perturbation-budget-divisor must be 0 (off) or more (got \(perturbationBudgetDivisor))")
        }
        if let wideWindows, !(0...10_000).contains(wideWindows) {
            throw ValidationError("--wide-windows must be between 0 and 10000 (got \(wideWindows))")
        }
        if let wideWindowNodes, wideWindowNodes < 1 { throw ValidationError("--wide-window-nodes must be at least 1 (got \(wideWindowNodes))") }
        if let wideWindowPolish, wideWindowPolish < 0 { throw ValidationError("--wide-window-polish must be 0 (none) or more (got \(wideWindowPolish))") }
        if let enumerationWindows, !(0...10_000).contains(enumerationWindows) {
            throw ValidationError("--enumeration-windows must be between 0 and 10000 (got \(enumerationWindows))")
        }
        if let enumerationWindowSize, !(1...64).contains(enumerationWindowSize) {
            throw ValidationError("--enumeration-window-size must be between 1 and 64 (got \(enumerationWindowSize))")
        }
        if let enumerationWork, !(1...1_000_000_000).contains(enumerationWork) {
            throw ValidationError("--enumeration-work must be between 1 and 1000000000 (got \(enumerationWork))")
        }
        if noSimulate && simulation.wantsFiles {
            throw ValidationError("--trace, --gantt and --memory-plot need the simulation; drop --no-simulate")
        }
    }

    /// The pins of `--constraints`, `--pin-type` and `--pin`.
    func pins() throws -> AffinityPins {
        var pins = AffinityPins()
        if let constraints { try pins.read(constraintsFile: constraints) }
        for value in pinType { try pins.pinType(try AffinityPins.parse(value, option: "--pin-type")) }
        for value in pin { try pins.pinNode(try AffinityPins.parse(value, option: "--pin")) }
        return pins
    }

    func run() throws {
        var outputs = OutputFiles()
        outputs.add(output, option: "--output")
        simulation.addFiles(to: &outputs)
        outputs.add(dumpLP, option: "--dump-lp")
        try outputs.check()
        // GLPK writes the LP itself: to a temporary name, renamed with the other outputs.
        let stagedLP = dumpLP.map { StagedFile(path: $0, temporaryPath: StagedFile.temporaryPath(for: $0)) }
        defer { stagedLP?.discard() }
        let graph = try modelOptions.load()
        var platform = try platformOption.load()
        // `--contention` overrides the platform's switch for planning as well as simulating.
        if let setting = simulation.contention { platform.interconnect.contention = setting == .on }
        let costProfile = try profile.map { try CostProfile.load(path: $0, platform: platform, graph: graph) }
        var options = PlanOptions()
        options.objective = objective
        options.residency = residency
        options.weightPrefetch = weightPrefetch == .on
        options.recompute = recompute == .on
        options.splitLayers = splitLayers == .on
        options.windowedHandOffs = windowedHandOffs == .on
        options.streamRoutes = streamRoutes == .on
        options.timeLimitSeconds = timeLimit
        options.seed = seed
        options.evaluationBudget = evaluations
        if let eliteStarts { options.eliteStarts = eliteStarts }
        if let eliteBudgetDivisor { options.eliteBudgetDivisor = eliteBudgetDivisor }
        if let searchStarts { options.searchStarts = searchStarts }
        if let searchThreads { options.searchThreads = searchThreads }
        if let otherStarts { options.otherStartSearches = otherStarts }
        if let otherStartBudgetDivisor { options.otherStartBudgetDivisor = otherStartBudgetDivisor }
        if let rankedSearches { options.rankedSearches = rankedSearches }
        if let maxSearches { options.maximumTimedSearches = maxSearches }
        if let perturbationBudgetDivisor { options.perturbationBudgetDivisor = perturbationBudgetDivisor }
        if let blockRelocationBudgetDivisor { options.blockRelocationBudgetDivisor = blockRelocationBudgetDivisor }
        options.swapMoves = swapMoves == .on
        if let swapBudgetDivisor { options.swapBudgetDivisor = swapBudgetDivisor }
        options.iteratedGreedy = iteratedGreedy == .on
        if let wideWindows { options.wideWindows = wideWindows }
        if let wideWindowNodes { options.wideWindowNodes = wideWindowNodes }
        if let wideWindowOrdering { options.wideWindowOrdering = wideWindowOrdering }
        if let wideWindowPolish { options.wideWindowPolish = wideWindowPolish }
        if let enumerationWindows { options.enumerationWindows = enumerationWindows }
        if let enumerationWindowSize { options.enumerationWindowSize = enumerationWindowSize }
        if let enumerationWork { options.enumerationWork = enumerationWork }
        if let tieBreak { options.tieBreak = tieBreak }
        options.dumpLPPath = stagedLP?.temporaryPath
        options.fallbackPriority = fallbackPriority.isEmpty ? nil : fallbackPriority
        let pins = try pins()
        let reporter = (progress ?? Terminal.standardErrorIsTerminal) ? PlanProgress() : nil
        var outcome = try PlanProgress.$current.withValue(reporter) {
            try PlanPipeline.run(graph: graph, platform: platform, profile: costProfile, strategy: strategy.strategy, options: options, pins: pins)
        }
        if let dumpLP, outcome.result.solver == nil {
            StandardError.write("warning: no ILP was solved for this plan (\(strategy.rawValue), objective \(objective.rawValue)); nothing written to \(dumpLP)\n")
        }
        if timings {
            outcome.document.timings = PlanDocument.Timings(planningSeconds: outcome.seconds, solverSeconds: outcome.result.solverSeconds)
        }
        outcome.document.modelPath = modelOptions.model
        outcome.document.inputShapes = modelOptions.inputShapes.isEmpty ? nil : modelOptions.inputShapes
        outcome.document.profilePath = profile
        // The plan is trusted once it has run: simulate the document exactly as it is written.
        var run: SimulationRun?
        if !noSimulate {
            // The planned graph: the model with any layers split over tiles (`layer_splits`).
            // Too long to simulate is the input's scale (status 2); not resolving is a planner defect (status 3).
            let prepared = try Simulator.prepare(outcome.document, file: output ?? "(plan)", graph: outcome.problem.graph, platform: platform,
                                                 costs: outcome.costs.table)
            let simulated: SimulationRun
            do {
                simulated = try prepared.run(contention: simulation.contention.map { $0 == .on })
            } catch let problems as InputError {
                throw OwnPlanRejected(problems: problems)
            }
            outcome.document.summary.simulatedMakespanUS = simulated.result.makespanUS
            outcome.document.summary.simulation = simulated.result.summary
            run = simulated
        }
        let json = try JSONOutput.encode(outcome.document) + "\n"
        var files: [(path: String, text: String)] = []
        if let output { files.append((output, json)) }
        if let run { files += PlanSimulation.files(run, options: simulation, title: "\(graph.name) on \(platform.name), \(outcome.document.strategy)") }
        let lpWritten = stagedLP.map { FileManager.default.fileExists(atPath: $0.temporaryPath) } ?? false
        try OutputFiles.write(files, adopting: lpWritten ? [stagedLP!] : [])
        switch format {
        case .table:
            var text = PlanTable.render(outcome.document, explain: explain, notes: ControlFlowNotes.lines(graph))
            if let simulation = outcome.document.summary.simulation { text += "\n" + SimulationTable.render(simulation) }
            print(text, terminator: "")
        case .json: print(json, terminator: "")
        }
    }
}
