import HeteroSupport

/// The semantic pass of `PlatformDecoder`: names, references and topology across the drafts of
/// the structural pass. Checks whose inputs failed to decode are skipped rather than reported
/// again, and the reachability check runs only on a complete, consistent topology so that one
/// mistake (a misspelt memory name) is reported once.
struct PlatformValidator {
    let units: [UnitDraft]
    let memories: [MemoryDraft]
    let links: [LinkDraft]
    let problems: ProblemCollector

    func validate() {
        let problemsBefore = problems.problems.count
        let unitNames = uniqueNames(units.map { ($0.unit.name, $0.path) }, noun: "unit")
        let memoryNames = uniqueNames(memories.map { ($0.memory.name, $0.path) }, noun: "memory")
        let allMemoriesNamed = memories.allSatisfy { !$0.memory.name.isEmpty }
        let allUnitsNamed = units.allSatisfy { !$0.unit.name.isEmpty }

        var topologyComplete = allMemoriesNamed && memoryNames.count == memories.count
        for draft in units {
            topologyComplete = checkMemories(of: draft, known: memoryNames, checkUnknown: allMemoriesNamed) && topologyComplete
            checkComputeType(of: draft)
            checkFusion(of: draft)
        }
        if allUnitsNamed {
            for draft in memories { checkAttached(draft, known: unitNames) }
            checkMemoriesAreNotOthersResident()
        }
        topologyComplete = checkLinks(known: memoryNames, checkUnknown: allMemoriesNamed) && topologyComplete
        // Reachability is meaningful only when every name resolved and nothing else failed.
        if topologyComplete && allUnitsNamed && problems.problems.count == problemsBefore {
            checkReachability()
        }
    }

    /// Reports repeated names; returns the set of valid names.
    private func uniqueNames(_ entries: [(name: String, path: JSONPath)], noun: String) -> Set<String> {
        var first: [String: JSONPath] = [:]
        for (name, path) in entries where !name.isEmpty {
            if let earlier = first[name] {
                problems.report(path.appending("name"), "duplicate \(noun) name \"\(name)\" (also \(earlier))")
            } else {
                first[name] = path
            }
        }
        return Set(first.keys)
    }

    private var memoryNameList: [String] { memories.map(\.memory.name).filter { !$0.isEmpty } }

    /// `memory`, `weight_memory`, `local_memory` and `resident_memory` of one unit; false when one does not resolve.
    private func checkMemories(of draft: UnitDraft, known: Set<String>, checkUnknown: Bool) -> Bool {
        let unit = draft.unit
        guard !unit.memory.isEmpty else { return false }
        var resolved = true
        if !known.contains(unit.memory) {
            if checkUnknown {
                problems.report(draft.path.appending("memory"), "unknown memory \"\(unit.memory)\""
                                + suggestion(unit.memory, in: memoryNameList))
            }
            resolved = false
        }
        for (key, name) in [("weight_memory", unit.weightMemory), ("local_memory", unit.localMemory), ("resident_memory", unit.residentMemory)] {
            guard let local = name else { continue }
            let path = draft.path.appending(key)
            if local == unit.memory {
                problems.report(path, "is the unit's memory \"\(local)\" itself; leave \(key) out instead")
            } else if !known.contains(local) {
                if checkUnknown {
                    problems.report(path, "unknown memory \"\(local)\"" + suggestion(local, in: memoryNameList))
                }
                resolved = false
            }
        }
        return resolved
    }

    /// A unit's `memory` must not be another unit's `resident_memory`. The planner keeps a
    /// resident memory for activations its unit produces and evicts the others to their
    /// producers' memories (where they must fit regardless), so a unit computing from it would
    /// put its operands where they may be evicted to nowhere. Two units computing from one on-chip
    /// memory: it is one unit's `memory` and lists the other in its `attached`; or each unit gets
    /// a memory of its own with a link between them.
    /// Reported once per JSON path (every tile of an array shares its template's path).
    private func checkMemoriesAreNotOthersResident() {
        var residentOwner: [String: UnitDraft] = [:]
        for draft in units {
            if let resident = draft.unit.residentMemory, residentOwner[resident] == nil { residentOwner[resident] = draft }
        }
        var reported: Set<JSONPath> = []
        for draft in units {
            guard let owner = residentOwner[draft.unit.memory], owner.unit.name != draft.unit.name else { continue }
            let path = draft.path.appending("memory")
            guard reported.insert(path).inserted else { continue }
            problems.report(path, "memory \"\(draft.unit.memory)\" is the resident memory of unit \"\(owner.unit.name)\" "
                            + "(\(owner.path.appending("resident_memory"))), whose activations the planner may evict from it; "
                            + "expected a memory the unit owns (a memory of its own, linked to \"\(draft.unit.memory)\")")
        }
        // Weights are stored whole in their memory for the whole run; a resident memory holds
        // only what the planner puts there (its own unit's included).
        for draft in units {
            guard let weights = draft.unit.weightMemory, let owner = residentOwner[weights] else { continue }
            let path = draft.path.appending("weight_memory")
            guard reported.insert(path).inserted else { continue }
            problems.report(path, "memory \"\(weights)\" is the resident memory of unit \"\(owner.unit.name)\" "
                            + "(\(owner.path.appending("resident_memory"))), which holds only the activations and prefetched weights "
                            + "the planner puts there; expected the memory the weights are stored in (DRAM, a PL or on-chip weight buffer)")
        }
    }

    /// `compute_type` must have a throughput figure in each table the unit gives.
    private func checkComputeType(of draft: UnitDraft) {
        let unit = draft.unit
        guard let type = unit.computeType else { return }
        for (table, key) in [(unit.macsPerCycle, "macs_per_cycle"), (unit.vectorOpsPerCycle, "vector_ops_per_cycle")]
        where !table.isEmpty && table[type] == nil {
            problems.report(draft.path.appending("compute_type"), "\(key) has no entry for \"\(type.rawValue)\" (nor \"*\")")
        }
    }

    /// Fusion patterns: supported operators only, no repeats.
    private func checkFusion(of draft: UnitDraft) {
        let unit = draft.unit
        var seen: [[String]: JSONPath] = [:]
        for (pattern, paths) in zip(unit.fusionPatterns, draft.fusionPaths) {
            for (name, path) in zip(pattern.operators, paths.operators) where unit.support(for: name) == nil {
                let known = unit.operators.keys.sorted()
                problems.report(path, "unit \"\(unit.name)\" does not support \"\(name)\"" + suggestion(name, in: known))
            }
            if let earlier = seen[pattern.operators] {
                problems.report(paths.pattern, "duplicate fusion pattern \(pattern.label) (also \(earlier))")
            } else if pattern.operators.count >= 2 {
                seen[pattern.operators] = paths.pattern
            }
        }
    }

    /// `attached` entries must name units, once each.
    private func checkAttached(_ draft: MemoryDraft, known: Set<String>) {
        var seen: Set<String> = []
        let unitNames = units.map(\.unit.name)
        for (name, path) in zip(draft.memory.attached, draft.attachedPaths) {
            if !known.contains(name) {
                problems.report(path, "unknown unit \"\(name)\"" + suggestion(name, in: unitNames))
            } else if !seen.insert(name).inserted {
                problems.report(path, "unit \"\(name)\" is listed twice")
            }
        }
    }

    /// Link ends must be two different known memories, and no direction may be carried twice;
    /// false when an end does not resolve.
    private func checkLinks(known: Set<String>, checkUnknown: Bool) -> Bool {
        var resolved = true
        var carried: [DirectedPair: JSONPath] = [:]
        for draft in links {
            let link = draft.link
            var endsValid = true
            for (end, key) in [(link.from, "from"), (link.to, "to")] {
                if end.isEmpty {
                    endsValid = false
                } else if !known.contains(end) {
                    if checkUnknown {
                        problems.report(draft.path.appending(key), "unknown memory \"\(end)\"" + suggestion(end, in: memoryNameList))
                    }
                    endsValid = false
                }
            }
            guard endsValid else {
                resolved = false
                continue
            }
            if link.from == link.to {
                problems.report(draft.path.appending("to"), "a link must join two different memories, found \"\(link.to)\" at both ends")
                continue
            }
            var directions = [DirectedPair(from: link.from, to: link.to)]
            if link.bidirectional { directions.append(DirectedPair(from: link.to, to: link.from)) }
            for direction in directions {
                if let earlier = carried[direction] {
                    problems.report(draft.path, "duplicate link: \(earlier) already carries \"\(direction.from)\" -> \"\(direction.to)\"")
                    break
                }
            }
            for direction in directions where carried[direction] == nil {
                carried[direction] = draft.path
            }
        }
        return resolved
    }

    private func suggestion(_ name: String, in names: [String]) -> String {
        Spelling.closest(to: name, in: names).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}

/// An ordered pair of memory names: one direction a link carries.
struct DirectedPair: Hashable {
    let from: String
    let to: String
}
