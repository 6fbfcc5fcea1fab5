import HeteroSupport

/// A profiler file that `ProfileImport` cannot convert. The CLI exits with status 2.
public enum ProfileImportError: BadInput, Equatable {
    /// A line of an OpenVINO counters CSV is malformed (1-based line number).
    case badLine(file: String, line: Int, message: String)
    /// The file holds no per-node timing at all (`expected` says what was looked for).
    case noTimings(file: String, expected: String)

    public var description: String {
        switch self {
        case .badLine(let file, let line, let message):
            return "\(file):\(line): \(message)"
        case .noTimings(let file, let expected):
            return "\(file): no per-node timings found; expected \(expected)"
        }
    }
}
