/// How an operator's time and energy on a unit depend on where its activations live.
///
/// The analytic model's time is `overhead + max(compute, memory)`. On a unit with a resident
/// memory (CMX, VTCM, NVDLA's SRAM) each activation operand either lives in the resident memory,
/// read or written at that memory's bandwidth, or in the unit's memory (DRAM), streamed over the
/// unit's DMA path like its weights. The two paths run concurrently (the DMA engines fill the
/// weight buffer while the datapath reads the on-chip operands), so
/// `time = overhead + max(compute, streamed / stream bandwidth, resident / resident bandwidth)`,
/// each memory term with its latency once when it moves anything. With no operand resident the
/// time and energy are the cost table's (`baseUS`, `basePJ`) exactly.
///
/// Weights always take the stream path unless the plan prefetched them into the resident memory
/// (`weights`, a `prefetch` copy made during the previous operator): a prefetched weight is then
/// read there, like a resident activation, and its bytes leave the stream path's fixed bytes.
///
/// A fused chain has one such cost for its external operands; each member carries it with its
/// `share` of the chain's time.
public struct ResidencyCost: Sendable, Hashable {
    /// An activation the operator reads or writes: a tensor index and its bytes in the unit's
    /// data type.
    public struct Operand: Sendable, Hashable {
        public var tensor: Int
        public var bytes: Double
    }

    /// The unit's per-operation overhead (command path), during which nothing streams.
    public var overheadUS: Double
    public var computeUS: Double
    /// Bytes that take the stream path whatever the activations' residency: weights and tiling
    /// re-reads.
    public var fixedBytes: Double
    public var operands: [Operand]
    /// The weights (constant inputs) among `fixedBytes`, in the unit's data type: read in the
    /// resident memory instead when `isResident` says the plan prefetched them there.
    public var weights: [Operand] = []
    /// On a unit with a `weight_memory`: the time its weights take to stream from there,
    /// concurrently with everything else (the weights are then none of `fixedBytes` and never
    /// prefetched); 0 otherwise.
    public var weightStreamUS: Double = 0
    public var streamBytesPerUS: Double
    public var streamLatencyUS: Double
    public var residentBytesPerUS: Double
    public var residentLatencyUS: Double
    /// Energy per byte over the stream path and in the resident memory.
    public var streamPJPerByte: Double
    public var residentPJPerByte: Double
    /// The fraction of the chain's time this member accounts for (1 when not fused).
    public var share: Double = 1
    /// Time and energy with no operand resident: the cost table's figures.
    public var baseUS: Double
    public var basePJ: Double

    /// This member's time and bytes over the stream path in one pass over the operands; nil when
    /// no operand is resident (the cost table's figures then apply unchanged).
    @inlinable @inline(__always)
    public func phase(isResident: (Int) -> Bool) -> (timeUS: Double, streamedBytes: Double)? {
        var streamed = fixedBytes
        var resident = 0.0
        for operand in operands {
            if isResident(operand.tensor) { resident += operand.bytes } else { streamed += operand.bytes }
        }
        for weight in weights where isResident(weight.tensor) {
            let moved = min(weight.bytes, max(0, streamed))
            resident += moved
            streamed -= moved
        }
        guard resident > 0 else { return nil }
        let stream = streamUS(streamed)
        let local = residentLatencyUS + resident / residentBytesPerUS
        return (share * (overheadUS + max(computeUS, stream, local, weightStreamUS)), share * streamed)
    }

    /// Time to move `bytes` over the stream path (its latency once, when it moves anything).
    @inlinable @inline(__always)
    public func streamUS(_ bytes: Double) -> Double {
        bytes > 0 ? streamLatencyUS + bytes / streamBytesPerUS : 0
    }

    /// This member's time (its share of the chain's, when fused).
    @inlinable
    public func timeUS(isResident: (Int) -> Bool) -> Double {
        phase(isResident: isResident)?.timeUS ?? baseUS
    }

    /// This member's energy: the cost table's, less what each resident operand saves by moving
    /// at the resident memory's energy per byte instead of the stream path's (its share, when fused).
    @inlinable
    public func energyPJ(isResident: (Int) -> Bool) -> Double {
        var saved = 0.0
        for operand in operands where isResident(operand.tensor) { saved += operand.bytes * (streamPJPerByte - residentPJPerByte) }
        var fixed = fixedBytes
        for weight in weights where isResident(weight.tensor) {
            let moved = min(weight.bytes, max(0, fixed))
            fixed -= moved
            saved += moved * (streamPJPerByte - residentPJPerByte)
        }
        return basePJ - share * saved
    }
}
