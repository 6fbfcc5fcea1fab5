import HeteroIR
import HeteroSupport

/// Reads the tensor-level JSON graph (`hetero-plan/graph@1`) for users without ONNX:
///
/// ```json
/// {"format": "hetero-plan/graph@1", "name": "tiny",
///  "inputs":    [{"name": "x", "shape": [1, 3, 32, 32], "type": "float32"}],
///  "constants": [{"name": "w", "shape": [8, 3, 3, 3]}],
///  "operators": [{"name": "conv", "type": "Conv", "inputs": ["x", "w"], "outputs": ["y"],
///                 "attributes": {"pads": [1, 1, 1, 1]}, "output_shapes": [[1, 8, 32, 32]]}],
///  "outputs": ["y"]}
/// ```
/// Output shapes are inferred; `output_shapes`, when given, must agree with inference, and they
/// make an operator type without a shape rule acceptable.
struct TensorGraphReader {
    let file: String
    let inputShapes: [String: [Int]]

    func read(_ document: JSONValue) throws(ImportError) -> Graph {
        let problems = ProblemCollector()
        guard let root = JSONObjectReader.make(document, at: .root, problems: problems) else {
            throw invalid(problems)
        }
        _ = root.string("format")
        _ = root.value("$schema", required: false)
        let name = root.string("name", required: false) ?? "graph"
        var tensors: [String: Tensor] = [:]
        var order: [String] = []
        var inputNames: [String] = []
        func define(_ tensor: Tensor, at path: JSONPath) {
            if tensors[tensor.name] != nil {
                problems.report(path.appending("name"), "tensor \"\(tensor.name)\" is defined more than once")
                return
            }
            tensors[tensor.name] = tensor
            order.append(tensor.name)
        }
        for (value, path) in root.array("inputs") ?? [] {
            if let tensor = readTensor(value, at: path, kind: .input, problems: problems) {
                var input = tensor
                if let override = inputShapes[tensor.name] {
                    do { try SizeLimit.check(tensor: tensor.name, shape: override, elementType: tensor.elementType) } catch {
                        problems.report(path, error.description)
                        continue
                    }
                    input = Tensor(name: tensor.name, shape: override, elementType: tensor.elementType, kind: .input)
                }
                define(input, at: path)
                inputNames.append(tensor.name)
            }
        }
        for name in inputShapes.keys.sorted() where !inputNames.contains(name) {
            problems.report(JSONPath.root.appending("inputs"), "--input-shape names \"\(name)\", which is not a graph input")
        }
        for (value, path) in root.array("constants", required: false) ?? [] {
            if let tensor = readTensor(value, at: path, kind: .constant, problems: problems) { define(tensor, at: path) }
        }
        let outputs = root.strings("outputs") ?? []
        let operatorList = root.array("operators") ?? []
        root.rejectUnknownKeys()
        guard problems.isEmpty else { throw invalid(problems) }

        // Operators must be listed in dependency order, as in ONNX.
        var operators: [Operator] = []
        for (value, path) in operatorList {
            guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { continue }
            let opName = reader.name("name")
            let type = reader.name("type")
            let inputs = reader.strings("inputs") ?? []
            let outputNames = reader.strings("outputs") ?? []
            let attributes = readAttributes(reader.object("attributes", required: false), problems: problems)
            var declaredShapes: [[Int]]?
            if let shapeList = reader.array("output_shapes", required: false) {
                declaredShapes = shapeList.compactMap { readShape($0.value, at: $0.path, problems: problems) }
            }
            reader.rejectUnknownKeys()
            guard let opName, let type, problems.isEmpty else { continue }
            var op = Operator(name: opName, type: type, attributes: attributes, inputs: inputs, outputs: outputNames)
            var inputTensors: [Tensor?] = []
            for (position, input) in inputs.enumerated() {
                if input.isEmpty { inputTensors.append(nil); continue }
                guard let tensor = tensors[input] else {
                    problems.report(path.appending("inputs").appending(position),
                                    "tensor \"\(input)\" is not an input, a constant or the output of an earlier operator")
                    continue
                }
                inputTensors.append(tensor)
            }
            guard problems.isEmpty else { continue }
            var shapes: [InferredTensor]
            do {
                shapes = try ShapeInference.infer(op, inputs: inputTensors)
            } catch {
                guard case .unsupportedOperator = error, let declaredShapes else {
                    problems.report(path, error.description)
                    continue
                }
                let type = inputTensors.compactMap { $0 }.first?.elementType ?? .float32
                shapes = declaredShapes.map { InferredTensor(shape: $0, elementType: type) }
            }
            if let declaredShapes, declaredShapes != shapes.prefix(declaredShapes.count).map(\.shape) {
                problems.report(path.appending("output_shapes"),
                                "declared \(declaredShapes) but \(type) gives \(shapes.map(\.shape))")
                continue
            }
            guard shapes.count >= outputNames.count else {
                problems.report(path.appending("outputs"), "\(type) produces \(shapes.count) outputs, \(outputNames.count) listed")
                continue
            }
            var outputTensors: [Tensor] = []
            for (position, output) in outputNames.enumerated() where !output.isEmpty {
                let tensor = Tensor(name: output, shape: shapes[position].shape, elementType: shapes[position].elementType,
                                    kind: .activation, intValues: shapes[position].intValues)
                define(tensor, at: path.appending("outputs").appending(position))
                outputTensors.append(tensor)
            }
            do { op.work = try WorkFigures.work(of: op, inputs: inputTensors, outputs: outputTensors) } catch {
                problems.report(path, error.description)
                continue
            }
            operators.append(op)
        }
        guard problems.isEmpty else { throw invalid(problems) }
        do {
            return try Graph(name: name, tensors: order.map { tensors[$0]! }, operators: operators, inputs: inputNames, outputs: outputs)
        } catch {
            throw .graph(file: file, error)
        }
    }

    private func invalid(_ problems: ProblemCollector) -> ImportError {
        .document(.invalid(file: file, what: "graph", problems: problems.problems))
    }

    private func readTensor(_ value: JSONValue, at path: JSONPath, kind: TensorKind, problems: ProblemCollector) -> Tensor? {
        guard let reader = JSONObjectReader.make(value, at: path, problems: problems) else { return nil }
        let name = reader.name("name")
        let shape = reader.value("shape").flatMap { readShape($0, at: path.appending("shape"), problems: problems) }
        var type = ElementType.float32
        if let typeName = reader.string("type", required: false) {
            if let parsed = ElementType(rawValue: typeName) {
                type = parsed
            } else {
                problems.report(path.appending("type"), "unknown element type \"\(typeName)\" (expected one of: \(ElementType.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        var values: [Int]?
        if let list = reader.array("values", required: false) {
            values = list.compactMap { element -> Int? in
                guard let number = JSONObjectReader.number(element.value, at: element.path, .any, problems: problems) else { return nil }
                guard number == number.rounded(), abs(number) < 9e15 else {
                    problems.report(element.path, "expected a whole number of magnitude below 9e15, found \(number)")
                    return nil
                }
                return Int(number)
            }
        }
        reader.rejectUnknownKeys()
        guard let name, let shape else { return nil }
        do { try SizeLimit.check(tensor: name, shape: shape, elementType: type) } catch {
            problems.report(path.appending("shape"), error.description)
            return nil
        }
        if let values, values.count != SizeLimit.product(shape) {
            problems.report(path.appending("values"), "has \(values.count) values but the shape needs \(SizeLimit.product(shape) ?? 0)")
        }
        return Tensor(name: name, shape: shape, elementType: type, kind: kind, intValues: values)
    }

    private func readShape(_ value: JSONValue, at path: JSONPath, problems: ProblemCollector) -> [Int]? {
        guard case .array(let elements) = value else {
            problems.report(path, "expected an array of dimensions, found \(value.kindName)")
            return nil
        }
        var shape: [Int] = []
        for (index, element) in elements.enumerated() {
            guard case .number(let number) = element, number == number.rounded(), number >= 0, number < 1e12 else {
                problems.report(path.appending(index), "expected a non-negative whole number, found \(element.kindName == "a number" ? "\(element)" : element.kindName)")
                return nil
            }
            shape.append(Int(number))
        }
        return shape
    }

    private func readAttributes(_ reader: JSONObjectReader?, problems: ProblemCollector) -> [String: AttributeValue] {
        guard let reader else { return [:] }
        var attributes: [String: AttributeValue] = [:]
        for key in reader.keys {
            let path = reader.path.appending(key)
            switch reader.value(key) {
            case .number(let number)?:
                attributes[key] = number == number.rounded() && abs(number) < 9e15 ? .int(Int(number)) : .float(number)
            case .string(let text)?:
                attributes[key] = .string(text)
            case .array(let elements)?:
                let numbers = elements.compactMap { element -> Double? in if case .number(let n) = element { return n } else { return nil } }
                let strings = elements.compactMap { element -> String? in if case .string(let s) = element { return s } else { return nil } }
                if numbers.count == elements.count {
                    // Whole numbers within ±9e15 (exact in a Double, never past Int's range) are integers.
                    attributes[key] = numbers.allSatisfy { $0 == $0.rounded() && abs($0) < 9e15 } ? .ints(numbers.map { Int($0) })
                        : .floats(numbers)
                } else if strings.count == elements.count {
                    attributes[key] = .strings(strings)
                } else {
                    problems.report(path, "expected an array of numbers or of strings")
                }
            case let other?:
                problems.report(path, "expected a number, a string or an array, found \(other.kindName)")
            case nil:
                break
            }
        }
        return attributes
    }
}
