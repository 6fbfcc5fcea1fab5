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

    /// Keeps only the first problem reported at each path that `repeats` selects: a template
    /// expanded many times (a tile array) reports a fault once, at the template's path.
    public func dropRepeatedPaths(where repeats: (JSONPath) -> Bool) {
        var seen = Set<JSONPath>()
        problems = problems.filter { !repeats($0.path) || seen.insert($0.path).inserted }
    }
}
