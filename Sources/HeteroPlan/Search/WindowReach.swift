/// Precedence between a window's operators and the rest of the graph: which pairs of window
/// operators a path orders, and which operators a path joins to each window operator.
///
/// - Complexity: O(|W|·(V + E)) to build.
struct WindowReach {
    /// reaches[a][b]: a path leads from window[a] to window[b].
    private var reaches: [[Bool]]
    /// related[a][k]: a path joins window[a] and operator k (either way).
    private var relatedTo: [[Bool]]

    init(problem: PlanProblem, window: [Int]) {
        let n = problem.operatorCount
        let index = Dictionary(uniqueKeysWithValues: window.enumerated().map { ($1, $0) })
        reaches = Array(repeating: Array(repeating: false, count: window.count), count: window.count)
        relatedTo = Array(repeating: Array(repeating: false, count: n), count: window.count)
        for (a, start) in window.enumerated() {
            var seen = [Bool](repeating: false, count: n)
            var stack = [start]
            while let op = stack.popLast() {
                for edge in problem.outgoing[op] where !seen[edge.consumer] {
                    seen[edge.consumer] = true
                    stack.append(edge.consumer)
                    relatedTo[a][edge.consumer] = true
                    if let b = index[edge.consumer] { reaches[a][b] = true }
                }
            }
            seen = [Bool](repeating: false, count: n)
            stack = [start]
            while let op = stack.popLast() {
                for edge in problem.incoming[op] where !seen[edge.producer] {
                    seen[edge.producer] = true
                    stack.append(edge.producer)
                    relatedTo[a][edge.producer] = true
                }
            }
        }
    }

    /// Whether a path joins window[a] and operator `op` (either way).
    func related(_ a: Int, _ op: Int) -> Bool { relatedTo[a][op] }

    /// Whether a path orders window[a] and window[b] (either way).
    func ordered(_ a: Int, _ b: Int) -> Bool { reaches[a][b] || reaches[b][a] }
}
