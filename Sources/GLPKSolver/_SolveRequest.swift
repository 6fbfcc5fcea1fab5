/// A validated solve, ready to run on a solver thread.
///
/// Construction does all checks that need no GLPK (model, options, warm-start feasibility) on
/// the caller's thread; ``execute()`` runs on the dedicated solver thread and never throws across
/// it: it returns a `Result`.
struct _SolveRequest: Sendable {
    let model: MILPModel
    let options: MILPOptions
    /// `nil` when no warm start was given.
    let warmStart: MILPModel.WarmStartCheck?

    init(model: MILPModel, options: MILPOptions) throws(GLPKError) {
        try model.validate()
        try options.validate(variableCount: model.variables.count)
        self.model = model
        self.options = options
        self.warmStart = options.warmStart.map { model.checkWarmStart($0) }
    }

    /// The checked warm start when it will be offered to branch-and-cut.
    var offeredWarmStart: [Double]? {
        guard case .feasible(let values, _)? = warmStart, model.hasIntegerVariables,
              !options.presolve else { return nil }
        return values
    }

    /// Builds, solves and maps the result. Call only on a dedicated solver thread.
    func execute() -> Result<MILPSolution, GLPKError> {
        let clock = ContinuousClock()
        let start = clock.now
        var request = _GuardRequest()
        request.timeLimitMilliseconds = options.timeLimitMilliseconds
        request.relativeGap = options.relativeGap
        request.presolve = options.presolve
        request.cuts = options.cuts
        request.nodeLimit = options.nodeLimit.map { Int32(clamping: $0) } ?? 0
        request.rootIterationLimit = options.rootIterationLimit.map { Int32(clamping: $0) } ?? 0
        request.branchIterationLimit = options.branchIterationLimit.map { Int32(clamping: $0) } ?? 0
        request.verbose = options.verboseLog
        request.warmStart = offeredWarmStart
        request.lpPath = options.lpDumpPath
        request.injectError = options.injectGLPKError
        let run = _GuardCall.run(model, request)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return makeSolution(from: run, wallSeconds: seconds)
    }
}
