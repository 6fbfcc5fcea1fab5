import Foundation
import HeteroSupport

extension PlatformDecoder {
    /// A unit's `operators`: operator type (or `"*"`) -> support entry.
    func decodeOperators(_ map: JSONObjectReader) -> [String: OperatorSupport] {
        if map.keys.isEmpty {
            problems.report(map.path, "must list at least one operator type (\"*\" for all)")
        }
        var result: [String: OperatorSupport] = [:]
        for type in map.keys {
            let path = map.path.appending(type)
            let value = map.value(type)!
            if type.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.report(path, "an operator type must not be empty")
                continue
            }
            if type == "source" {
                problems.report(path, misplacedSourceMessage(field: "operators"))
                continue
            }
            guard let entry = JSONObjectReader.make(value, at: path, problems: problems) else { continue }
            result[type] = decodeOperatorSupport(entry, operatorType: type)
        }
        return result
    }

    private func decodeOperatorSupport(_ reader: JSONObjectReader, operatorType: String) -> OperatorSupport {
        let efficiency = quantity(reader, "efficiency", .efficiency, required: false)
        let types = dataTypes(reader, "data_types")
        let limits = OperatorLimits(
            maxKernel: wholeQuantity(reader, "max_kernel", .operatorLimit, required: false),
            maxStride: wholeQuantity(reader, "max_stride", .operatorLimit, required: false),
            maxDilation: wholeQuantity(reader, "max_dilation", .operatorLimit, required: false),
            maxChannels: wholeQuantity(reader, "max_channels", .operatorLimit, required: false))
        let inPlace = reader.bool("in_place", required: false) ?? false
        if inPlace, !OperatorSupport.inPlaceTypes.contains(operatorType) {
            problems.report(reader.path.appending("in_place"),
                            "only \(OperatorSupport.inPlaceTypes.sorted().joined(separator: ", ")) can be performed in place (by addressing), not \(operatorType)")
        }
        let streamsInput = reader.bool("streams_input", required: false) ?? false
        let programBytes = wholeQuantity(reader, "program_bytes", .programBytes, required: false)
        let source = sourceNotes(of: reader)
        reader.rejectUnknownKeys()
        return OperatorSupport(operatorType: operatorType, efficiency: efficiency ?? 1, dataTypes: types,
                               limits: limits, inPlace: inPlace, streamsInput: streamsInput, programBytes: programBytes, source: source)
    }

    /// A unit's optional `fusion` list, with the paths the semantic checks need.
    func decodeFusionPatterns(_ unit: JSONObjectReader)
        -> [(pattern: FusionPattern, path: JSONPath, operatorPaths: [JSONPath])] {
        guard let elements = unit.array("fusion", required: false) else { return [] }
        var result: [(pattern: FusionPattern, path: JSONPath, operatorPaths: [JSONPath])] = []
        for element in elements {
            var efficiency: Double?
            var pipelined = false
            var source: SourceNotes?
            let operators: [(value: JSONValue, path: JSONPath)]
            let listPath: JSONPath
            switch element.value {
            case .array(let values):
                operators = values.enumerated().map { ($0.element, element.path.appending($0.offset)) }
                listPath = element.path
            case .object:
                guard let reader = JSONObjectReader.make(element.value, at: element.path, problems: problems) else { continue }
                let list = reader.array("operators")
                efficiency = quantity(reader, "efficiency", .efficiency, required: false)
                pipelined = reader.bool("pipelined", required: false) ?? false
                source = sourceNotes(of: reader)
                reader.rejectUnknownKeys()
                guard let list else { continue }
                operators = list
                listPath = element.path.appending("operators")
            default:
                problems.report(element.path, "expected an array of operator types or an object with \"operators\", found \(element.value.kindName)")
                continue
            }
            var names: [String] = []
            var paths: [JSONPath] = []
            for (value, path) in operators {
                guard case .string(let name) = value else {
                    problems.report(path, "expected an operator type, found \(value.kindName)")
                    continue
                }
                if name == OperatorSupport.wildcard || name.trimmingCharacters(in: .whitespaces).isEmpty {
                    problems.report(path, "expected an operator type, found \"\(name)\"")
                    continue
                }
                names.append(name)
                paths.append(path)
            }
            if operators.count < 2 {
                problems.report(listPath, "a fusion pattern needs at least two operators, found \(operators.count)")
            }
            result.append((FusionPattern(operators: names, efficiency: efficiency, pipelined: pipelined, source: source), element.path, paths))
        }
        return result
    }
}
