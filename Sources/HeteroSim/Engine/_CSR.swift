/// A list of `Int32` per key, stored contiguously (compressed sparse rows): the items of key k
/// are `items[start[k] ..< start[k + 1]]`. Replaces `[[Int32]]` in the engine's tables, which
/// cost one allocation per non-empty list and a retain per access.
struct _CSR {
    /// `count + 1` offsets into `items`.
    private(set) var start: [Int32]
    private(set) var items: [Int32]

    /// `count` empty lists.
    init(count: Int) {
        start = [Int32](repeating: 0, count: count + 1)
        items = []
    }

    init(start: [Int32], items: [Int32]) {
        self.start = start
        self.items = items
    }

    var count: Int { start.count - 1 }

    @inline(__always)
    func range(_ key: Int) -> Range<Int> { Int(start[key])..<Int(start[key + 1]) }

    @inline(__always)
    func size(_ key: Int) -> Int { Int(start[key + 1] - start[key]) }

    @inline(__always)
    func isEmpty(_ key: Int) -> Bool { start[key] == start[key + 1] }

    /// The items of `key`, in the order they were appended.
    @inline(__always)
    subscript(key: Int) -> ArraySlice<Int32> { items[range(key)] }

    func contains(_ key: Int, _ value: Int32) -> Bool {
        for index in range(key) where items[index] == value { return true }
        return false
    }
}

/// Collects (key, value) pairs in any order and builds a `_CSR` whose lists keep, per key, the
/// order of appending (a stable counting sort), as appending to `[[Int32]]` would.
struct _CSRBuilder {
    private(set) var keys: [Int32] = []
    private(set) var values: [Int32] = []

    init(reservingCapacity capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    @inline(__always)
    mutating func append(_ key: Int, _ value: Int32) {
        keys.append(Int32(truncatingIfNeeded: key))
        values.append(value)
    }

    var pairCount: Int { keys.count }

    /// Lists for keys `0 ..< count`.
    func build(count: Int) -> _CSR {
        var start = [Int32](repeating: 0, count: count + 1)
        for key in keys { start[Int(key) + 1] += 1 }
        for key in 0..<count { start[key + 1] += start[key] }
        guard !values.isEmpty else { return _CSR(start: start, items: []) }
        var next = start
        let items = [Int32](unsafeUninitializedCapacity: values.count) { buffer, initialized in
            for (key, value) in zip(keys, values) {
                let position = Int(next[Int(key)])
                buffer[position] = value
                next[Int(key)] = Int32(position + 1)
            }
            initialized = values.count
        }
        return _CSR(start: start, items: items)
    }
}
