/// Scores of recently evaluated (assignment, priority) pairs: the refiner's evaluation is a pure
/// function of the pair (the list-scheduled objective of one problem), and local search proposes
/// the same pair again often — a move to the unit an operator is already on, a group moved back,
/// a reorder that changes nothing, a path-relinking step onto a plan already seen. A repeated pair
/// then costs a hash and a comparison instead of a list schedule, and scores exactly what it
/// scored before, so plans are unchanged; the refiner still counts it as an evaluation, so budgets
/// and plans do not depend on the memo.
///
/// Holds at most `capacity` entries and forgets all of them when full (repeats are mostly recent),
/// so its memory stays bounded on long searches.
struct _ScoreMemo {
    static let capacity = 4096

    private struct Key: Hashable {
        let assignment: [Int]
        let priority: [Int]

        /// Both arrays' bytes in two bulk calls (element by element costs a call per element);
        /// equal keys hash equally since equal arrays have equal counts and bytes.
        func hash(into hasher: inout Hasher) {
            hasher.combine(assignment.count)
            assignment.withUnsafeBytes { hasher.combine(bytes: $0) }
            priority.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private var scores: [Key: Double] = [:]

    /// The score of `assignment` in `priority` order, from the memo or from `evaluate`.
    mutating func score(_ assignment: [Int], _ priority: [Int], evaluate: () -> Double) -> Double {
        let key = Key(assignment: assignment, priority: priority)
        if let known = scores[key] { return known }
        let score = evaluate()
        if scores.count >= Self.capacity { scores.removeAll(keepingCapacity: true) }
        scores[key] = score
        return score
    }
}
