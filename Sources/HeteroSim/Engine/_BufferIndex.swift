import HeteroRecords

    /// The plan's buffers grouped by (tensor, memory), each group by planned start, and the
    /// choice of buffer for an access at a planned time (see `_EngineTables.buildAccesses`).
struct _BufferIndex {
        let memoryCount: Int
        /// Group of key `tensor * memoryCount + memory`: `sorted[start[key] ..< start[key + 1]]`.
        var start: [Int32]
        var sorted: [Int32]
        let bufferStart: [Double]
        var claimed: [Bool]
        /// The tensor whose buffers hold each tensor: itself if the plan gives it a buffer,
        /// otherwise its alias root (`Graph.aliasRoot`: a view owns no storage).
        let owner: [Int]

        init(_ buffers: [MemoryPlan.Buffer], tensorCount: Int, memoryCount: Int, aliasRoot: [Int]) {
            self.memoryCount = memoryCount
            var owns = [Bool](repeating: false, count: tensorCount)
            for buffer in buffers where buffer.tensor >= 0 && buffer.tensor < tensorCount { owns[buffer.tensor] = true }
            owner = (0..<tensorCount).map { owns[$0] ? $0 : aliasRoot[$0] }
            bufferStart = buffers.map(\.startUS)
            claimed = [Bool](repeating: false, count: buffers.count)
            var builder = _CSRBuilder(reservingCapacity: buffers.count)
            for (index, buffer) in buffers.enumerated() { builder.append(buffer.tensor * memoryCount + buffer.memory, Int32(index)) }
            let groups = builder.build(count: tensorCount * memoryCount)
            start = groups.start
            var sorted = groups.items
            let bufferStart = bufferStart
            for key in 0..<groups.count where groups.size(key) > 1 {
                let range = groups.range(key)
                sorted[range].sort { a, b in bufferStart[Int(a)] != bufferStart[Int(b)] ? bufferStart[Int(a)] < bufferStart[Int(b)] : a < b }
            }
            self.sorted = sorted
        }

        /// Whether `tensor` (its `owner`) has a buffer in `memory`.
        @inline(__always)
        func hasBuffer(_ tensor: Int, _ memory: Int) -> Bool {
            let key = owner[tensor] * memoryCount + memory
            return start[key] < start[key + 1]
        }

        /// The buffer of `tensor` (of its `owner`) in `memory` live at planned `time`: the latest
        /// to start by then (the first if none has); with `claiming`, the latest not claimed yet,
        /// which it claims. -1 when the tensor has no buffer there.
        @inline(__always)
        mutating func buffer(_ tensor: Int, _ memory: Int, at time: Double, claiming: Bool = false) -> Int32 {
            let key = owner[tensor] * memoryCount + memory
            let lower = Int(start[key]), upper = Int(start[key + 1])
            guard lower < upper else { return -1 }
            if upper - lower == 1 { return sorted[lower] }
            var chosen = sorted[lower]
            for position in lower..<upper {
                let candidate = sorted[position]
                guard bufferStart[Int(candidate)] <= time else { continue }
                if claiming && claimed[Int(candidate)] { continue }
                chosen = candidate
            }
            if claiming { claimed[Int(chosen)] = true }
            return chosen
        }
    }
