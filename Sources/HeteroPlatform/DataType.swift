/// A numeric data type a unit computes in or an operator accepts, spelt as the graph IR's
/// `ElementType` (ONNX names), so a tensor's element type maps to it by raw value.
public enum DataType: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case int4, uint4, int8, uint8, int16, uint16, int32, uint32, int64, uint64
    case float16, bfloat16, float32, float64
    case bool

    /// Orders data types as declared: narrow integers first, then floating point.
    public static func < (lhs: DataType, rhs: DataType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Common spellings from other tools, used only to suggest the right name in an error.
    static let informalNames: [String: DataType] = [
        "fp16": .float16, "half": .float16, "f16": .float16,
        "bf16": .bfloat16,
        "fp32": .float32, "float": .float32, "single": .float32, "f32": .float32,
        "fp64": .float64, "double": .float64, "f64": .float64,
        "i8": .int8, "u8": .uint8, "i16": .int16, "u16": .uint16, "i32": .int32, "u32": .uint32,
        "i4": .int4, "u4": .uint4, "boolean": .bool,
    ]
}
