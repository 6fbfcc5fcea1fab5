import HeteroIR

/// Converts ONNX attributes into IR attributes. Tensor-valued attributes are handled by the
/// importer for `Constant` and `ConstantOfShape`; graph-valued ones (If, Loop) are not supported.
enum ONNXAttributes {
    static func convert(_ attributes: [Onnx_AttributeProto]) -> [String: AttributeValue] {
        var result: [String: AttributeValue] = [:]
        for attribute in attributes {
            switch attribute.type {
            case .int: result[attribute.name] = .int(Int(attribute.i))
            case .float: result[attribute.name] = .float(Double(attribute.f))
            case .string: result[attribute.name] = .string(String(decoding: attribute.s, as: UTF8.self))
            case .ints: result[attribute.name] = .ints(attribute.ints.map { Int($0) })
            case .floats: result[attribute.name] = .floats(attribute.floats.map(Double.init))
            case .strings: result[attribute.name] = .strings(attribute.strings.map { String(decoding: $0, as: UTF8.self) })
            default:
                // Older exporters leave `type` unset; infer it from which field is filled.
                if attribute.hasI { result[attribute.name] = .int(Int(attribute.i)) }
                else if attribute.hasF { result[attribute.name] = .float(Double(attribute.f)) }
                else if attribute.hasS { result[attribute.name] = .string(String(decoding: attribute.s, as: UTF8.self)) }
                else if !attribute.ints.isEmpty { result[attribute.name] = .ints(attribute.ints.map { Int($0) }) }
                else if !attribute.floats.isEmpty { result[attribute.name] = .floats(attribute.floats.map(Double.init)) }
            }
        }
        return result
    }
}
