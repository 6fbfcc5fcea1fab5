/// Everything that can go wrong when solving or writing a model with GLPK.
///
/// Model and option errors are detected in Swift before any C code runs (GLPK would otherwise
/// abort the process or, for some inputs, silently misbehave). ``glpkInternalError(message:)``
/// is GLPK's own error, caught by the setjmp guard: the solver thread's GLPK environment has been
/// freed and the process continues. Every case has a message meant for the end user.
public enum GLPKError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the model a problem was found.
    public enum Location: Sendable, Equatable, CustomStringConvertible {
        case model
        case objective
        case variable(index: Int, name: String)
        case constraint(index: Int, name: String)

        public var description: String {
            switch self {
            case .model: "model"
            case .objective: "objective"
            case .variable(let index, let name): name.isEmpty ? "variable #\(index)" : "variable #\(index) '\(name)'"
            case .constraint(let index, let name): name.isEmpty ? "constraint #\(index)" : "constraint #\(index) '\(name)'"
            }
        }
    }

    /// Which GLPK routine failed.
    public enum Stage: Sendable, Equatable, CustomStringConvertible {
        case simplex
        case branchAndCut

        public var description: String { self == .simplex ? "glp_simplex" : "glp_intopt" }
    }

    /// The bounds are not a non-empty interval: NaN, `lower > upper`, `lower == +inf` or
    /// `upper == -inf`.
    case invalidBounds(Location, lower: Double, upper: Double)
    /// An integer variable has a fractional finite bound (GLPK refuses to branch on it).
    case fractionalIntegerBound(Location, lower: Double, upper: Double)
    /// A binary variable has bounds outside `[0, 1]`.
    case binaryBoundsOutsideUnitInterval(Location, lower: Double, upper: Double)
    /// A NaN or infinite coefficient (objective, offset or constraint term).
    case nonFiniteCoefficient(Location, variable: Int?, value: Double)
    /// A constraint term refers to a variable that does not exist.
    case variableIndexOutOfRange(Location, index: Int, variableCount: Int)
    /// A constraint has two terms for the same variable (merge them first).
    case duplicateTerm(Location, variable: Int)
    /// A name GLPK cannot store (more than 255 UTF-8 bytes, or a control character).
    case invalidName(Location, reason: String)
    /// More rows, columns or nonzeros than GLPK supports.
    case modelTooLarge(String)
    /// An option is out of range (time limit, gap, dump path).
    case invalidOption(String)
    /// The warm start has the wrong length or a non-finite value.
    case invalidWarmStart(String)
    /// GLPK raised an internal error; the guard caught it and freed GLPK's state on the solver
    /// thread. `message` is GLPK's own text.
    case glpkInternalError(message: String)
    /// A GLPK solver routine returned a failure code (numerical trouble, ...).
    case solverFailed(stage: Stage, code: Int, reason: String, log: String)
    /// `glp_write_lp` could not write the file.
    case writeFailed(path: String, log: String)

    public var description: String {
        switch self {
        case .invalidBounds(let location, let lower, let upper):
            let why: String
            if lower.isNaN || upper.isNaN {
                why = "a bound is NaN"
            } else if lower == .infinity {
                why = "the lower bound is +infinity"
            } else if upper == -.infinity {
                why = "the upper bound is -infinity"
            } else {
                why = "the lower bound exceeds the upper bound"
            }
            return "\(location): invalid bounds [\(lower), \(upper)]: \(why)"
        case .fractionalIntegerBound(let location, let lower, let upper):
            return "\(location): integer variable has a fractional bound in [\(lower), \(upper)]"
                + "; round the bounds inward"
        case .binaryBoundsOutsideUnitInterval(let location, let lower, let upper):
            return "\(location): binary variable has bounds [\(lower), \(upper)] outside [0, 1]"
        case .nonFiniteCoefficient(let location, let variable, let value):
            let which = variable.map { " of variable #\($0)" } ?? ""
            return "\(location): coefficient\(which) is \(value); coefficients must be finite"
        case .variableIndexOutOfRange(let location, let index, let count):
            return "\(location): term refers to variable #\(index), but the model has \(count) variable(s)"
        case .duplicateTerm(let location, let variable):
            return "\(location): variable #\(variable) appears in more than one term; merge them"
        case .invalidName(let location, let reason):
            return "\(location): invalid name: \(reason)"
        case .modelTooLarge(let reason):
            return "model too large for GLPK: \(reason)"
        case .invalidOption(let reason):
            return "invalid solver option: \(reason)"
        case .invalidWarmStart(let reason):
            return "invalid warm start: \(reason)"
        case .glpkInternalError(let message):
            return "GLPK internal error (caught; the solve was abandoned): \(message)"
        case .solverFailed(let stage, let code, let reason, let log):
            let tail = log.isEmpty ? "" : "\nGLPK output:\n\(log)"
            return "\(stage) failed with code \(code) (\(reason))\(tail)"
        case .writeFailed(let path, let log):
            let tail = log.isEmpty ? "" : ": \(log)"
            return "cannot write CPLEX LP file '\(path)'\(tail)"
        }
    }
}
