import HeapModule
import HeteroRecords

/// The write-after-read dependencies that memory reuse creates: a buffer placed at addresses an
/// earlier buffer used may be written only after that earlier buffer is released.
///
/// A plan's offsets are computed from planned lifetimes; once contention moves operators in
/// time, nothing but these dependencies stops a writer from clobbering data still to be read
/// (real compilers emit the same edges, e.g. NVDLA's memory-reuse dependencies). The
/// predecessors of buffer X are the buffers of its memory whose address range intersects X's
/// and whose planned lifetime ends no later than X's starts (lifetimes are half-open, as in
/// `MemoryPlanner`). Only the last owner of each address is kept: an earlier owner of the same
/// address is itself a predecessor of that last owner, so waiting for it is implied.
///
/// Buffers whose planned lifetimes overlap and whose ranges intersect are not ordered: that is a
/// plan error, which the simulator reports as an overlap when both are live.
///
/// Algorithm: per memory, sweep buffers by planned start; before each, retire (in order of
/// planned end) every buffer ending by then into an address map of last owners; the owners
/// found in X's range are its predecessors.
///
/// - Complexity: O(B log B + B · S) for B buffers and S segments of the owner map.
enum _BufferOrder {
    struct Retiring: Comparable {
        var end: Double
        var buffer: Int
        static func < (a: Retiring, b: Retiring) -> Bool { a.end != b.end ? a.end < b.end : a.buffer < b.buffer }
    }

    /// Predecessors of each buffer (as a list per buffer, in the order of the owner map: by
    /// address); `eligible[b]` false leaves b out entirely (a buffer that is never written is
    /// never allocated, so nothing can wait for it).
    static func predecessors(_ buffers: [MemoryPlan.Buffer], memoryCount: Int, eligible: [Bool], largestBuffer: [Int],
                             addressLimit: [Int]) -> _CSR {
        var result = _CSRBuilder()
        var byMemory = [[Int]](repeating: [], count: memoryCount)
        for (index, buffer) in buffers.enumerated() where eligible[index] { byMemory[buffer.memory].append(index) }
        let startUS = buffers.map(\.startUS)
        let endUS = buffers.map(\.effectiveEndUS)
        var tokens: [UInt64] = []
        for (memory, members) in byMemory.enumerated() where members.count > 1 {
            let order = members.sorted { a, b in
                if startUS[a] != startUS[b] { return startUS[a] < startUS[b] }
                if endUS[a] != endUS[b] { return endUS[a] < endUS[b] }
                return a < b
            }
            var live = Heap<Retiring>()
            var owners = _TokenMemory(largestBuffer: largestBuffer[memory], addressLimit: addressLimit[memory])
            for index in order {
                let buffer = buffers[index]
                while let next = live.min, next.end <= buffer.startUS {
                    _ = live.popMin()
                    let retired = buffers[next.buffer]
                    owners.write(UInt64(next.buffer), offset: retired.offset, bytes: retired.bytes)
                }
                tokens.removeAll(keepingCapacity: true)
                owners.tokens(offset: buffer.offset, bytes: buffer.bytes, into: &tokens)
                for token in tokens { result.append(index, Int32(truncatingIfNeeded: token)) }
                live.insert(Retiring(end: endUS[index], buffer: index))
            }
        }
        return result.build(count: buffers.count)
    }
}
