import HeteroSupport

extension PlatformValidator {
    /// Every unit's memory must reach every other unit's memory over links (otherwise a tensor
    /// produced on one could never be consumed on the other), and a unit's local memory must be
    /// reachable from and to its memory, and its weight memory must reach the memory it stages
    /// operands in (its local memory, else its memory). Each pair of memories is reported once, at the later
    /// unit, naming the first unit that uses each memory.
    func checkReachability() {
        let reach = reachableSets()
        // The first unit (and its path) that computes from each memory, in file order.
        var users: [(memory: String, unit: String, path: JSONPath)] = []
        for draft in units where !users.contains(where: { $0.memory == draft.unit.memory }) {
            users.append((draft.unit.memory, draft.unit.name, draft.path.appending("memory")))
        }
        for (j, later) in users.enumerated() {
            for earlier in users[..<j] {
                let forward = reach[earlier.memory]?.contains(later.memory) ?? false
                let backward = reach[later.memory]?.contains(earlier.memory) ?? false
                let a = "memory \"\(earlier.memory)\" (unit \"\(earlier.unit)\")"
                let b = "memory \"\(later.memory)\" (unit \"\(later.unit)\")"
                switch (forward, backward) {
                case (true, true): break
                case (false, false): problems.report(later.path, "no link path between \(a) and \(b)")
                case (false, true): problems.report(later.path, "no link path from \(a) to \(b)")
                case (true, false): problems.report(later.path, "no link path from \(b) to \(a)")
                }
            }
        }
        for draft in units {
            for (key, noun, name) in [("local_memory", "local memory", draft.unit.localMemory),
                                      ("resident_memory", "resident memory", draft.unit.residentMemory)] {
                guard let local = name else { continue }
                let memory = draft.unit.memory
                let forward = reach[memory]?.contains(local) ?? false
                let backward = reach[local]?.contains(memory) ?? false
                let path = draft.path.appending(key)
                switch (forward, backward) {
                case (true, true): break
                case (false, false): problems.report(path, "no link path between memory \"\(memory)\" and \(noun) \"\(local)\"")
                case (false, true): problems.report(path, "no link path from memory \"\(memory)\" to \(noun) \"\(local)\"")
                case (true, false): problems.report(path, "no link path from \(noun) \"\(local)\" to memory \"\(memory)\"")
                }
            }
            if let weights = draft.unit.weightMemory {
                let target = draft.unit.localMemory ?? draft.unit.memory
                if !(reach[weights]?.contains(target) ?? false) {
                    let noun = draft.unit.localMemory == nil ? "memory" : "local memory"
                    problems.report(draft.path.appending("weight_memory"),
                                    "no link path from weight memory \"\(weights)\" to \(noun) \"\(target)\", where the unit reads its weights")
                }
            }
        }
    }

    /// For each memory, the memories reachable from it over links (itself included).
    ///
    /// - Complexity: O(M · (M + L)).
    private func reachableSets() -> [String: Set<String>] {
        var outgoing: [String: [String]] = [:]
        for draft in links {
            outgoing[draft.link.from, default: []].append(draft.link.to)
            if draft.link.bidirectional { outgoing[draft.link.to, default: []].append(draft.link.from) }
        }
        var result: [String: Set<String>] = [:]
        for draft in memories {
            var seen: Set<String> = [draft.memory.name]
            var stack = [draft.memory.name]
            while let current = stack.popLast() {
                for next in outgoing[current] ?? [] where seen.insert(next).inserted {
                    stack.append(next)
                }
            }
            result[draft.memory.name] = seen
        }
        return result
    }
}
