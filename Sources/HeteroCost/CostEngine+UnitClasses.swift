import HeteroPlatform

/// Units that the cost model cannot tell apart: the same unit description apart from its name,
/// the names of its local and resident memories and its place in an array's stream-switch mesh
/// (which only the stream routes read, planned after the assignment from the table's
/// `streamSwitches`), computing from the same memory, with
/// local and resident memories alike apart from their names and the same streaming bandwidths
/// to them. A regular array's tiles are one class. The engine costs an operator once per class
/// and signature (`CostEngine.evaluate`) and reuses answers that can run for the other members;
/// an answer that cannot run names its unit, so it is asked again for each member.
struct UnitClasses {
    /// For each unit, the first unit of its class.
    let representative: [Int]

    init(_ engine: CostEngine) {
        let platform = engine.platform
        var memories: [String: Memory] = [:]
        for memory in platform.memories where memories[memory.name] == nil { memories[memory.name] = memory }
        var first: [ClassKey: Int] = [:]
        representative = platform.units.enumerated().map { index, unit in
            let key = ClassKey(unit, memories: memories, paths: engine.paths(of: unit))
            if let existing = first[key] { return existing }
            first[key] = index
            return index
        }
    }

    /// Everything the cost model reads of a unit, its memories and its stream paths, names and
    /// mesh places aside.
    private struct ClassKey: Hashable {
        var unit: ProcessingUnit
        var local: Memory?
        var resident: Memory?
        var residentIsLocal: Bool
        var stream: [Double]

        init(_ unit: ProcessingUnit, memories: [String: Memory], paths: CostEngine.UnitPaths) {
            var blank = unit
            blank.name = ""
            blank.localMemory = unit.localMemory.map { _ in "" }
            blank.residentMemory = unit.residentMemory.map { _ in "" }
            blank.streamSwitch = unit.streamSwitch.map { var ports = $0; ports.array = ""; ports.row = 0; ports.column = 0; return ports }
            self.unit = blank
            local = unit.localMemory.flatMap { memories[$0] }.map { var m = $0; m.name = ""; m.attached = []; return m }
            resident = unit.residentMemory.flatMap { memories[$0] }.map { var m = $0; m.name = ""; m.attached = []; return m }
            residentIsLocal = unit.residentMemory == unit.localMemory
            stream = [paths.stream?.bytesPerUS, paths.stream?.pjPerByte, paths.resident?.stream.bytesPerUS, paths.resident?.stream.pjPerByte,
                      paths.resident?.resident.bytesPerUS, paths.resident?.resident.pjPerByte,
                      paths.weights?.bytesPerUS, paths.weights?.pjPerByte].map { $0 ?? -1 }
        }
    }
}

extension CostEngine {
    /// A unit's stream path and, with a resident memory, its residency paths.
    struct UnitPaths {
        var stream: StreamPath?
        var resident: (stream: StreamPath, resident: StreamPath)?
        /// The path the unit's weights stream over from its `weight_memory` (nil without one).
        var weights: StreamPath?
    }

    /// The paths of `unit`, computed once per unit name (each needs routes over the links).
    func paths(of unit: ProcessingUnit) -> UnitPaths {
        if let known = pathCache.paths[unit.name] { return known }
        let stream = StreamPath(unit: unit, platform: platform, routes: routes)
        var resident: (stream: StreamPath, resident: StreamPath)?
        if let name = unit.residentMemory, let stream, let path = StreamPath(unit: unit, platform: platform, source: name, routes: routes) {
            resident = (stream, path)
        }
        let paths = UnitPaths(stream: stream, resident: resident, weights: StreamPath.weights(of: unit, platform: platform, routes: routes))
        pathCache.paths[unit.name] = paths
        return paths
    }
}

/// Per-unit stream paths of one `CostEngine` (the engine is a value; the cache is shared by its copies).
final class UnitPathCache {
    var paths: [String: CostEngine.UnitPaths] = [:]
}
