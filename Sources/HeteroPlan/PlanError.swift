import HeteroSupport

/// Why no plan could be made. Most cases are the input's (exit 2); `solver` and
/// `internalInconsistency` are the planner's own failures (`isInternal`, exit 1).
public enum PlanError: BadInput, Equatable {
    case unplaceable(operator: String, reasons: [String])
    case noUnitOfKind(kind: String, strategy: String)
    case unsupportedOnUnit(operator: String, unit: String, strategy: String, reason: String)
    case unknownUnit(String, known: [String])
    case memoryOverflow(memory: String, atUS: Double, capacity: Int, needed: Int, liveTensors: [String], liveBytes: [Int])
    case tooLargeForExact(operators: Int, limit: Int)
    /// The kernels a plan puts on `unit` need more program memory than it has, and `operator`
    /// fits on no other unit that can run it.
    case programMemoryFull(unit: String, needed: Int, capacity: Int, operator: String)
    case solver(String)
    case internalInconsistency(String)

    /// Whether the failure is the planner's, not the input's: a solver that failed on a model
    /// the planner built, or a broken invariant.
    public var isInternal: Bool {
        switch self {
        case .solver, .internalInconsistency: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .unplaceable(let op, let reasons):
            return "\(op) cannot run on any unit: " + reasons.joined(separator: "; ")
        case .noUnitOfKind(let kind, let strategy):
            return "strategy \(strategy) needs a unit of kind \(kind), and the platform has none"
        case .unsupportedOnUnit(let op, let unit, let strategy, let reason):
            return "strategy \(strategy): \(op) cannot run on \(unit): \(reason)"
        case .unknownUnit(let name, let known):
            return "unknown unit \"\(name)\" (units: \(known.joined(separator: ", ")))"
        case .memoryOverflow(let memory, let time, let capacity, let needed, let live, let bytes):
            return "memory \(memory) overflows at \(String(format: "%.3f", time)) us: \(needed) bytes live, capacity \(capacity); "
                + "live tensors: \(zip(live, bytes).map { "\($0) (\($1) B)" }.joined(separator: ", ")); "
                + "none of them can be spilled (each is being read then, or has no idle time before its next read there, or no other memory can hold it)"
        case .tooLargeForExact(let operators, let limit):
            return "ilp-exact handles at most \(limit) operators; this graph has \(operators) (use --strategy optimize)"
        case .programMemoryFull(let unit, let needed, let capacity, let op):
            return "the kernels placed on \(unit) need \(needed) bytes of program memory, capacity \(capacity); \(op) fits in the "
                + "program memory of no other unit that can run it (more tiles, a larger program_memory_bytes or smaller program_bytes would fix it)"
        case .solver(let message):
            return "internal error: the solver failed: \(message)"
        case .internalInconsistency(let message):
            return "internal error: \(message)"
        }
    }
}
