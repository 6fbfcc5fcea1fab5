/// The element type of a tensor, named as in ONNX.
public enum ElementType: String, Codable, Sendable, CaseIterable, Hashable {
    case float32, float16, bfloat16, float64
    case float8e4m3fn, float8e4m3fnuz, float8e5m2, float8e5m2fnuz, float8e8m0
    case float6e2m3, float6e3m2, float4e2m1
    case int2, uint2, int4, uint4, int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case complex64, complex128
    case bool, string

    /// Size of one element in bits (sub-byte types are packed).
    public var bits: Int {
        switch self {
        case .int2, .uint2: return 2
        case .int4, .uint4, .float4e2m1: return 4
        case .float6e2m3, .float6e3m2: return 6
        case .bool, .int8, .uint8, .float8e4m3fn, .float8e4m3fnuz, .float8e5m2, .float8e5m2fnuz, .float8e8m0: return 8
        case .float16, .bfloat16, .int16, .uint16: return 16
        case .float32, .int32, .uint32: return 32
        case .float64, .int64, .uint64, .complex64: return 64
        case .complex128: return 128
        case .string: return 64  // a pointer-sized handle; strings never reach an accelerator
        }
    }

    /// Bytes needed for `count` elements, rounding packed sub-byte types up, or nil when the
    /// result would exceed `SizeLimit.maximum`.
    public func checkedBytes(forElements count: Int) -> Int? {
        guard count >= 0, count <= SizeLimit.maximum else { return nil }
        let bytes = (count / 8) * bits + ((count % 8) * bits + 7) / 8
        return bytes <= SizeLimit.maximum ? bytes : nil
    }

    /// Bytes needed for `count` elements (callers check sizes from a model with `checkedBytes`
    /// first; past the limit this saturates rather than trapping).
    public func bytes(forElements count: Int) -> Int {
        checkedBytes(forElements: count) ?? Int.max
    }
}
