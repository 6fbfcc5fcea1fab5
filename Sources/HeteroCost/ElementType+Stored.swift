import HeteroIR
import HeteroPlatform

extension ElementType {
    /// The factor from a tensor's bytes in this type to the bytes it takes when a unit whose
    /// compute type is `computeBits` wide produces, keeps or streams it — the one rule the cost
    /// model, the memory planner and the simulator use.
    ///
    /// A floating-point tensor is held in the unit's compute type: an INT8 NVDLA keeps an fp32
    /// activation in a quarter of its bytes, an FP16 NPU in half, as their compilers convert the
    /// network. An integer tensor keeps its type: a quantized activation or weight is already
    /// what an integer kernel reads (a float16 DSP converts int8 operands as it loads them), and
    /// indices and shapes are not converted, nor are complex tensors. 1 without a compute type.
    public func storedScale(computeBits: Int?) -> Double {
        guard let computeBits, isFloatingPoint, self != .complex64, self != .complex128, bits > 0 else { return 1 }
        return Double(computeBits) / Double(bits)
    }
}

extension ProcessingUnit {
    /// The width of the unit's compute type in bits (nil: it computes in the tensors' own types).
    public var computeBits: Int? {
        computeType.flatMap { ElementType(rawValue: $0.rawValue)?.bits }
    }
}
