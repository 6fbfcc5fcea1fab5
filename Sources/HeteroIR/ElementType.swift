/// The element type of a tensor, named as in ONNX.
public enum ElementType: String, Codable, Sendable, CaseIterable, Hashable {
    case float32, float16, bfloat16, float64
    case int4, uint4, int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case bool, string

    /// Size of one element in bits (4-bit types pack two per byte).
    public var bits: Int {
        switch self {
        case .int4, .uint4: return 4
        case .bool, .int8, .uint8: return 8
        case .float16, .bfloat16, .int16, .uint16: return 16
        case .float32, .int32, .uint32: return 32
        case .float64, .int64, .uint64: return 64
        case .string: return 64  // a pointer-sized handle; strings never reach an accelerator
        }
    }

    /// Bytes needed for `count` elements, rounding packed sub-byte types up.
    public func bytes(forElements count: Int) -> Int {
        (count * bits + 7) / 8
    }
}
