import HeteroCost

/// Units the planner cannot tell apart: swapping two of them in any assignment gives a schedule
/// with the same times, so moving an operator to one idle unit of a class is the same move as
/// moving it to any other. A regular array's tiles are one class; the search tries one idle
/// representative per class (`moveTargets`) instead of every tile, and only the units a plan
/// already uses are told apart.
///
/// Two units are interchangeable when everything the cost table says about them is equal apart
/// from their index: every operator's times, fused shares, energies, traffic and residency
/// figures and kernel program sizes; their transfer classes (`PairTable.classOf`: the same memory and routes to every
/// other unit); their kind, synchronisation, submission cost and compute width; a command queue
/// of their own or the same queue; the same program memory (synchronisation depends only on whether two queues differ); and a resident memory of their own with the
/// same capacity, bandwidth, energy and copy times to and from their memory, or the same
/// resident memory, or none.
///
/// - Complexity: building is O(units · operators) with hashing.
struct UnitSymmetry: Sendable {
    /// For each unit, the index of its class (classes numbered by their first unit).
    let classOf: [Int]
    /// Units per class.
    let classSizes: [Int]
    /// Per unit, the units on neighbouring tiles that share its resident memory
    /// (`CostTable.sharedMemories`), ascending; empty rows, or none, without shared memories.
    /// Tiles of one class are not interchangeable for an operator reading or writing an
    /// activation a neighbour hands off in place, so `moveTargets` also offers the idle neighbours
    /// of the units its producers and readers use.
    let neighbours: [[Int]]

    init(_ costs: CostTable) {
        let units = costs.unitCount
        var queueSize: [Int: Int] = [:]
        for unit in 0..<units { queueSize[costs.unitQueue.isEmpty ? unit : costs.unitQueue[unit], default: 0] += 1 }
        var residentUsers: [Int: Int] = [:]
        for unit in 0..<units { if let memory = Self.resident(costs, unit) { residentUsers[memory, default: 0] += 1 } }
        var homes = Set(costs.unitMemory)
        homes.formUnion((0..<units).compactMap { Self.resident(costs, $0) }.filter { residentUsers[$0]! > 1 })
        // A unit's synchronisation is what it costs to hand over to a unit of another queue.
        let queueOf = { (unit: Int) in costs.unitQueue.isEmpty ? unit : costs.unitQueue[unit] }
        var firstOfQueues: [(queue: Int, unit: Int)] = []  // the first units of the first two queues
        for unit in 0..<units where firstOfQueues.count < 2 && !firstOfQueues.contains(where: { $0.queue == queueOf(unit) }) {
            firstOfQueues.append((queueOf(unit), unit))
        }
        let syncOut = (0..<units).map { unit -> Double in
            guard let other = firstOfQueues.first(where: { $0.queue != queueOf(unit) }) else { return 0 }
            return costs.syncUS[unit, other.unit]
        }
        let key = { (unit: Int, columns: Key.Columns) in
            Key(costs, unit, columns: columns, syncUS: syncOut[unit], queueShared: queueSize[queueOf(unit)]! > 1,
                residentPrivate: Self.resident(costs, unit).map { residentUsers[$0] == 1 && !homes.contains($0) } ?? false)
        }
        // Units told apart by a digest of their columns, then checked column by column against
        // their class's first unit; the columns themselves are compared only when that check
        // fails (a digest collision, or figures that are not equal to themselves).
        let digests = Self.columnDigests(costs)
        var (classOf, sizes) = Self.classes(units) { key($0, .digest(digests[$0])) }
        if !Self.columnsMatch(costs, classOf) {
            (classOf, sizes) = Self.classes(units) { key($0, .values(Key.Columns.Values(costs, $0))) }
        }
        self.classOf = classOf
        classSizes = sizes
        neighbours = Self.neighbours(costs)
    }

    /// Each unit's class, numbered by first unit, and the classes' sizes: units of equal keys share one.
    private static func classes(_ units: Int, _ key: (Int) -> Key) -> (classOf: [Int], sizes: [Int]) {
        var first: [Key: Int] = [:]
        var classOf: [Int] = []
        var sizes: [Int] = []
        for unit in 0..<units {
            let key = key(unit)
            if let known = first[key] {
                classOf.append(known)
                sizes[known] += 1
            } else {
                first[key] = sizes.count
                classOf.append(sizes.count)
                sizes.append(1)
            }
        }
        return (classOf, sizes)
    }

    /// Per unit, a hash of its column of every per-operator table `Key.Columns.Values` compares
    /// (a residency cost by its scalar figures and operand count), taken row by row: one pass
    /// over the tables, with no column copied.
    private static func columnDigests(_ costs: CostTable) -> [Int] {
        var hashers = [Hasher](repeating: Hasher(), count: costs.unitCount)
        func add<T: Hashable>(_ rows: [[T]]) {
            for row in rows { for unit in row.indices { hashers[unit].combine(row[unit]) } }
        }
        func add(_ rows: [[ResidencyCost?]]) {
            for row in rows {
                for unit in row.indices {
                    guard let cost = row[unit] else { hashers[unit].combine(0); continue }
                    hashers[unit].combine(cost.baseUS)
                    hashers[unit].combine(cost.computeUS)
                    hashers[unit].combine(cost.fixedBytes)
                    hashers[unit].combine(cost.operands.count)
                }
            }
        }
        add(costs.execUS); add(costs.fusedExecUS); add(costs.energyPJ); add(costs.memoryBytes); add(costs.overheadUS)
        add(costs.programBytes); add(costs.residency); add(costs.fusedResidency)
        return hashers.map { $0.finalize() }
    }

    /// Whether every unit's columns (`Key.Columns.Values`) equal its class's first unit's.
    private static func columnsMatch(_ costs: CostTable, _ classOf: [Int]) -> Bool {
        var firstOfClass: [Int] = []
        for (unit, cls) in classOf.enumerated() where cls == firstOfClass.count { firstOfClass.append(unit) }
        let first = classOf.map { firstOfClass[$0] }
        func same<T: Equatable>(_ rows: [[T]]) -> Bool {
            for row in rows { for unit in row.indices where row[unit] != row[first[unit]] { return false } }
            return true
        }
        return same(costs.execUS) && same(costs.fusedExecUS) && same(costs.energyPJ) && same(costs.memoryBytes) && same(costs.overheadUS)
            && same(costs.programBytes) && same(costs.residency) && same(costs.fusedResidency)
    }

    /// `neighbours` of a cost table: the units whose resident memory is one of a unit's shared memories.
    private static func neighbours(_ costs: CostTable) -> [[Int]] {
        guard costs.hasSharedMemories else { return [] }
        var owners: [Int: [Int]] = [:]
        for (unit, memory) in costs.residentMemory.enumerated() { if let memory { owners[memory, default: []].append(unit) } }
        return costs.sharedMemories.map { memories in memories.flatMap { owners[$0] ?? [] }.sorted() }
    }

    /// Whether `unit` shares a memory with a unit `used` holds.
    func neighboursUsed(_ unit: Int, _ used: (Int) -> Bool) -> Bool {
        !neighbours.isEmpty && neighbours[unit].contains(where: used)
    }

    /// Whether some class has more than one unit (otherwise `moveTargets` returns its input).
    var hasClasses: Bool { classSizes.count < classOf.count }

    /// The units of `capable` (ascending) worth moving an operator to under `assignment`: every
    /// unit the assignment uses, the idle units sharing a memory with one of `partners` (the
    /// units of the operator's producers and readers it could hand an activation to in place,
    /// `PlanProblem.handOffPartners`), and of each class's other idle units the first. In `capable`'s order.
    ///
    /// - Complexity: O(operators + capable.count).
    func moveTargets(_ capable: [Int], _ assignment: [Int], near partners: [Int] = []) -> [Int] {
        guard hasClasses else { return capable }
        // Flags rather than a set: the descent asks once per operator, each time over the whole assignment.
        var used = [Bool](repeating: false, count: classOf.count)
        for unit in assignment where unit >= 0 { used[unit] = true }
        return moveTargets(capable, isUsed: { used[$0] }, near: partners)
    }

    /// `moveTargets` with the used units given.
    func moveTargets(_ capable: [Int], used: Set<Int>, near partners: [Int] = []) -> [Int] {
        moveTargets(capable, isUsed: used.contains, near: partners)
    }

    /// `moveTargets` with whether each unit is used given.
    private func moveTargets(_ capable: [Int], isUsed: (Int) -> Bool, near partners: [Int]) -> [Int] {
        guard hasClasses else { return capable }
        var idleSeen = [Bool](repeating: false, count: classSizes.count)
        return capable.filter { unit in
            if isUsed(unit) || classSizes[classOf[unit]] == 1 || (!partners.isEmpty && neighboursUsed(unit, partners.contains)) { return true }
            guard !idleSeen[classOf[unit]] else { return false }
            idleSeen[classOf[unit]] = true
            return true
        }
    }

    private static func resident(_ costs: CostTable, _ unit: Int) -> Int? {
        costs.residentMemory.isEmpty ? nil : costs.residentMemory[unit]
    }

    /// Everything compared, with the unit's index left out.
    private struct Key: Hashable {
        /// The unit's figures per operator, or a digest of them that `columnsMatch` checked.
        enum Columns: Hashable {
            case digest(Int)
            case values(Values)

            /// Every per-operator table's entry for the unit.
            struct Values: Hashable {
                var columns: [[Double?]]
                var residency: [ResidencyCost?]
                var fusedResidency: [ResidencyCost?]

                init(_ costs: CostTable, _ unit: Int) {
                    func column<T>(_ rows: [[T]]) -> [T] { rows.isEmpty ? [] : rows.map { $0[unit] } }
                    columns = [column(costs.execUS), column(costs.fusedExecUS), column(costs.energyPJ),
                               column(costs.memoryBytes).map { Double($0) }, column(costs.overheadUS), column(costs.programBytes).map { Double($0) }]
                    residency = column(costs.residency)
                    fusedResidency = column(costs.fusedResidency)
                }
            }
        }
        var columns: Columns
        var pairClasses: [Int]
        var kind: String
        var figures: [Double?]
        var sharedQueue: Int?
        var resident: [Double?]
        var sharedResident: Int?

        init(_ costs: CostTable, _ unit: Int, columns: Columns, syncUS: Double, queueShared: Bool, residentPrivate: Bool) {
            self.columns = columns
            pairClasses = [costs.transferFixedUS.classOf[unit], costs.transferPerByteUS.classOf[unit],
                           costs.routes.classOf[unit], costs.transferEnergyPJPerByte.classOf[unit], costs.unitMemory[unit]]
            kind = costs.unitKinds[unit]
            figures = [syncUS, unit < costs.submitUS.count ? costs.submitUS[unit] : nil,
                       unit < costs.computeBits.count ? costs.computeBits[unit].map(Double.init) : nil,
                       unit < costs.programCapacity.count ? costs.programCapacity[unit].map(Double.init) : nil]
            let queue = costs.unitQueue.isEmpty ? unit : costs.unitQueue[unit]
            sharedQueue = queueShared ? queue : nil
            let memory = UnitSymmetry.resident(costs, unit)
            if let memory, residentPrivate {
                // Spilling a resident buffer copies it between the resident memory and the unit's.
                let home = costs.unitMemory[unit]
                resident = [costs.memoryCapacity[memory].map(Double.init) ?? -1,
                            memory < costs.memoryBytesPerUS.count ? costs.memoryBytesPerUS[memory] : nil,
                            memory < costs.memoryEnergyPJPerByte.count ? costs.memoryEnergyPJPerByte[memory] : nil]
                    + [0, 1 << 20].flatMap { bytes in
                        [costs.memoryTransferUS(bytes: bytes, from: memory, to: home), costs.memoryTransferUS(bytes: bytes, from: home, to: memory)]
                    }
                sharedResident = nil
            } else {
                resident = []
                sharedResident = memory
            }
        }
    }
}
