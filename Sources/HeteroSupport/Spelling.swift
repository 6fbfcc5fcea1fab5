/// "Did you mean ...?" suggestions for misspelt names and keys.
public enum Spelling {
    /// The candidate closest to `word` by case-insensitive edit distance, if it is close enough to
    /// be a plausible typo: a third of the candidate's length in edits, at least 1 and at most 3
    /// (so `"sram9"` does not suggest `"dram"`, but `"dla_cbfu"` suggests `"dla_cbuf"`).
    /// Ties go to the candidate that comes first in `candidates`, so results are deterministic.
    ///
    /// - Complexity: O(n · |word| · m) for n candidates of length m.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= max(1, min(3, candidate.count / 3)), best == nil || distance < best!.distance {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance between two character arrays.
    ///
    /// - Complexity: O(|a| · |b|) time, O(|b|) space.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
