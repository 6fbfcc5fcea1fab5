/// Controls for one ``GLPKSolver`` solve.
public struct MILPOptions: Sendable, Equatable {
    /// Wall-clock budget for the LP relaxation plus branch-and-cut, or `nil` for none. GLPK checks
    /// it between branch-and-bound nodes, so one long LP can overrun it. When it expires with an
    /// incumbent the status is ``MILPStatus/feasible`` and the stats carry bound and gap.
    public var timeLimit: Duration?
    /// Relative gap `|objective - bound| / (|objective| + eps)` at which branch-and-cut may stop
    /// and report ``MILPStatus/optimal``. `0` (the default) proves optimality.
    public var relativeGap: Double
    /// A solution to seed branch-and-cut with, one value per variable. Checked in Swift first
    /// (GLPK's `glp_ios_heur_sol` checks only integrality and improvement, not feasibility), then
    /// offered at the first heuristic callback. The outcome is in ``SolveStats/warmStart``; the
    /// result is never worse than a feasible warm start.
    public var warmStart: [Double]?
    /// GLPK's MIP presolver. Off by default: with it on, GLPK's tree works on a reduced problem
    /// and a warm start cannot be offered.
    public var presolve: Bool
    /// GLPK's cut generators (mixed-integer rounding, Gomory, cover, clique). Off by default, as
    /// in GLPK; they often lift the bound of big-M scheduling models.
    public var cuts: Bool = false
    /// Stop branch-and-cut once this many nodes exist, keeping the incumbent and bound (status
    /// ``MILPStatus/feasible``, ``SolveStats/hitNodeLimit``). Unlike ``timeLimit`` this stops at
    /// the same point on every machine, so results stay reproducible. `nil`: no limit.
    public var nodeLimit: Int?
    /// Simplex iterations for the LP relaxation (GLPK's `it_lim`). A MIP whose relaxation stops
    /// there has no branch-and-cut: the status is ``MILPStatus/stoppedWithoutSolution`` unless a
    /// feasible warm start stands (``SolveStats/hitIterationLimit``). `nil`: no limit.
    public var rootIterationLimit: Int?
    /// Stop branch-and-cut at the first callback after its node LPs made this many simplex
    /// iterations (GLPK's count accumulates over them), keeping incumbent and bound
    /// (``SolveStats/hitIterationLimit``). Like ``nodeLimit`` it is work, not time, so a model
    /// stops at the same point on every machine; unlike a node limit it also bounds models whose
    /// node LPs are long. `nil`: no limit.
    public var branchIterationLimit: Int?
    /// If set, the model is written there in CPLEX LP format before solving (replay it with
    /// `glpsol --lp <path>`).
    public var lpDumpPath: String?
    /// Capture GLPK's progress messages (`GLP_MSG_ON`) in ``SolveStats/solverLog`` instead of
    /// errors and warnings only. Nothing is ever printed to stdout.
    public var verboseLog: Bool

    /// Test hook: makes the C guard call a GLPK routine with an out-of-range column index, which
    /// raises a GLPK internal error inside the guard.
    @_spi(Testing) public var injectGLPKError: Bool = false

    public init(
        timeLimit: Duration? = nil,
        relativeGap: Double = 0,
        warmStart: [Double]? = nil,
        presolve: Bool = false,
        lpDumpPath: String? = nil,
        verboseLog: Bool = false
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.warmStart = warmStart
        self.presolve = presolve
        self.lpDumpPath = lpDumpPath
        self.verboseLog = verboseLog
    }

    /// Time limit in whole milliseconds for GLPK's `tm_lim`, at least 1; `0` means none
    /// (also for limits too long to represent).
    var timeLimitMilliseconds: Int32 {
        guard let timeLimit else { return 0 }
        let (seconds, attoseconds) = timeLimit.components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        if ms >= Double(Int32.max) { return 0 }
        return Int32(max(1, ms.rounded(.up)))
    }

    /// Throws for values that are not a user's plausible intent.
    func validate(variableCount: Int) throws(GLPKError) {
        if let timeLimit, timeLimit <= .zero {
            throw .invalidOption("time limit must be positive, got \(timeLimit)")
        }
        guard relativeGap.isFinite, relativeGap >= 0 else {
            throw .invalidOption("relative gap must be a finite number >= 0, got \(relativeGap)")
        }
        if let nodeLimit, nodeLimit < 1 {
            throw .invalidOption("node limit must be at least 1, got \(nodeLimit)")
        }
        for (name, limit) in [("root iteration", rootIterationLimit), ("branch iteration", branchIterationLimit)] {
            if let limit, limit < 1 { throw .invalidOption("\(name) limit must be at least 1, got \(limit)") }
        }
        if let path = lpDumpPath, path.isEmpty || path.utf8.contains(0) {
            throw .invalidOption("LP dump path must be non-empty and contain no NUL byte")
        }
        if let warmStart {
            guard warmStart.count == variableCount else {
                throw .invalidWarmStart("\(warmStart.count) values for \(variableCount) variables")
            }
            if let j = warmStart.firstIndex(where: { !$0.isFinite }) {
                throw .invalidWarmStart("value of variable #\(j) is \(warmStart[j])")
            }
        }
    }
}
