import CGLPKGuard

// The only file that calls C. It turns a validated model into the plain arrays of
// `hp_glpk_model`, calls `hp_glpk_run` (which runs every GLPK call under the setjmp guard, see
// Sources/CGLPKGuard/include/glpk_guard.h) and copies the result back into Swift values.
// Must run on a thread that owns no other GLPK objects: `hp_glpk_run` ends with glp_free_env().

/// Everything the guard needs besides the model.
struct _GuardRequest {
    var timeLimitMilliseconds: Int32 = 0
    var relativeGap: Double = 0
    var presolve = false
    var cuts = false
    var nodeLimit: Int32 = 0
    var rootIterationLimit: Int32 = 0
    var branchIterationLimit: Int32 = 0
    var verbose = false
    /// Checked, rounded and clamped values to offer at the first GLP_IHEUR, or nil.
    var warmStart: [Double]?
    var lpPath: String?
    var writeOnly = false
    var injectError = false
}

/// `hp_glpk_run`'s result, the solution values it filled and the captured GLPK output.
struct _GuardRun {
    var result: hp_glpk_result
    var values: [Double]
    var log: String

    /// The error a guard outcome other than "finished" stands for, or nil when the solve ran.
    func guardFailure(lpPath: String?) -> GLPKError? {
        switch result.outcome {
        case HP_GLPK_CAUGHT_ERROR: .glpkInternalError(message: errorMessage)
        case HP_GLPK_WRITE_FAILED: .writeFailed(path: lpPath ?? "", log: log)
        default: nil
        }
    }

    /// GLPK's error text for a caught internal error: its last non-empty lines.
    private var errorMessage: String {
        let lines = log.split(whereSeparator: \.isNewline).map { $0.trimmingCharactersInSpaces() }
        let text = lines.filter { !$0.isEmpty }.suffix(4).joined(separator: "; ")
        return text.isEmpty ? "GLPK gave no message" : text
    }
}

enum _GuardCall {
    /// Bytes of GLPK output kept (the tail).
    static let logCapacity = 16 * 1024

    /// Flattens `model` into three arenas (doubles, ints, chars), so that one pointer per arena
    /// covers all the arrays of `hp_glpk_model`, and runs the guard.
    ///
    /// - Precondition: `model.validate()` succeeded (indices in range, no duplicate terms).
    /// - Complexity: O(variables + constraints + terms) plus the solve.
    static func run(_ model: MILPModel, _ request: _GuardRequest) -> _GuardRun {
        let n = model.variables.count
        let m = model.constraints.count

        var chars: [CChar] = []
        func appendName(_ name: String) -> Int32 {
            guard !name.isEmpty else { return -1 }
            let offset = Int32(chars.count)
            chars.append(contentsOf: name.utf8CString)
            return offset
        }
        let problemName = appendName(model.name)
        let lpPathOffset = request.lpPath.map { appendName($0) } ?? -1

        var nzRow: [Int32] = [], nzCol: [Int32] = [], nzValue: [Double] = []
        nzRow.reserveCapacity(model.termCount)
        nzCol.reserveCapacity(model.termCount)
        nzValue.reserveCapacity(model.termCount)
        for (i, constraint) in model.constraints.enumerated() {
            for term in constraint.terms where term.coefficient != 0 {
                nzRow.append(Int32(i))
                nzCol.append(Int32(term.variable))
                nzValue.append(term.coefficient)
            }
        }
        let nnz = nzValue.count

        // doubles: objective | col lower | col upper | row lower | row upper | nz values | warm
        var doubles: [Double] = []
        doubles.reserveCapacity(4 * n + 2 * m + nnz)
        doubles += model.variables.map(\.objective)
        doubles += model.variables.map(\.lowerBound)
        doubles += model.variables.map(\.upperBound)
        doubles += model.constraints.map(\.lowerBound)
        doubles += model.constraints.map(\.upperBound)
        doubles += nzValue
        let warmOffset = doubles.count
        if let warm = request.warmStart { doubles += warm }

        // ints: is integer | col name | row name | nz row | nz col
        var ints: [Int32] = []
        ints.reserveCapacity(2 * n + m + 2 * nnz)
        ints += model.variables.map { $0.isInteger ? 1 : 0 }
        ints += model.variables.map { appendName($0.name) }
        ints += model.constraints.map { appendName($0.name) }
        ints += nzRow
        ints += nzCol

        var result = hp_glpk_result()
        var values = [Double](repeating: 0, count: n)
        var log = [CChar](repeating: 0, count: logCapacity)

        doubles.withUnsafeBufferPointer { d in
            ints.withUnsafeBufferPointer { k in
                chars.withUnsafeBufferPointer { c in
                    func at<T>(_ base: UnsafePointer<T>?, _ offset: Int) -> UnsafePointer<T>? {
                        base.map { $0 + offset }
                    }
                    var cModel = hp_glpk_model()
                    cModel.names = c.baseAddress
                    cModel.name_offset = problemName
                    cModel.maximize = model.sense == .maximize ? 1 : 0
                    cModel.objective_offset = model.objectiveOffset
                    cModel.num_cols = Int32(n)
                    cModel.col_objective = at(d.baseAddress, 0)
                    cModel.col_lower = at(d.baseAddress, n)
                    cModel.col_upper = at(d.baseAddress, 2 * n)
                    cModel.col_is_integer = at(k.baseAddress, 0)
                    cModel.col_name_offset = at(k.baseAddress, n)
                    cModel.num_rows = Int32(m)
                    cModel.row_lower = at(d.baseAddress, 3 * n)
                    cModel.row_upper = at(d.baseAddress, 3 * n + m)
                    cModel.row_name_offset = at(k.baseAddress, 2 * n)
                    cModel.num_nonzeros = Int32(nnz)
                    cModel.nz_row = at(k.baseAddress, 2 * n + m)
                    cModel.nz_col = at(k.baseAddress, 2 * n + m + nnz)
                    cModel.nz_value = at(d.baseAddress, 3 * n + 2 * m)

                    var params = hp_glpk_params()
                    params.time_limit_ms = request.timeLimitMilliseconds
                    params.mip_gap = request.relativeGap
                    params.presolve = request.presolve ? 1 : 0
                    params.cuts = request.cuts ? 1 : 0
                    params.node_limit = request.nodeLimit
                    params.root_iteration_limit = request.rootIterationLimit
                    params.branch_iteration_limit = request.branchIterationLimit
                    params.verbose = request.verbose ? 1 : 0
                    params.warm_start = request.warmStart == nil ? nil : at(d.baseAddress, warmOffset)
                    params.lp_path = lpPathOffset < 0 ? nil : at(c.baseAddress, Int(lpPathOffset))
                    params.write_only = request.writeOnly ? 1 : 0
                    params.inject_error = request.injectError ? 1 : 0

                    values.withUnsafeMutableBufferPointer { v in
                        log.withUnsafeMutableBufferPointer { l in
                            _ = hp_glpk_run(&cModel, &params, v.baseAddress, l.baseAddress, l.count, &result)
                        }
                    }
                }
            }
        }

        let kept = log.prefix(min(Int(result.log_length), logCapacity)).map { UInt8(bitPattern: $0) }
        return _GuardRun(result: result, values: values, log: String(decoding: kept, as: UTF8.self))
    }
}

extension Substring {
    fileprivate func trimmingCharactersInSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
