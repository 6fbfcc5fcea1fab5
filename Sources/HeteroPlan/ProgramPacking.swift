import HeteroCost
import HeteroRecords

/// Kernels packed onto units with a program memory (`program_memory_bytes`: an AI Engine tile's
/// 16 KB). AMD's AI Engine compiler puts several kernels on one tile when their run-time ratios
/// (cycles per invocation over the cycle budget) sum to at most 1 and their programs fit the
/// tile's program memory (UG1079, "Interface Considerations"); here each operator a plan places
/// on such a unit is one kernel with its own program (`CostTable.programBytes`), and the
/// programs on a unit must fit its `programCapacity` together.
///
/// The run-time ratio of a kernel is its time per inference over the plan's interval
/// (`PlanMetrics.intervalUS`, the busiest unit's, link's or memory's time per inference), so a
/// unit's ratios sum to its busy time over the interval: at most 1 by that definition, and 1 on
/// the bottleneck (`utilisation`). The program memory is what the search must respect: every
/// assignment that overflows one scores infinitely (`ObjectiveScore`), every strategy's plan is
/// repaired before it is used (`repair`), and under the throughput objective the optimizer also
/// starts from the seed's kernels spread over their class of interchangeable units (`spread`).
struct ProgramPacking: Sendable {
    /// Program memory per unit (nil: unlimited).
    let capacity: [Int?]
    /// `bytes[op][unit]` as `CostTable.programBytes`.
    let bytes: [[Int]]

    /// Nil when no unit of the table has a program memory.
    init?(_ costs: CostTable) {
        guard !costs.programCapacity.isEmpty, costs.programCapacity.contains(where: { $0 != nil }),
              costs.programBytes.count == costs.operatorCount else { return nil }
        capacity = costs.programCapacity
        bytes = costs.programBytes
    }

    /// Program bytes the assignment places on each unit.
    ///
    /// - Complexity: O(operators + units).
    func used(_ assignment: [Int]) -> [Int] {
        var used = [Int](repeating: 0, count: capacity.count)
        for (op, unit) in assignment.enumerated() where unit >= 0 { used[unit] += bytes[op][unit] }
        return used
    }

    /// Whether some unit's kernels overflow its program memory under `assignment`.
    ///
    /// - Complexity: O(operators + units).
    func overflows(_ assignment: [Int]) -> Bool {
        let used = used(assignment)
        return used.indices.contains { unit in capacity[unit].map { used[unit] > $0 } ?? false }
    }

    /// What moves as one kernel group: a fused composite whose members all run on one unit, else
    /// one operator.
    private static func items(_ problem: PlanProblem, _ assignment: [Int], where include: (Int) -> Bool) -> [[Int]] {
        let costs = problem.costs
        var seen = Set<Int>()
        var items: [[Int]] = []
        for op in 0..<problem.operatorCount where include(op) {
            if !costs.compositeOf.isEmpty, let composite = costs.compositeOf[op] {
                let members = costs.composites[composite]
                if members.allSatisfy({ assignment[$0] == assignment[op] }) {
                    if seen.insert(-1 - composite).inserted { items.append(members) }
                    continue
                }
            }
            items.append([op])
        }
        return items
    }

    /// Time of a kernel group on `unit` when it runs there as under `assignment` (moved there
    /// while it is timed and moved back: a copy of the assignment per target was most of the repair).
    private static func time(_ problem: PlanProblem, _ item: [Int], on unit: Int, _ assignment: inout [Int]) -> Double? {
        let units = item.map { assignment[$0] }
        for op in item { assignment[op] = unit }
        defer { for (op, original) in zip(item, units).reversed() { assignment[op] = original } }
        var total = 0.0
        for op in item {
            guard let duration = problem.duration(op, unit, assignment) else { return nil }
            total += duration
        }
        return total
    }

    /// `assignment` with kernels moved off every unit whose programs overflow, and a decision per
    /// unit relieved; nil when nothing overflows. Kernel groups leave the unit shortest first
    /// until the rest fit; each goes to the unit of the same class (`UnitSymmetry`: another tile)
    /// with room and the least busy time, else to the unit with room where it runs fastest.
    ///
    /// - Throws: `PlanError.programMemoryFull` when a kernel fits on no other capable unit.
    /// - Complexity: O(moved groups × units × group size) after O(operators + units).
    func repair(_ problem: PlanProblem, _ assignment: [Int]) throws(PlanError) -> (assignment: [Int], decisions: [Decision])? {
        var used = used(assignment)
        let full = used.indices.filter { unit in capacity[unit].map { used[unit] > $0 } ?? false }
        guard !full.isEmpty else { return nil }
        let costs = problem.costs
        let symmetry = problem.symmetry
        var assignment = assignment
        var busy = [Double](repeating: 0, count: problem.unitCount)
        for op in 0..<problem.operatorCount { busy[assignment[op]] += problem.duration(op, assignment[op], assignment) ?? 0 }
        var decisions: [Decision] = []
        for unit in full {
            let before = used[unit]
            let items = Self.items(problem, assignment) { assignment[$0] == unit }
                .map { (members: $0, time: Self.time(problem, $0, on: unit, &assignment) ?? 0) }
                .sorted { $0.time != $1.time ? $0.time < $1.time : $0.members[0] < $1.members[0] }
            var moved: [String: Int] = [:]
            for item in items where used[unit] > capacity[unit]! {
                let size = item.members.reduce(0) { $0 + bytes[$1][unit] }
                var best: (unit: Int, sameClass: Bool, cost: Double)?
                for target in 0..<problem.unitCount where target != unit {
                    let need = item.members.reduce(0) { $0 + bytes[$1][target] }
                    guard capacity[target].map({ used[target] + need <= $0 }) ?? true else { continue }
                    let sameClass = symmetry.classOf[target] == symmetry.classOf[unit]
                    // Only another class's unit is costed by its time (and loses to any of the same class);
                    // a unit of the same class needs only to run every member (a time, not nil).
                    let cost: Double
                    if sameClass {
                        guard item.members.allSatisfy({ problem.exec($0, target) != nil }) else { continue }
                        cost = busy[target]
                    } else {
                        guard best?.sameClass != true, let time = Self.time(problem, item.members, on: target, &assignment) else { continue }
                        cost = busy[target] + time
                    }
                    if best == nil || (sameClass && !best!.sameClass) || (sameClass == best!.sameClass && cost < best!.cost) {
                        best = (target, sameClass, cost)
                    }
                }
                guard let target = best?.unit else {
                    throw .programMemoryFull(unit: costs.unitNames[unit], needed: used[unit], capacity: capacity[unit]!,
                                             operator: problem.graph.operators[item.members[0]].label)
                }
                let time = Self.time(problem, item.members, on: target, &assignment) ?? 0
                for op in item.members {
                    assignment[op] = target
                    used[target] += bytes[op][target]
                }
                used[unit] -= size
                busy[unit] -= item.time
                busy[target] += time
                moved[costs.unitNames[target], default: 0] += item.members.count
            }
            let targets = moved.keys.sorted().map { "\(moved[$0]!) to \($0)" }.joined(separator: ", ")
            decisions.append(Decision(kind: .packing, subject: costs.unitNames[unit], reason:
                "its kernels' programs took \(before) bytes of its \(capacity[unit]!)-byte program memory; moved \(targets), leaving \(used[unit]) bytes"))
        }
        return (assignment, decisions)
    }

    /// `schedule` list-scheduled again (in its start order) after `repair`, with the decisions;
    /// the schedule unchanged when nothing overflows.
    func repaired(_ problem: PlanProblem, _ schedule: Schedule) throws(PlanError) -> (schedule: Schedule, decisions: [Decision]) {
        guard let (assignment, decisions) = try repair(problem, schedule.assignment) else { return (schedule, []) }
        let rebuilt = ScheduleBuilder(problem: problem, insertion: true).build(assignment: assignment, priority: Refiner.priority(of: schedule))
        return (rebuilt, decisions)
    }

    /// The throughput packing of `assignment`: the kernel groups it places on units of a class of
    /// interchangeable units with a program memory (an array's tiles) spread over the whole class,
    /// longest first, each onto the unit with the least busy time whose program memory still
    /// has room (LPT, Graham 1969); nil when no such class holds a kernel. A group that fits
    /// nowhere stays where it was (for `repair`).
    ///
    /// - Complexity: O(groups × class size) per class.
    func spread(_ problem: PlanProblem, _ assignment: [Int]) -> [Int]? {
        let symmetry = problem.symmetry
        var members: [Int: [Int]] = [:]
        for unit in 0..<problem.unitCount where capacity[unit] != nil && symmetry.classSizes[symmetry.classOf[unit]] > 1 {
            members[symmetry.classOf[unit], default: []].append(unit)
        }
        var result = assignment
        var timed = assignment
        var changed = false
        for classIndex in members.keys.sorted() {
            let units = members[classIndex]!
            let inClass = Set(units)
            let items = Self.items(problem, assignment) { inClass.contains(assignment[$0]) }
                .map { (members: $0, time: Self.time(problem, $0, on: assignment[$0[0]], &timed) ?? 0) }
                .sorted { $0.time != $1.time ? $0.time > $1.time : $0.members[0] < $1.members[0] }
            guard !items.isEmpty else { continue }
            var used = [Int: Int]()
            var busy = [Int: Double]()
            for item in items {
                var best: Int?
                for unit in units {
                    let need = item.members.reduce(0) { $0 + bytes[$1][unit] }
                    guard used[unit, default: 0] + need <= capacity[unit]! else { continue }
                    if best == nil || busy[unit, default: 0] < busy[best!, default: 0] { best = unit }
                }
                let target = best ?? assignment[item.members[0]]
                for op in item.members {
                    if result[op] != target { changed = true }
                    result[op] = target
                    used[target, default: 0] += bytes[op][target]
                }
                busy[target, default: 0] += item.time
            }
        }
        return changed ? result : nil
    }

    /// Per unit with a program memory and at least one operator in `schedule`: its kernels (the
    /// operators with a program there), their
    /// summed run-time ratio (busy time over `intervalUS`) and program bytes, in unit order.
    func utilisation(_ problem: PlanProblem, _ schedule: Schedule, intervalUS: Double) -> [PlanDocument.UnitPacking] {
        let assignment = schedule.assignment
        let used = used(assignment)
        var kernels = [Int](repeating: 0, count: problem.unitCount)
        var busy = [Double](repeating: 0, count: problem.unitCount)
        for op in 0..<problem.operatorCount {
            // A view a unit has no entry for runs as an alias of its input: no kernel, no program.
            if bytes[op][assignment[op]] > 0 { kernels[assignment[op]] += 1 }
            busy[assignment[op]] += problem.duration(op, assignment[op], assignment) ?? 0
        }
        return (0..<problem.unitCount).compactMap { unit in
            guard let capacity = capacity[unit], kernels[unit] > 0 || busy[unit] > 0 else { return nil }
            return PlanDocument.UnitPacking(unit: problem.costs.unitNames[unit], kernels: kernels[unit], busyUS: busy[unit],
                                            runTimeRatio: intervalUS > 0 ? busy[unit] / intervalUS : 0,
                                            programBytes: used[unit], programCapacityBytes: capacity)
        }
    }
}
