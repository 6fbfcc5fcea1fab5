import Foundation

extension GLPKSolver {
    /// Writes `model` in CPLEX LP format (GLPK's `glp_write_lp`) to `path`, without solving.
    ///
    /// Useful for bug reports and replay: `glpsol --lp <path> --tmlim <seconds>`. Names that are
    /// not valid CPLEX LP identifiers are replaced by GLPK's generic `r_<i>` / `x_<j>`.
    public static func writeLP(_ model: MILPModel, to path: String) throws(GLPKError) {
        var options = MILPOptions()
        options.lpDumpPath = path
        let request = try _SolveRequest(model: model, options: options)
        let outcome = _SolverThread.run(name: "glpk-write-lp") { () -> Result<Void, GLPKError> in
            var guardRequest = _GuardRequest()
            guardRequest.lpPath = path
            guardRequest.writeOnly = true
            let run = _GuardCall.run(request.model, guardRequest)
            return run.guardFailure(lpPath: path).map { .failure($0) } ?? .success(())
        }
        try outcome.get()
    }

    /// The CPLEX LP text of `model`, via a temporary file.
    public static func lpText(_ model: MILPModel) throws(GLPKError) -> String {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("glpk-\(UUID().uuidString).lp")
        defer { try? FileManager.default.removeItem(at: url) }
        try writeLP(model, to: url.path)
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .writeFailed(path: url.path, log: "cannot read back: \(error)")
        }
    }
}
