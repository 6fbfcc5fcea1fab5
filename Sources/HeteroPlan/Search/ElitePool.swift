/// The best distinct plans the search has found: the reference set of scatter search and path
/// relinking (Glover, Laguna & Martí 2000, "Fundamentals of scatter search and path relinking").
///
/// Invariants: at most `capacity` members, sorted by score (ties: the earlier insertion first),
/// and any two members run at least `minimumDistance` operators on different units. A candidate
/// closer than that to a member replaces it only when it scores better; otherwise it enters
/// when the pool has room or it beats the worst member. So the pool keeps good plans that lie in
/// different basins, which is what relinking walks between.
struct ElitePool {
    let capacity: Int
    let minimumDistance: Int
    private(set) var members: [Refiner.Candidate] = []

    init(capacity: Int, minimumDistance: Int) {
        precondition(capacity > 0, "an elite pool needs room for one plan")
        self.capacity = capacity
        self.minimumDistance = max(1, minimumDistance)
    }

    /// The best member.
    var best: Refiner.Candidate? { members.first }

    /// Operators on different units in two assignments (Hamming distance).
    static func distance(_ a: [Int], _ b: [Int]) -> Int {
        zip(a, b).reduce(0) { $0 + ($1.0 != $1.1 ? 1 : 0) }
    }

    /// Offers `candidate`; returns whether it entered the pool.
    ///
    /// - Complexity: O(capacity · operators).
    @discardableResult
    mutating func insert(_ candidate: Refiner.Candidate) -> Bool {
        let near = members.indices.filter { Self.distance(members[$0].assignment, candidate.assignment) < minimumDistance }
        if !near.isEmpty {
            // It must beat every plan it is too close to, and takes their places.
            guard near.allSatisfy({ candidate.score < members[$0].score - 1e-9 }) else { return false }
            for index in near.reversed() { members.remove(at: index) }
        } else if members.count == capacity {
            guard candidate.score < members[members.count - 1].score - 1e-9 else { return false }
            members.removeLast()
        }
        let position = members.firstIndex { candidate.score < $0.score - 1e-9 } ?? members.count
        members.insert(candidate, at: position)
        checkInvariants()
        return true
    }

    /// Pairs of members to relink, best pairs first: (0, 1), (0, 2), (1, 2), (0, 3), ...
    var pairs: [(Int, Int)] {
        (1..<max(1, members.count)).flatMap { j in (0..<j).map { ($0, j) } }
    }

    private func checkInvariants() {
        #if HETERO_INTERNAL_CHECKS
        precondition(members.count <= capacity, "elite pool over capacity: \(members.count) > \(capacity)")
        for (a, b) in zip(members, members.dropFirst()) {
            precondition(a.score <= b.score + 1e-9, "elite pool out of order: \(a.score) before \(b.score)")
        }
        #endif
    }
}
