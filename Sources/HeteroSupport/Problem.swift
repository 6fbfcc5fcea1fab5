/// One thing wrong with an input document, located by its JSON path.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public let path: JSONPath
    public let message: String

    public init(_ path: JSONPath, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Collects every problem found while validating one document, so that a user sees all of them
/// in one report instead of fixing them one run at a time.
public final class ProblemCollector {
    public private(set) var problems: [Problem] = []

    public init() {}

    public func report(_ path: JSONPath, _ message: String) {
        problems.append(Problem(path, message))
    }

    public var isEmpty: Bool { problems.isEmpty }
}
