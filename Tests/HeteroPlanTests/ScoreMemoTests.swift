@testable import HeteroPlan
import XCTest

/// The refiner's score memo (`_ScoreMemo`): a repeated (assignment, priority) pair returns the
/// score it had without evaluating again; any pair that differs, in either array, is evaluated.
/// The key hashes a digest of both arrays and compares the arrays themselves, so pairs built from
/// the same numbers in other places must not share a score.
final class ScoreMemoTests: XCTestCase {
    func testRepeatedPairIsRememberedAndDifferentPairsAreEvaluated() {
        var memo = _ScoreMemo()
        var evaluations = 0
        func score(_ assignment: [Int], _ priority: [Int], _ value: Double) -> Double {
            memo.score(assignment, priority) {
                evaluations += 1
                return value
            }
        }
        XCTAssertEqual(score([0, 1, 2], [2, 1, 0], 5), 5)
        XCTAssertEqual(evaluations, 1)
        // The same pair again: the first score, no evaluation.
        XCTAssertEqual(score([0, 1, 2], [2, 1, 0], 99), 5)
        XCTAssertEqual(evaluations, 1)
        // The same numbers elsewhere: the arrays swapped, one array changed, an element moved
        // from one array to the other, a shorter pair.
        XCTAssertEqual(score([2, 1, 0], [0, 1, 2], 6), 6)
        XCTAssertEqual(score([0, 1, 2], [2, 0, 1], 7), 7)
        XCTAssertEqual(score([0, 1, 1], [2, 1, 0], 8), 8)
        XCTAssertEqual(score([0, 1], [2, 2, 1, 0], 9), 9)
        XCTAssertEqual(score([], [], 10), 10)
        XCTAssertEqual(evaluations, 6)
        // Each is remembered under its own pair.
        XCTAssertEqual(score([2, 1, 0], [0, 1, 2], -1), 6)
        XCTAssertEqual(score([0, 1, 1], [2, 1, 0], -1), 8)
        XCTAssertEqual(score([], [], -1), 10)
        XCTAssertEqual(evaluations, 6)
    }

    /// Past its capacity the memo forgets everything and starts again: a pair seen before the
    /// reset is evaluated again, with its (same) score.
    func testForgetsWhenFull() {
        var memo = _ScoreMemo()
        var evaluations = 0
        for index in 0..<_ScoreMemo.capacity {
            _ = memo.score([index], [0]) {
                evaluations += 1
                return Double(index)
            }
        }
        XCTAssertEqual(evaluations, _ScoreMemo.capacity)
        XCTAssertEqual(memo.score([7], [0]) { -1 }, 7)
        _ = memo.score([-1], [0]) { 0 }  // full: forgets all, then remembers this one
        XCTAssertEqual(memo.score([7], [0]) { 70 }, 70)
    }
}
