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
        /// A digest of both arrays, computed once per key: a look-up, an insertion and every
        /// rehash of a growing table hash only this word (SipHash over both arrays' bytes cost
        /// about a sixth of a search). Equal keys have equal digests; a collision costs only the
        /// comparison of the arrays, which `==` still makes.
        let digest: UInt64

        init(assignment: [Int], priority: [Int]) {
            self.assignment = assignment
            self.priority = priority
            var digest = UInt64(truncatingIfNeeded: assignment.count)
            for value in assignment { digest = Self.mix(digest, value) }
            for value in priority { digest = Self.mix(digest, value) }
            self.digest = digest
        }

        /// One multiply-rotate step per word (the 64-bit golden-ratio constant, as in
        /// splitmix64 and wyhash): every bit of `value` reaches the high bits of the digest.
        @inline(__always)
        static func mix(_ digest: UInt64, _ value: Int) -> UInt64 {
            let x = (digest ^ UInt64(bitPattern: Int64(value))) &* 0x9E37_79B9_7F4A_7C15
            return (x << 31 | x >> 33) &+ 0x632B_E59B_D9B4_E019
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(digest)
        }

        static func == (a: Key, b: Key) -> Bool {
            a.digest == b.digest && a.assignment == b.assignment && a.priority == b.priority
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
