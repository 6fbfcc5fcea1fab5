/// An error caused by something the user gave us (a file, an option, a document). The CLI prints
/// its description on stderr and exits with status 2.
public protocol BadInput: Error, CustomStringConvertible {}

/// A document that could not be read or failed validation.
public enum InputError: BadInput, Equatable {
    /// The file could not be read at all.
    case unreadable(file: String, reason: String)
    /// An output file could not be written.
    case unwritable(file: String, reason: String)
    /// The file is not syntactically valid JSON.
    case syntax(file: String, JSONSyntaxError)
    /// The file is JSON but its content is wrong; every problem found is listed.
    case invalid(file: String, what: String, problems: [Problem])
    /// A command-line value is wrong.
    case option(name: String, message: String)

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the file: \(reason)"
        case .unwritable(let file, let reason):
            return "\(file): cannot write the file: \(reason)"
        case .syntax(let file, let error):
            return "\(file): \(error)"
        case .invalid(let file, let what, let problems):
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            return "\(file): invalid \(what) (\(count)):\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .option(let name, let message):
            return "option \(name): \(message)"
        }
    }
}
