import HeteroIR
import HeteroPlatform

/// Finds the chains of operators a unit's declared fusion patterns cover: operators whose types
/// follow the pattern, each feeding the next through a tensor no other operator reads (so the
/// intermediate never needs to reach memory). Longest patterns are tried first; an operator
/// belongs to at most one chain per unit.
public enum FusionMatcher {
    public struct Match: Sendable, Hashable {
        public var operators: [Int]
        public var pattern: FusionPattern
    }

    public static func matches(_ graph: Graph, unit: ProcessingUnit) -> [Match] {
        let patterns = unit.fusionPatterns.sorted { $0.operators.count > $1.operators.count }
        guard !patterns.isEmpty else { return [] }
        var taken = Set<Int>()
        var result: [Match] = []
        for start in graph.operators.indices where !taken.contains(start) {
            for pattern in patterns where pattern.operators.first == graph.operators[start].type {
                var chain = [start]
                var current = start
                for type in pattern.operators.dropFirst() {
                    let outputs = graph.operators[current].outputs.filter { !$0.isEmpty }
                    guard outputs.count == 1, let tensor = graph.tensorIndex[outputs[0]],
                          graph.consumers[tensor].count == 1, !graph.outputs.contains(outputs[0]) else { break }
                    let next = graph.consumers[tensor][0]
                    guard graph.operators[next].type == type, !taken.contains(next) else { break }
                    chain.append(next)
                    current = next
                }
                if chain.count == pattern.operators.count {
                    result.append(Match(operators: chain, pattern: pattern))
                    taken.formUnion(chain)
                    break
                }
            }
        }
        return result
    }
}
