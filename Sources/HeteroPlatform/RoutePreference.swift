/// What `Platform.route(from:to:preferring:)` minimises. Ties are broken by fewer hops and then
/// by the memory names along the path (lexicographically), so every query has one answer.
public enum RoutePreference: Sendable, Hashable {
    /// The least uncontended time for a transfer of `bytes`: sum of `latency + bytes / bandwidth`.
    case fastest(bytes: Int)
    /// The fewest hops, then the highest bottleneck bandwidth.
    case fewestHops
}
