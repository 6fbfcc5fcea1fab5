import HeteroIR

/// Converts ONNX attributes into IR attributes. Tensor-valued attributes are handled by the
/// importer for `Constant` and `ConstantOfShape`; graph-valued ones by the control-flow import.
enum ONNXAttributes {
    static func convert(_ attributes: [Onnx_AttributeProto]) -> [String: AttributeValue] {
        var result: [String: AttributeValue] = [:]
        for attribute in attributes {
            switch effectiveType(attribute) {
            case .int: result[attribute.name] = .int(Int(attribute.i))
            case .float: result[attribute.name] = .float(Double(attribute.f))
            case .string: result[attribute.name] = .string(String(decoding: attribute.s, as: UTF8.self))
            case .ints: result[attribute.name] = .ints(attribute.ints.map { Int($0) })
            case .floats: result[attribute.name] = .floats(attribute.floats.map(Double.init))
            case .strings: result[attribute.name] = .strings(attribute.strings.map { String(decoding: $0, as: UTF8.self) })
            default: break
            }
        }
        return result
    }

    /// The attribute's declared type; when unset (older exporters leave it so), the type of the
    /// value field it fills, or `.undefined` when it fills none (an empty list, say).
    static func effectiveType(_ attribute: Onnx_AttributeProto) -> Onnx_AttributeProto.AttributeType {
        if attribute.type != .undefined { return attribute.type }
        if attribute.hasI { return .int }
        if attribute.hasF { return .float }
        if attribute.hasS { return .string }
        if attribute.hasT { return .tensor }
        if attribute.hasG { return .graph }
        if !attribute.ints.isEmpty { return .ints }
        if !attribute.floats.isEmpty { return .floats }
        if !attribute.strings.isEmpty { return .strings }
        return .undefined
    }
}
