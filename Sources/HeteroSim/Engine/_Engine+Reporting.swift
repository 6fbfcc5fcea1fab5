import Foundation

extension _Engine {
    /// A violation by `entity` (an operator, or a transfer, named in the `operator` field).
    func violation(_ kind: SimulationViolation.Kind, unit: Int?, entity: Int?, tensor: Int? = nil, memory: Int? = nil,
                   expected: String, found: String, cycle: [String] = []) -> SimulationViolation {
        let subject = entity.map { $0 < operatorCount ? label($0) : transferLabel($0 - operatorCount) }
        return SimulationViolation(kind: kind, time: SimTime(ticks: now), unit: unit.map { machine.unitNames[$0] }, operator: subject,
                            tensor: tensor.map(tensorName), memory: memory.map { machine.memoryNames[$0] }, expected: expected,
                            found: found, cycle: cycle)
    }

    /// `Conv "n5"`.
    func label(_ op: Int) -> String { graph.operators[op].label }

    func tensorName(_ tensor: Int) -> String { graph.tensors[tensor].name }

    /// `transfer of "t" from cpu to dla`, `store of "t" from cbuf to dram`,
    /// `reload of "t" from dram to cbuf for Conv "c"`.
    func transferLabel(_ x: Int) -> String {
        let move = tables.moves[x]
        switch move.kind {
        case .transfer:
            return "transfer of \"\(tensorName(move.tensor))\" from \(machine.unitNames[move.fromUnit]) to \(machine.unitNames[move.toUnit])"
        case .store:
            return "store of \"\(tensorName(move.tensor))\" from \(machine.memoryNames[move.fromMemory]) to \(machine.memoryNames[move.toMemory])"
        case .reload, .prefetch:
            let consumer = move.consumer >= 0 ? " for \(label(move.consumer))" : ""
            return "\(move.kind == .reload ? "reload" : "prefetch") of \"\(tensorName(move.tensor))\" from \(machine.memoryNames[move.fromMemory]) to \(machine.memoryNames[move.toMemory])\(consumer)"
        }
    }

    /// An operator or a transfer, for messages.
    func entityLabel(_ entity: Int) -> String {
        entity < operatorCount ? "\(label(entity)) on \(machine.unitNames[plan.units[entity]])" : transferLabel(entity - operatorCount)
    }

    static func format(_ ticks: Int64) -> String {
        String(format: "%.6f", SimTime(ticks: ticks).microseconds)
    }

    static func format(_ microseconds: Double) -> String {
        String(format: "%.3f", microseconds)
    }
}
