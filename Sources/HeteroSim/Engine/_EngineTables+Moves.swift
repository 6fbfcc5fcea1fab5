import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// The plan's transfers, then its spill and prefetch copies, as moves.
    mutating func buildMoves(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let transferCount = s.transferCount, units = plan.units, unitMemory = machine.unitMemory
        // Moves: the plan's transfers, then its spill copies.
        var moves: [_Move] = []
        moves.reserveCapacity(transferCount)
        for transfer in plan.transfers {
            moves.append(_Move(kind: .transfer, tensor: transfer.tensor, producer: transfer.producer, fromMemory: unitMemory[transfer.fromUnit],
                               toMemory: unitMemory[transfer.toUnit], fromUnit: transfer.fromUnit, toUnit: transfer.toUnit, consumer: -1,
                               bytes: transfer.bytes, startUS: transfer.startUS, finishUS: transfer.finishUS))
        }
        for copy in plan.copies {
            let producer = graph.producer[copy.tensor] ?? -1
            // Recomputations are no moves (`SimulationPlan.recomputes`); `copies` holds none.
            let kind: _Move.Kind = switch copy.kind { case .store: .store; case .reload: .reload; case .prefetch, .recompute: .prefetch }
            let unit = kind != .store ? (copy.consumer.map { units[$0] } ?? 0) : (producer >= 0 ? units[producer] : 0)
            moves.append(_Move(kind: kind, tensor: copy.tensor, producer: producer,
                               fromMemory: copy.fromMemory, toMemory: copy.toMemory, fromUnit: unit, toUnit: unit,
                               consumer: kind != .store ? (copy.consumer ?? -1) : -1, bytes: copy.bytes,
                               startUS: copy.startUS, finishUS: copy.finishUS))
        }
        self.moves = moves
        s.transferSource = [Int32](repeating: -1, count: moves.count)
        s.transferDestination = [Int32](repeating: -1, count: moves.count)
        s.transferTo = [Int32](repeating: -1, count: moves.isEmpty ? 0 : s.tensorCount * s.memoryCount)
    }
}
