import HeteroPlatform

extension CostTable {
    /// Whether `unit`'s core reads and writes `memory` in place: its resident memory or one it
    /// shares with a neighbouring tile (`sharedMemories`).
    @inline(__always)
    public func addresses(_ unit: Int, _ memory: Int) -> Bool {
        if !residentMemory.isEmpty, residentMemory[unit] == memory { return true }
        return !sharedMemories.isEmpty && sharedMemories[unit].contains(memory)
    }

    /// Whether some unit shares a memory with another (`sharedMemories` has a non-empty row).
    public var hasSharedMemories: Bool { sharedMemories.contains { !$0.isEmpty } }
}

extension CostEngine {
    /// Per unit, the memories joined to its resident memory by `sharedMemory` links (either
    /// direction: both tiles address the shared module), ascending; `[]` rows when there are none.
    static func sharedMemories(_ platform: Platform, residentMemory: [Int?], memoryIndex: [String: Int]) -> [[Int]] {
        var neighbours: [Int: Set<Int>] = [:]
        for link in platform.links where link.sharedMemory {
            guard let a = memoryIndex[link.from], let b = memoryIndex[link.to], a != b else { continue }
            neighbours[a, default: []].insert(b)
            neighbours[b, default: []].insert(a)
        }
        guard !neighbours.isEmpty else { return [] }
        return residentMemory.map { memory in memory.flatMap { neighbours[$0] }.map { $0.sorted() } ?? [] }
    }
}
