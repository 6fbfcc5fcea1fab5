extension _Engine {
    /// Graph inputs are in every memory the plan gives them a buffer in, at time 0.
    mutating func preloadInputs() throws(SimulationViolation) {
        for (index, planned) in plan.buffers.enumerated() where tables.bufferPreloaded[index] {
            try allocate(index, unit: nil, entity: nil)
            contents[planned.memory].write(tables.expectedToken[planned.tensor], offset: planned.offset, bytes: planned.bytes)
            bufferWritten[index] = true
            usesChanged(index)
        }
    }

    /// Makes a buffer live: it must hold its tensor as the memory's units store it (with the
    /// channels they pad, `BufferPadding`), fit in its memory and not overlap a live buffer.
    mutating func allocate(_ buffer: Int, unit: Int?, entity: Int?) throws(SimulationViolation) {
        guard bufferState[buffer] != Self.live else { return }
        let memory = tables.bufferMemory[buffer]
        let offset = tables.bufferOffset[buffer], bytes = tables.bufferBytes[buffer]
        if bytes < tables.bufferLeastBytes[buffer] {
            throw violation(.bufferTooSmall, unit: unit, entity: entity, tensor: tables.bufferTensor[buffer], memory: memory,
                            expected: "at least \(tables.bufferLeastBytes[buffer]) bytes for \"\(tensorName(tables.bufferTensor[buffer]))\" in "
                                + "\(machine.memoryNames[memory]), whose unit pads its channels (channel_alignment)",
                            found: "a buffer of \(bytes) bytes")
        }
        let end = offset + bytes
        if let capacity = machine.memoryCapacity[memory], end > capacity {
            throw violation(.capacityExceeded, unit: unit, entity: entity, tensor: tables.bufferTensor[buffer], memory: memory,
                            expected: "buffer within \(machine.memoryNames[memory])'s capacity of \(capacity) bytes",
                            found: "buffer [\(offset), \(end)) ends \(end - capacity) bytes past it")
        }
        if bytes > 0 {
            overlapping.removeAll(keepingCapacity: true)
            liveBuffers[memory].intersecting(lower: offset, upper: end, into: &overlapping)
            for entry in overlapping {
                guard !isInPlace(reusing: Int(entry.buffer), entity: entity, buffer: buffer) else { continue }
                let other = entry.buffer
                let live = plan.buffers[Int(other)]
                throw violation(.bufferOverlap, unit: unit, entity: entity, tensor: tables.bufferTensor[buffer], memory: memory,
                                expected: "addresses [\(offset), \(end)) free for \"\(tensorName(tables.bufferTensor[buffer]))\"",
                                found: "\"\(tensorName(live.tensor))\" is live at [\(live.offset), \(live.offset + live.bytes)) since "
                                    + "\(Self.format(allocatedAt[Int(other)])) us (planned lifetime \(Self.format(live.startUS)) to \(Self.format(live.endUS)) us)")
            }
        }
        bufferState[buffer] = Self.live
        allocatedAt[buffer] = now
        liveBuffers[memory].insert(lower: offset, upper: end, buffer: Int32(buffer))
        liveBytes[memory] += bytes
        peakLiveBytes[memory] = max(peakLiveBytes[memory], liveBytes[memory])
        peakAddress[memory] = max(peakAddress[memory], end)
        if options.recordOccupancy { occupancy[memory].append((now, liveBytes[memory])) }
    }

    /// Whether the plan reuses `live`'s addresses for `buffer` in place: `live`'s planned
    /// lifetime ends by `buffer`'s start (as for a zero-time view whose output the memory
    /// planner put over its input) and the writer of `buffer` (operator `op`, or else the
    /// transfer writing it) is the one reading `live`. The tokens then check that nobody reads
    /// the old data afterwards. Any other overlap of two live buffers is a violation.
    func isInPlace(reusing live: Int, entity: Int?, buffer: Int) -> Bool {
        guard let entity, tables.bufferPredecessors.contains(buffer, Int32(live)) else { return false }
        if entity < operatorCount { return tables.accessBuffer[Int(tables.accessStart[entity])..<Int(tables.writeStart[entity])].contains(Int32(live)) }
        return Int(tables.transferSource[entity - operatorCount]) == live
    }

    /// A writer or reader of the buffer is done; after the last one it is released (unless it
    /// holds a graph output).
    @inline(__always)
    mutating func useEnded(_ buffer: Int) {
        bufferPending[buffer] -= 1
        usesChanged(buffer)
    }

    @inline(__always)
    mutating func usesChanged(_ buffer: Int) {
        let waiters = tables.inPlaceWaiters.range(buffer)
        if !waiters.isEmpty, !inPlaceFired[buffer], Int(bufferPending[buffer]) <= waiters.count {
            inPlaceFired[buffer] = true
            for position in waiters { decrement(Int(tables.inPlaceWaiters.items[position]), because: .memory) }
        }
        if bufferPending[buffer] <= 0, !tables.bufferPinned[buffer], bufferState[buffer] == Self.live { release(buffer) }
    }

    mutating func release(_ buffer: Int) {
        let memory = tables.bufferMemory[buffer]
        let offset = tables.bufferOffset[buffer], bytes = tables.bufferBytes[buffer]
        bufferState[buffer] = Self.released
        releasedAt[buffer] = now
        liveBuffers[memory].remove(lower: offset, upper: offset + bytes, buffer: Int32(buffer))
        liveBytes[memory] -= bytes
        if options.recordOccupancy { occupancy[memory].append((now, liveBytes[memory])) }
        for position in tables.releaseWaiters.range(buffer) { decrement(Int(tables.releaseWaiters.items[position]), because: .memory) }
    }

    /// Checks that `buffer` (the plan's buffer of `tensor` in `memory`, or -1) holds the
    /// tensor's current token.
    func checkRead(tensor: Int, buffer: Int, memory: Int, unit: Int, entity: Int) throws(SimulationViolation) {
        // Messages are built only when something is wrong (this runs on every read).
        var wanted: String {
            let reader = entity < operatorCount ? label(entity) : "the \(transferLabel(entity - operatorCount))"
            return "\"\(tensorName(tensor))\" in \(machine.memoryNames[memory]), where \(reader) reads it"
        }
        guard buffer >= 0 else {
            throw violation(.missingInput, unit: unit, entity: entity, tensor: tensor, memory: memory, expected: wanted,
                            found: "the plan has no buffer for it there")
        }
        let offset = tables.bufferOffset[buffer], bytes = tables.bufferBytes[buffer]
        if bytes == 0 {
            guard bufferState[buffer] != Self.unallocated else {
                throw violation(.missingInput, unit: unit, entity: entity, tensor: tensor, memory: memory, expected: wanted,
                                found: "its (empty) buffer was never written")
            }
            return
        }
        // Through a buffer pointer, the memory's contents are read in place rather than copied.
        let expected = tables.expectedToken[tensor]
        let reading = contents.withUnsafeBufferPointer { $0[memory].read(expected, offset: offset, bytes: bytes) }
        switch reading {
        case .expected:
            return
        case .unwritten(let address):
            throw violation(.missingInput, unit: unit, entity: entity, tensor: tensor, memory: memory,
                            expected: wanted + " at [\(offset), \(offset + bytes))",
                            found: "nothing was ever written at address \(address): no producer or transfer delivered it")
        case .other(let token, let address) where !bufferWritten[buffer]:
            throw violation(.missingInput, unit: unit, entity: entity, tensor: tensor, memory: memory,
                            expected: wanted + " at [\(offset), \(offset + bytes))",
                            found: "no producer or transfer ever wrote it there; address \(address) holds \(tokenOwner(token))")
        case .other(let token, let address):
            throw violation(.staleInput, unit: unit, entity: entity, tensor: tensor, memory: memory,
                            expected: wanted + " at [\(offset), \(offset + bytes))",
                            found: "address \(address) holds \(tokenOwner(token)) instead")
        }
    }

    /// "the data of tensor X" for a token, for messages.
    func tokenOwner(_ token: UInt64) -> String {
        if let tensor = tables.expectedToken.firstIndex(of: token) { return "the data of \"\(tensorName(tensor))\"" }
        return "data of an unknown version"
    }
}
