extension ElementType {
    /// Maps ONNX `TensorProto.DataType` codes to element types.
    public init?(onnxCode code: Int) {
        let types: [Int: ElementType] = [
            1: .float32, 2: .uint8, 3: .int8, 4: .uint16, 5: .int16, 6: .int32, 7: .int64, 8: .string, 9: .bool,
            10: .float16, 11: .float64, 12: .uint32, 13: .uint64, 14: .complex64, 15: .complex128, 16: .bfloat16,
            17: .float8e4m3fn, 18: .float8e4m3fnuz, 19: .float8e5m2, 20: .float8e5m2fnuz, 21: .uint4, 22: .int4,
            23: .float4e2m1, 24: .float8e8m0, 25: .uint2, 26: .int2, 27: .float6e2m3, 28: .float6e3m2,
        ]
        guard let type = types[code] else { return nil }
        self = type
    }

    /// The ONNX `TensorProto.DataType` code (the inverse of `init(onnxCode:)`).
    public var onnxCode: Int {
        switch self {
        case .float32: 1
        case .uint8: 2
        case .int8: 3
        case .uint16: 4
        case .int16: 5
        case .int32: 6
        case .int64: 7
        case .string: 8
        case .bool: 9
        case .float16: 10
        case .float64: 11
        case .uint32: 12
        case .uint64: 13
        case .complex64: 14
        case .complex128: 15
        case .bfloat16: 16
        case .float8e4m3fn: 17
        case .float8e4m3fnuz: 18
        case .float8e5m2: 19
        case .float8e5m2fnuz: 20
        case .uint4: 21
        case .int4: 22
        case .float4e2m1: 23
        case .float8e8m0: 24
        case .uint2: 25
        case .int2: 26
        case .float6e2m3: 27
        case .float6e3m2: 28
        }
    }

    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float16, .bfloat16, .float64, .float8e4m3fn, .float8e4m3fnuz, .float8e5m2, .float8e5m2fnuz,
             .float8e8m0, .float6e2m3, .float6e3m2, .float4e2m1, .complex64, .complex128:
            return true
        default:
            return false
        }
    }
}
