@testable import HeteroSim
import HeteroRecords
import TestSupport
import XCTest

/// The write-after-read dependencies memory reuse creates: a buffer waits for the last earlier
/// owner of each address it reuses, in address order; overlapping lifetimes, other memories and
/// buffers never written are left out. Hand-worked cases and random plans against a per-granule
/// brute force.
final class BufferOrderTests: XCTestCase {
    func buffer(memory: Int = 0, _ addresses: Range<Int>, live: Range<Double>) -> MemoryPlan.Buffer {
        MemoryPlan.Buffer(tensor: 0, memory: memory, offset: addresses.lowerBound, bytes: addresses.count,
                          startUS: live.lowerBound, endUS: live.upperBound)
    }

    func predecessors(_ buffers: [MemoryPlan.Buffer], eligible: [Bool]? = nil) -> [[Int32]] {
        let memoryCount = (buffers.map(\.memory).max() ?? 0) + 1
        var largest = [Int](repeating: 0, count: memoryCount)
        var limit = [Int](repeating: 0, count: memoryCount)
        for buffer in buffers {
            largest[buffer.memory] = max(largest[buffer.memory], buffer.bytes)
            limit[buffer.memory] = max(limit[buffer.memory], buffer.offset + buffer.bytes)
        }
        let order = _BufferOrder.predecessors(buffers, memoryCount: memoryCount,
                                              eligible: eligible ?? [Bool](repeating: true, count: buffers.count),
                                              largestBuffer: largest, addressLimit: limit)
        return (0..<buffers.count).map { Array(order[$0]) }
    }

    func testEachBufferWaitsForTheLastOwnersOfItsAddresses() {
        let buffers = [
            buffer(0..<100, live: 0..<10),      // b0
            buffer(100..<200, live: 0..<20),    // b1
            // Starts at 10, when b0 has ended: reuses b0's [0, 100). It also overlaps b1 in
            // addresses and in time (a plan error the simulator reports), so it does not wait for b1.
            buffer(0..<150, live: 10..<30),     // b2
            // By 30 b1 (ended 20) and b2 (ended 30) are gone, retired in that order: [50, 150) was
            // last b2's and [150, 200) b1's. b0's bytes were all overwritten by b2, so b0 is implied.
            buffer(50..<200, live: 30..<40),    // b3
            buffer(memory: 1, 0..<100, live: 50..<60),  // b4: another memory
            buffer(0..<100, live: 40..<50),     // b5: never written (not eligible)
            // By 45: [0, 50) is b2's, [50, 200) b3's; b5 is not in the map.
            buffer(0..<10, live: 45..<55),      // b6
            buffer(40..<60, live: 50..<70),     // b7: [40, 50) b2's, [50, 60) b3's
        ]
        let eligible = [true, true, true, true, true, false, true, true]
        XCTAssertEqual(predecessors(buffers, eligible: eligible), [[], [], [0], [2, 1], [], [], [2], [2, 3]])
    }

    func testLifetimesAreHalfOpenAndAnInstantLastsAPicosecond() {
        let buffers = [
            buffer(0..<64, live: 5..<5),    // b0: instantaneous, treated as [5, 5 + 1e-6)
            buffer(0..<64, live: 5..<6),    // b1: starts while b0 still holds the bytes: no order
            buffer(0..<64, live: 6..<7),    // b2: b1 ends exactly when b2 starts; b1 was written last
            buffer(0..<64, live: 7..<8),    // b3: ...and b2 after it
        ]
        XCTAssertEqual(predecessors(buffers), [[], [], [1], [2]])
    }

    func testAddressesAcrossAPageBoundary() {
        // Pages are 64 KiB (every buffer is smaller); b0 and b2 straddle the first boundary.
        let page = 65_536
        let buffers = [
            buffer(page - 100..<page + 100, live: 0..<1),   // b0
            buffer(page + 100..<page + 300, live: 0..<1),   // b1
            buffer(page - 10..<page + 200, live: 2..<3),    // b2: the top of b0, the bottom of b1
            // By 4: [page + 150, page + 200) was last b2's, [page + 200, page + 300) is still b1's.
            buffer(page + 150..<page + 300, live: 4..<5),   // b3
        ]
        XCTAssertEqual(predecessors(buffers), [[], [], [0, 1], [2, 1]])
    }

    /// Random plans over two memories (4 KiB granules, addresses across several 64 KiB pages,
    /// instantaneous lifetimes, ties, buffers not written): each buffer's predecessors are, in
    /// address order, the distinct last owners of its granules among the eligible buffers of its
    /// memory that ended by its start, "last" meaning the latest (end, index).
    func testRandomPlansAgainstAPerGranuleBruteForce() {
        let granule = 4_096
        for seed in UInt64(0)..<60 {
            var generator = SeededGenerator(seed: seed)
            let buffers = (0..<25).map { _ -> MemoryPlan.Buffer in
                let first = Int.random(in: 0..<40, using: &generator)
                let start = Double(Int.random(in: 0..<20, using: &generator))
                return buffer(memory: Int.random(in: 0..<2, using: &generator),
                              first * granule..<(first + Int.random(in: 1...8, using: &generator)) * granule,
                              live: start..<start + Double(Int.random(in: 0...6, using: &generator)))
            }
            let eligible = buffers.map { _ in Int.random(in: 0..<7, using: &generator) > 0 }
            var expected: [[Int32]] = []
            for (index, buffer) in buffers.enumerated() {
                var owners: [Int32] = []
                guard eligible[index] else { expected.append(owners); continue }
                for address in stride(from: buffer.offset, to: buffer.offset + buffer.bytes, by: granule) {
                    let last = buffers.indices.filter { other in
                        let candidate = buffers[other]
                        return eligible[other] && candidate.memory == buffer.memory && candidate.effectiveEndUS <= buffer.startUS
                            && candidate.offset <= address && address < candidate.offset + candidate.bytes
                    }.max { (buffers[$0].effectiveEndUS, $0) < (buffers[$1].effectiveEndUS, $1) }
                    if let last, !owners.contains(Int32(last)) { owners.append(Int32(last)) }
                }
                expected.append(owners)
            }
            XCTAssertEqual(predecessors(buffers, eligible: eligible), expected, "seed \(seed)")
        }
    }
}
