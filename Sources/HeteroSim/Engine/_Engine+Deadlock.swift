extension _Engine {
    /// Nothing is left to happen but `firstStuck` (and maybe others) never ran: find who waits
    /// for whom and report a cycle.
    ///
    /// The wait-for graph has an edge from each operation that has not started to each
    /// unfinished thing it still counts on (previous operator on its unit, register-group holder,
    /// producer or transfer behind an unfired signal, buffer not yet released), and from each
    /// unreleased buffer to its unfinished writers and readers. With the event queue empty,
    /// every waiting operation sits on such a path; a depth-first search from the stuck
    /// operators finds a cycle.
    func deadlock(firstStuck: Int) -> SimulationViolation {
        let bufferBase = operatorCount + transferCount
        func waits(_ node: Int) -> [(Int, String)] {
            if node >= bufferBase {
                let buffer = node - bufferBase
                let users = Array(tables.bufferWriters[buffer]) + Array(tables.bufferReaders[buffer])
                return users.filter { finishedAt[Int($0)] < 0 }.map {
                    (Int($0), "which still uses \"\(tensorName(plan.buffers[buffer].tensor))\"'s buffer in \(machine.memoryNames[plan.buffers[buffer].memory])")
                }
            }
            guard startedAt[node] < 0 else { return [] }
            var result: [(Int, String)] = []
            if node < operatorCount {
                let unit = plan.units[node]
                let queue = tables.queues[unit]
                let position = Int(tables.queuePosition[node])
                if position > 0, finishedAt[queue[position - 1]] < 0 {
                    result.append((queue[position - 1], "which runs before it on \(machine.unitNames[unit])"))
                }
                let group = position - options.registerGroups
                if group >= 0, finishedAt[queue[group]] < 0 {
                    result.append((queue[group], "which holds its register group"))
                }
                for signal in tables.signalWaits[node] where !signalFired[Int(signal)] {
                    result.append((Int(tables.signalSource[Int(signal)]), "whose data it needs"))
                }
            } else {
                for op in tables.finishWaits[node] where finishedAt[Int(op)] < 0 {
                    let move = tables.moves[node - operatorCount]
                    result.append((Int(op), Int(op) == move.producer ? "which produces its tensor" : "which produces another input of its consumer"))
                }
                for signal in tables.signalWaits[node] where !signalFired[Int(signal)] {
                    result.append((Int(tables.signalSource[Int(signal)]), "whose data it needs"))
                }
            }
            for buffer in 0..<tables.releaseWaiters.count where bufferState[buffer] != Self.released && tables.releaseWaiters.contains(buffer, Int32(node)) {
                result.append((bufferBase + buffer, "whose addresses it reuses"))
            }
            for buffer in 0..<tables.inPlaceWaiters.count where !inPlaceFired[buffer] && tables.inPlaceWaiters.contains(buffer, Int32(node)) {
                for user in Array(tables.bufferWriters[buffer]) + Array(tables.bufferReaders[buffer]) where Int(user) != node && finishedAt[Int(user)] < 0 {
                    result.append((Int(user), "which still uses \"\(tensorName(plan.buffers[buffer].tensor))\"'s buffer, which it overwrites in place"))
                }
            }
            return result
        }
        func name(_ node: Int) -> String {
            node >= bufferBase
                ? "the buffer of \"\(tensorName(plan.buffers[node - bufferBase].tensor))\" in \(machine.memoryNames[plan.buffers[node - bufferBase].memory])"
                : entityLabel(node)
        }

        // Iterative depth-first search with colours; the first back edge closes a cycle.
        var colour = [UInt8](repeating: 0, count: bufferBase + plan.buffers.count)
        let stuck = [firstStuck] + (0..<operatorCount).filter { startedAt[$0] < 0 && $0 != firstStuck }
        for root in stuck where colour[root] == 0 {
            var stack: [(node: Int, edges: [(Int, String)], next: Int)] = [(root, waits(root), 0)]
            colour[root] = 1
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next == stack[top].edges.count {
                    colour[stack[top].node] = 2
                    stack.removeLast()
                    continue
                }
                let (target, _) = stack[top].edges[stack[top].next]
                stack[top].next += 1
                if colour[target] == 1 {
                    let start = stack.firstIndex { $0.node == target }!
                    let cycle = stack[start...].map { frame in
                        "\(name(frame.node)) waits for \(name(frame.edges[frame.next - 1].0)), \(frame.edges[frame.next - 1].1)"
                    }
                    let unit = target < operatorCount ? plan.units[target] : nil
                    return violation(.deadlock, unit: unit, entity: target < bufferBase ? target : nil,
                                     expected: "every operation eventually enabled",
                                     found: "\(stack.count - start) operations wait for each other in a cycle", cycle: cycle)
                }
                if colour[target] == 0 {
                    colour[target] = 1
                    stack.append((target, waits(target), 0))
                }
            }
        }
        let waiting = waits(firstStuck).map { "\(name(firstStuck)) waits for \(name($0.0)), \($0.1)" }
        return violation(.deadlock, unit: plan.units[firstStuck], entity: firstStuck, expected: "every operation eventually enabled",
                         found: "\(name(firstStuck)) never started and no cycle was found", cycle: waiting)
    }
}
