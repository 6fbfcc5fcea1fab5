import CGLPK
import CGLPKGuard

/// Maps GLPK's raw return codes and statuses to ``MILPSolution``.
///
/// Decision table (simplex always runs first, with presolve off, to get the optimal basis that
/// glp_intopt needs):
///
/// | stage   | GLPK says                            | status                                                        |
/// |---------|--------------------------------------|---------------------------------------------------------------|
/// | simplex | 0 + GLP_OPT (LP model)               | optimal                                                       |
/// | simplex | 0 + GLP_NOFEAS                       | infeasible                                                    |
/// | simplex | 0 + GLP_UNBND                        | unbounded                                                     |
/// | simplex | GLP_ETMLIM / GLP_EITLIM (root limit) | feasible if primal feasible (LP), else stoppedWithoutSolution |
/// | intopt  | 0 + GLP_OPT                          | optimal, bound = objective                                    |
/// | intopt  | 0 + GLP_NOFEAS / GLP_ENOPFS          | infeasible                                                    |
/// | intopt  | GLP_ENODFS                           | unbounded                                                     |
/// | intopt  | GLP_EMIPGAP + incumbent              | optimal (within the requested gap)                            |
/// | intopt  | GLP_ETMLIM + incumbent               | feasible                                                      |
/// | intopt  | GLP_ETMLIM, no incumbent             | stoppedWithoutSolution                                        |
/// | intopt  | GLP_ESTOP (node limit) + incumbent   | feasible, hitNodeLimit                                        |
/// | intopt  | GLP_ESTOP (node limit), no incumbent | stoppedWithoutSolution, hitNodeLimit                          |
/// | intopt  | GLP_ESTOP (branch iteration limit)   | as for the node limit, hitIterationLimit                      |
/// | any     | other return codes                   | throws ``GLPKError/solverFailed(stage:code:reason:log:)``     |
///
/// Then: `stoppedWithoutSolution` with a feasible warm start becomes `feasible` with the warm start.
/// Bounds are clipped by the objective (the incumbent prunes everything worse), so
/// `bound <= objective` (minimisation) always holds.
extension _SolveRequest {
    private struct Verdict {
        var status: MILPStatus
        var hasValues = false
        var boundIsObjective = false
        var hitTimeLimit = false
    }

    func makeSolution(from run: _GuardRun, wallSeconds: Double) -> Result<MILPSolution, GLPKError> {
        if let failure = run.guardFailure(lpPath: options.lpDumpPath) { return .failure(failure) }
        let r = run.result

        let verdict: Verdict
        switch model.hasIntegerVariables ? mipVerdict(r) : lpVerdict(r) {
        case .success(let v): verdict = v
        case .failure(let failure): return .failure(failure.attaching(log: run.log))
        }

        var status = verdict.status
        var values = verdict.hasValues ? run.values : []
        var objective: Double? = verdict.hasValues ? r.objective : nil
        var usedWarmStart = false
        if status == .stoppedWithoutSolution, case .feasible(let warm, let warmObjective)? = warmStart {
            status = .feasible
            values = warm
            objective = warmObjective
            usedWarmStart = true
        }

        var bound: Double? = nil
        if status == .optimal && verdict.boundIsObjective {
            bound = objective
        } else if status.hasSolution || status == .stoppedWithoutSolution, r.has_bound != 0 {
            bound = r.best_bound
            if let objective, let b = bound, model.isBetter(b, than: objective) == false {
                // A bound worse than the incumbent is stale (pruned nodes); the incumbent is the bound.
                bound = objective
            }
        }
        let gap: Double? = if let objective, let bound {
            SolveStats.relativeGap(objective: objective, bound: bound)
        } else {
            nil
        }

        let stats = SolveStats(
            status: status,
            objective: objective,
            bestBound: bound,
            relativeGap: gap,
            nodes: r.intopt_ran != 0 ? Int(r.nodes) : nil,
            simplexIterations: Int(r.simplex_iterations),
            totalSimplexIterations: Int(r.total_iterations),
            wallSeconds: wallSeconds,
            hitTimeLimit: verdict.hitTimeLimit,
            hitNodeLimit: r.hit_node_limit != 0,
            hitIterationLimit: r.hit_iteration_limit != 0,
            warmStart: warmStartOutcome(r, usedAsSolution: usedWarmStart),
            solverLog: run.log
        )
        return .success(MILPSolution(values: values, stats: stats))
    }

    private func lpVerdict(_ r: hp_glpk_result) -> Result<Verdict, GLPKError> {
        switch r.simplex_return {
        case 0:
            switch r.simplex_status {
            case GLP_OPT: return .success(Verdict(status: .optimal, hasValues: true, boundIsObjective: true))
            case GLP_NOFEAS: return .success(Verdict(status: .infeasible))
            case GLP_UNBND: return .success(Verdict(status: .unbounded))
            default: return .failure(Self.unexpected(.simplex, status: r.simplex_status))
            }
        case GLP_ETMLIM, GLP_EITLIM:
            let feasible = r.solution_kind == HP_GLPK_SOLUTION_BASIC
            return .success(Verdict(
                status: feasible ? .feasible : .stoppedWithoutSolution, hasValues: feasible, hitTimeLimit: r.simplex_return == GLP_ETMLIM))
        default:
            return .failure(Self.failed(.simplex, code: r.simplex_return))
        }
    }

    private func mipVerdict(_ r: hp_glpk_result) -> Result<Verdict, GLPKError> {
        switch r.simplex_return {
        case 0:
            switch r.simplex_status {
            case GLP_OPT: break
            case GLP_NOFEAS: return .success(Verdict(status: .infeasible))
            case GLP_UNBND: return .success(Verdict(status: .unbounded))
            default: return .failure(Self.unexpected(.simplex, status: r.simplex_status))
            }
        case GLP_ETMLIM, GLP_EITLIM:
            return .success(Verdict(status: .stoppedWithoutSolution, hitTimeLimit: r.simplex_return == GLP_ETMLIM))
        default:
            return .failure(Self.failed(.simplex, code: r.simplex_return))
        }
        let incumbent = r.solution_kind == HP_GLPK_SOLUTION_MIP
        switch r.intopt_return {
        case 0:
            switch r.mip_status {
            case GLP_OPT: return .success(Verdict(status: .optimal, hasValues: true, boundIsObjective: true))
            case GLP_NOFEAS: return .success(Verdict(status: .infeasible))
            default: return .failure(Self.unexpected(.branchAndCut, status: r.mip_status))
            }
        case GLP_EMIPGAP where incumbent:
            return .success(Verdict(status: .optimal, hasValues: true))
        case GLP_ETMLIM:
            return .success(Verdict(
                status: incumbent ? .feasible : .stoppedWithoutSolution, hasValues: incumbent, hitTimeLimit: true))
        case GLP_ESTOP where r.hit_node_limit != 0 || r.hit_iteration_limit != 0:
            return .success(Verdict(status: incumbent ? .feasible : .stoppedWithoutSolution, hasValues: incumbent))
        case GLP_ENOPFS:
            return .success(Verdict(status: .infeasible))
        case GLP_ENODFS:
            return .success(Verdict(status: .unbounded))
        default:
            return .failure(Self.failed(.branchAndCut, code: r.intopt_return))
        }
    }

    private func warmStartOutcome(_ r: hp_glpk_result, usedAsSolution: Bool) -> WarmStartOutcome {
        switch warmStart {
        case nil:
            return .notProvided
        case .infeasible(let why)?:
            return .rejectedInfeasible(why)
        case .feasible?:
            if usedAsSolution { return .returnedAsSolution }
            if !model.hasIntegerVariables { return .notOffered("the model has no integer variables") }
            if options.presolve { return .notOffered("presolve is on") }
            switch r.warm_start {
            case HP_GLPK_WARM_ACCEPTED: return .accepted
            case HP_GLPK_WARM_REJECTED: return .rejectedNotBetter
            default:
                return .notOffered(r.intopt_ran != 0
                    ? "branch-and-cut never asked for a heuristic solution (the root LP solution was integral, or the search stopped first)"
                    : "branch-and-cut did not run")
            }
        }
    }

    private static func failed(_ stage: GLPKError.Stage, code: Int32) -> GLPKError {
        .solverFailed(stage: stage, code: Int(code), reason: returnCodeName(code), log: "")
    }

    private static func unexpected(_ stage: GLPKError.Stage, status: Int32) -> GLPKError {
        .solverFailed(stage: stage, code: 0, reason: "unexpected solution status \(statusName(status))", log: "")
    }

    static func returnCodeName(_ code: Int32) -> String {
        switch code {
        case GLP_EBADB: "GLP_EBADB: invalid basis"
        case GLP_ESING: "GLP_ESING: singular matrix"
        case GLP_ECOND: "GLP_ECOND: ill-conditioned matrix"
        case GLP_EBOUND: "GLP_EBOUND: invalid bounds"
        case GLP_EFAIL: "GLP_EFAIL: solver failure"
        case GLP_EOBJLL: "GLP_EOBJLL: objective lower limit reached"
        case GLP_EOBJUL: "GLP_EOBJUL: objective upper limit reached"
        case GLP_EITLIM: "GLP_EITLIM: iteration limit exceeded"
        case GLP_ETMLIM: "GLP_ETMLIM: time limit exceeded"
        case GLP_ENOPFS: "GLP_ENOPFS: no primal feasible solution"
        case GLP_ENODFS: "GLP_ENODFS: no dual feasible solution"
        case GLP_EROOT: "GLP_EROOT: root LP optimum not provided"
        case GLP_ESTOP: "GLP_ESTOP: search terminated by application"
        case GLP_EMIPGAP: "GLP_EMIPGAP: relative MIP gap tolerance reached"
        default: "GLPK return code \(code)"
        }
    }

    static func statusName(_ status: Int32) -> String {
        switch status {
        case GLP_UNDEF: "GLP_UNDEF"
        case GLP_FEAS: "GLP_FEAS"
        case GLP_INFEAS: "GLP_INFEAS"
        case GLP_NOFEAS: "GLP_NOFEAS"
        case GLP_OPT: "GLP_OPT"
        case GLP_UNBND: "GLP_UNBND"
        default: "status \(status)"
        }
    }
}

extension GLPKError {
    fileprivate func attaching(log: String) -> GLPKError {
        if case .solverFailed(let stage, let code, let reason, _) = self {
            return .solverFailed(stage: stage, code: code, reason: reason, log: log)
        }
        return self
    }
}
