@testable import HeteroPlan
import TestSupport
import XCTest

/// A piecewise-constant reservation profile: breakpoints and levels after each reservation,
/// worked out by hand; segment lookup; availability never negative; one stream's pieces add up
/// to the same profile as reserving each piece on its own.
final class UsageProfileTests: XCTestCase {
    typealias Piece = UsageProfile.Piece

    func assertProfile(_ profile: UsageProfile, times: [Double], use: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(profile.times, times, file: file, line: line)
        XCTAssertEqual(profile.use, use, file: file, line: line)
    }

    func testAnEmptyProfileIsFreeForever() {
        let profile = UsageProfile(capacity: 100)
        assertProfile(profile, times: [0], use: [0])
        XCTAssertEqual(profile.segment(containing: 5), 0)
        XCTAssertEqual(profile.end(of: 0), .infinity)
        XCTAssertEqual(profile.available(in: 0), 100)
    }

    func testReservationsSplitSegmentsAndAddUp() {
        var profile = UsageProfile(capacity: 100)
        profile.add(30, from: 10, to: 20)
        assertProfile(profile, times: [0, 10, 20], use: [0, 30, 0])
        XCTAssertEqual(profile.segment(containing: 9.999), 0)
        XCTAssertEqual(profile.segment(containing: 10), 1)
        XCTAssertEqual(profile.segment(containing: 20), 2)
        XCTAssertEqual(profile.segment(containing: 1e9), 2)
        XCTAssertEqual(profile.end(of: 1), 20)
        XCTAssertEqual(profile.available(in: 1), 70)
        // [15, 25) overlaps the end of [10, 20): 30 + 50 = 80 on [15, 20), 50 on [20, 25).
        profile.add(50, from: 15, to: 25)
        assertProfile(profile, times: [0, 10, 15, 20, 25], use: [0, 30, 80, 50, 0])
        // Over capacity on [15, 18): 80 + 40 = 120, and nothing is available there (not -20).
        profile.add(40, from: 12, to: 18)
        assertProfile(profile, times: [0, 10, 12, 15, 18, 20, 25], use: [0, 30, 70, 120, 80, 50, 0])
        XCTAssertEqual(profile.available(in: 3), 0)
        XCTAssertEqual(profile.available(in: 2), 30)
    }

    func testEmptyIntervalsAndZeroAmountsChangeNothing() {
        var profile = UsageProfile(capacity: 100)
        profile.add(30, from: 10, to: 20)
        profile.add(10, from: 5, to: 5)
        profile.add(10, from: 8, to: 3)
        profile.add(0, from: 1, to: 2)
        profile.add([Piece(from: 2, to: 2, rate: 7), Piece(from: 3, to: 4, rate: 0)])
        assertProfile(profile, times: [0, 10, 20], use: [0, 30, 0])
    }

    func testAStreamsPiecesAreAddedInOneWalk() {
        var profile = UsageProfile(capacity: 100)
        // Touching pieces: the second starts at the breakpoint the first made.
        profile.add([Piece(from: 0, to: 5, rate: 10), Piece(from: 5, to: 12, rate: 20)])
        assertProfile(profile, times: [0, 5, 12], use: [10, 20, 0])
        // [3, 8) crosses the breakpoint at 5 and splits at 3 and 8.
        profile.add([Piece(from: 3, to: 8, rate: 1)])
        assertProfile(profile, times: [0, 3, 5, 8, 12], use: [10, 11, 21, 20, 0])
        // Pieces with a gap between them.
        var gapped = UsageProfile(capacity: 100)
        gapped.add([Piece(from: 1, to: 2, rate: 5), Piece(from: 3, to: 4, rate: 6)])
        assertProfile(gapped, times: [0, 1, 2, 3, 4], use: [0, 5, 0, 6, 0])
    }

    /// Over fixed seeds, random streams (time-ordered, non-overlapping pieces on an integer grid, so
    /// every sum is exact) give the same breakpoints and levels whether added as a stream or piece
    /// by piece, and the breakpoints stay strictly increasing from 0.
    func testPiecesAddUpLikeSeparateReservations() {
        for seed in UInt64(0)..<200 {
            var generator = SeededGenerator(seed: seed)
            var streamed = UsageProfile(capacity: 100)
            var separate = UsageProfile(capacity: 100)
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                var pieces: [Piece] = []
                var time = Double(Int.random(in: 0...30, using: &generator))
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    if Bool.random(using: &generator) { time += Double(Int.random(in: 1...5, using: &generator)) }
                    let end = time + Double(Int.random(in: 0...8, using: &generator))
                    pieces.append(Piece(from: time, to: end, rate: Double(Int.random(in: 0...60, using: &generator))))
                    time = end
                }
                streamed.add(pieces)
                for piece in pieces { separate.add(piece.rate, from: piece.from, to: piece.to) }
            }
            XCTAssertEqual(streamed.times, separate.times, "seed \(seed)")
            XCTAssertEqual(streamed.use, separate.use, "seed \(seed)")
            XCTAssertEqual(streamed.times.first, 0)
            XCTAssertTrue(zip(streamed.times, streamed.times.dropFirst()).allSatisfy { $0 < $1 }, "seed \(seed): \(streamed.times)")
        }
    }
}
