import HeteroCost
import HeteroIR
import HeteroRecords

extension _EngineTables {
    /// Each move's source and destination buffer, route and uncontended duration.
    mutating func buildRoutes(_ graph: Graph, _ machine: SimulationMachine, _ plan: SimulationPlan, _ options: SimulationOptions,
                                _ s: inout _TableScratch) {
        let n = s.n, moveCount = s.transferCount, costs = machine.costs
        let moves = self.moves
        var transferRoute = [[Int]](repeating: [], count: moveCount)
        var transferTicks = [Int64](repeating: 0, count: moveCount)
        for (x, move) in moves.enumerated() {
            let entity = Int32(n + x)
            s.transferSource[x] = s.index.buffer(move.tensor, move.fromMemory, at: move.startUS)
            if move.kind != .reload && move.kind != .prefetch { s.transferDestination[x] = s.index.buffer(move.tensor, move.toMemory, at: move.startUS) }
            if s.transferSource[x] >= 0 { s.bufferReaders.append(Int(s.transferSource[x]), entity) }
            if s.transferDestination[x] >= 0 { s.bufferWriters.append(Int(s.transferDestination[x]), entity) }
            switch move.kind {
            case .transfer:
                transferRoute[x] = costs.routes[move.fromUnit, move.toUnit]
                transferTicks[x] = SimTime(microseconds: machine.copyTimeUS(bytes: move.bytes, route: transferRoute[x])).ticks
                let key = move.tensor * s.memoryCount + move.toMemory
                if s.transferTo[key] < 0 {
                    s.transferTo[key] = Int32(x)
                } else if duplicateTransfer == nil {
                    duplicateTransfer = (first: Int(s.transferTo[key]), second: x)
                }
            case .store, .reload, .prefetch:
                transferRoute[x] = machine.memoryRoute(from: move.fromMemory, to: move.toMemory)
                transferTicks[x] = SimTime(microseconds: machine.copyTimeUS(bytes: move.bytes, route: transferRoute[x])).ticks
            }
            // Transfers and stores wait for the tensor's producer; reloads for the store and
            // prefetches for the start of the operator before their reader (`buildSignals`).
            if move.kind != .reload, move.producer >= 0 {
                s.finishWaiters.append(move.producer, entity)
                s.finishWaits.append(Int(entity), Int32(move.producer))
                s.count[n + x] += 1
            }
        }
        self.transferSource = s.transferSource
        self.transferDestination = s.transferDestination
        self.transferRoute = transferRoute
        self.transferTicks = transferTicks
    }
}
