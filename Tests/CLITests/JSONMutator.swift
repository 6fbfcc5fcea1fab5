import Foundation
import HeteroPlan

/// Seeded structural mutations of a JSON document (as parsed by `JSONSerialization`): extreme
/// and denormal numbers, wrong types, deleted or unknown keys, emptied, shortened or repeated
/// arrays, and names swapped for other names of the same document. Used by `MutationTests`;
/// the same seed gives the same mutations on every machine.
struct JSONMutator {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// Numbers that broke or nearly broke the readers: denormals, overflowing integers, zero,
    /// negatives, huge and tiny magnitudes.
    static var extremeNumbers: [Any] { [
        0, -1, 1e-308, Double.leastNonzeroMagnitude, 1e308, 1e300, 1e20, 1e10, 1e7, 1e-9, 0.5, 1.5, 2.5, 64, 65, 257, 2_001,
        NSNumber(value: Int64(1) << 62), NSNumber(value: Int64.max), NSNumber(value: Int64(1) << 40),
        NSNumber(value: Int64(1) << 31), -1e308,
    ] }
    static var otherValues: [Any] { ["", "x", String(repeating: "é", count: 300), true, NSNull(), [Any](), [String: Any]()] }

    /// Applies 1 to 3 mutations; returns the document and what was done. With `numbersOnly`,
    /// only numbers change (to extreme values or by powers of ten), so that many mutants stay
    /// structurally valid and reach the range checks and the planner.
    mutating func mutate(_ document: Any, numbersOnly: Bool = false) -> (document: Any, description: [String]) {
        var result = document
        var done: [String] = []
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            var paths = Self.paths(in: result)
            if numbersOnly {
                paths = paths.filter { Self.value(at: $0, in: result) is NSNumber && !(Self.value(at: $0, in: result) is Bool) }
            }
            guard let path = paths.randomElement(using: &generator) else { break }
            let node = Self.value(at: path, in: result)
            let names = Self.strings(in: result)
            var replacement: Any?
            var what = ""
            switch (node, numbersOnly ? Int.random(in: 4..<7, using: &generator) : Int.random(in: 0..<10, using: &generator)) {
            case (is NSNumber, 0..<5):
                replacement = Self.extremeNumbers.randomElement(using: &generator)!
                what = "number -> \(replacement!)"
            case (let number as NSNumber, 5..<7):
                let powers = numbersOnly ? -3...3 : -12...12
                var scaled = number.doubleValue * pow(10, Double(Int.random(in: powers, using: &generator)))
                if !scaled.isFinite { scaled = scaled < 0 ? -Double.greatestFiniteMagnitude : Double.greatestFiniteMagnitude }
                replacement = scaled
                what = "number × 10^k -> \(scaled)"
            case (is String, 0..<5) where !names.isEmpty:
                replacement = names.randomElement(using: &generator)!
                what = "string -> \(replacement!)"
            case (let array as [Any], 0..<3):
                replacement = [Any]()
                what = "emptied array of \(array.count)"
            case (let array as [Any], 3..<6) where !array.isEmpty:
                var copy = array
                copy.append(array.randomElement(using: &generator)!)
                replacement = copy
                what = "repeated an array element"
            case (let array as [Any], 6..<8) where !array.isEmpty:
                var copy = array
                copy.remove(at: Int.random(in: 0..<array.count, using: &generator))
                replacement = copy
                what = "removed an array element"
            case (let object as [String: Any], 0..<4) where !object.isEmpty:
                var copy = object
                let key = object.keys.sorted().randomElement(using: &generator)!
                copy[key] = nil
                replacement = copy
                what = "deleted key \(key)"
            case (let object as [String: Any], 4..<5):
                var copy = object
                copy["unexpected_key"] = 1
                replacement = copy
                what = "added an unknown key"
            default:
                replacement = Self.otherValues.randomElement(using: &generator)!
                what = "-> \(type(of: replacement!)) \(String(describing: replacement!).prefix(20))"
            }
            result = Self.replacing(path, in: result, with: replacement!)
            done.append("\(Self.render(path)): \(what)")
        }
        return (result, done)
    }

    enum Step { case key(String), index(Int) }

    /// Every node's path (the root included), in a stable order.
    static func paths(in value: Any, prefix: [Step] = []) -> [[Step]] {
        var result = [prefix]
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() { result += paths(in: object[key]!, prefix: prefix + [.key(key)]) }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() { result += paths(in: element, prefix: prefix + [.index(index)]) }
        }
        return result
    }

    /// Every distinct string value, sorted (names to swap in).
    static func strings(in value: Any) -> [String] {
        var found = Set<String>()
        func walk(_ value: Any) {
            if let text = value as? String { found.insert(text) }
            if let object = value as? [String: Any] { object.values.forEach(walk) }
            if let array = value as? [Any] { array.forEach(walk) }
        }
        walk(value)
        return found.sorted()
    }

    static func value(at path: [Step], in value: Any) -> Any {
        guard let first = path.first else { return value }
        switch first {
        case .key(let key): return Self.value(at: Array(path.dropFirst()), in: (value as! [String: Any])[key]!)
        case .index(let index): return Self.value(at: Array(path.dropFirst()), in: (value as! [Any])[index])
        }
    }

    static func replacing(_ path: [Step], in value: Any, with replacement: Any) -> Any {
        guard let first = path.first else { return replacement }
        switch first {
        case .key(let key):
            var object = value as! [String: Any]
            object[key] = replacing(Array(path.dropFirst()), in: object[key]!, with: replacement)
            return object
        case .index(let index):
            var array = value as! [Any]
            array[index] = replacing(Array(path.dropFirst()), in: array[index], with: replacement)
            return array
        }
    }

    static func render(_ path: [Step]) -> String {
        path.isEmpty ? "(top level)" : path.map { step -> String in
            switch step {
            case .key(let key): return "/\(key)"
            case .index(let index): return "/\(index)"
            }
        }.joined()
    }
}
