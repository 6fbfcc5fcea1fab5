/// An operator attribute, as in ONNX (tensor and graph attributes are not needed by any rule here).
public enum AttributeValue: Codable, Sendable, Hashable {
    case int(Int)
    case float(Double)
    case string(String)
    case ints([Int])
    case floats([Double])
    case strings([String])

    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    public var floatValue: Double? {
        switch self {
        case .float(let value): return value
        case .int(let value): return Double(value)
        default: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intsValue: [Int]? {
        switch self {
        case .ints(let values): return values
        case .int(let value): return [value]
        default: return nil
        }
    }

    public var floatsValue: [Double]? {
        switch self {
        case .floats(let values): return values
        case .ints(let values): return values.map(Double.init)
        default: return nil
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) { self = .int(value); return }
        if let value = try? container.decode(Double.self) { self = .float(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let values = try? container.decode([Int].self) { self = .ints(values); return }
        if let values = try? container.decode([Double].self) { self = .floats(values); return }
        if let values = try? container.decode([String].self) { self = .strings(values); return }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a number, string or array of them")
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .float(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .ints(let values): try container.encode(values)
        case .floats(let values): try container.encode(values)
        case .strings(let values): try container.encode(values)
        }
    }
}
