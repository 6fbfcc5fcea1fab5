import HeteroSupport

/// A unit as decoded, before the cross-reference checks, with the JSON paths those checks
/// report against. Fields that failed to decode hold placeholders (an empty name or memory
/// means "invalid, already reported"); a draft never escapes the decoder when anything failed.
struct UnitDraft {
    var unit: ProcessingUnit
    var path: JSONPath
    /// For each of `unit.fusionPatterns`: the pattern's path and each operator's path.
    var fusionPaths: [(pattern: JSONPath, operators: [JSONPath])]
}

/// A memory as decoded; see `UnitDraft`.
struct MemoryDraft {
    var memory: Memory
    var path: JSONPath
    /// The path of each entry of `memory.attached`.
    var attachedPaths: [JSONPath]
}

/// A link as decoded; see `UnitDraft`.
struct LinkDraft {
    var link: Link
    var path: JSONPath
}
