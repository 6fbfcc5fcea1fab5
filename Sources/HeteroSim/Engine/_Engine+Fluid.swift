extension _Engine {
    mutating func addFlow(entity: Int, remainingUS: Double, cap: Double, resources: (Int32, Int32, Int32),
                          shares: (Double, Double, Double) = (1, 1, 1)) {
        flowSlot[entity] = Int32(flows.count)
        flows.append(_Flow(entity: Int32(entity), remainingUS: remainingUS, cap: cap, resources: resources, shares: shares, speed: 0, lastTick: now))
        fluidDirty = true
    }

    mutating func removeFlow(entity: Int) {
        let slot = Int(flowSlot[entity])
        let last = flows.count - 1
        if slot != last {
            flows[slot] = flows[last]
            flowSlot[Int(flows[slot].entity)] = Int32(slot)
        }
        flows.removeLast()
        flowSlot[entity] = -1
        fluidDirty = true
    }

    /// Recomputes every flow's speed after the set of flows changed (once per instant, just
    /// before time advances): advance each flow's progress at its old speed, share bandwidth
    /// max-min fairly, and reschedule the completion of each flow whose speed changed (the old
    /// completion event becomes stale through the version number).
    mutating func reshare() {
        fluidDirty = false
        guard !flows.isEmpty else { return }
        let ticksPerUS = Double(SimTime.ticksPerMicrosecond)
        for index in flows.indices {
            let elapsed = now - flows[index].lastTick
            if elapsed > 0 {
                flows[index].remainingUS = max(0, flows[index].remainingUS - flows[index].speed * Double(elapsed) / ticksPerUS)
                flows[index].lastTick = now
            }
        }
        shareFlows.removeAll(keepingCapacity: true)
        for flow in flows { shareFlows.append(_FairShare.Flow(cap: flow.cap, resources: flow.resources, shares: flow.shares)) }
        share.rates(shareFlows, into: &shareRates)
        for index in flows.indices {
            let speed = min(1, shareRates[index] / flows[index].cap)
            guard speed != flows[index].speed, speed > 0 else { continue }
            flows[index].speed = speed
            let entity = Int(flows[index].entity)
            flowVersion[entity] &+= 1
            let ticks = Int64((flows[index].remainingUS / speed * ticksPerUS).rounded(.up))
            if entity < operatorCount {
                events.schedule(.operatorFinish, at: now + ticks, subject: entity, version: flowVersion[entity])
            } else {
                events.schedule(.hopDone, at: now + ticks, subject: entity - operatorCount, version: flowVersion[entity])
            }
        }
    }
}
