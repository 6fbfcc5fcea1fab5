/// A parsed `Einsum` equation (`"bij,bjk->bik"`, `"...ii->...i"`, implicit `"ij,jk"`) bound to
/// operand shapes: the size of every index letter, the broadcast shape of the ellipsis, and the
/// output shape.
public struct EinsumEquation: Sendable {
    public struct Problem: Error, Sendable {
        public let message: String
    }

    public let indexSizes: [Character: Int]
    public let ellipsisShape: [Int]
    public let outputShape: [Int]

    public init(_ equation: String, shapes: [[Int]]) throws(Problem) {
        let text = equation.filter { $0 != " " }
        let sides = text.components(separatedBy: "->")
        guard sides.count <= 2 else { throw Problem(message: "equation \"\(equation)\" has more than one ->") }
        let terms = sides[0].components(separatedBy: ",")
        guard terms.count == shapes.count else {
            throw Problem(message: "equation \"\(equation)\" has \(terms.count) operands, the node \(shapes.count) inputs")
        }
        var sizes: [Character: Int] = [:]
        var counts: [Character: Int] = [:]
        var ellipsis: [Int] = []
        for (term, shape) in zip(terms, shapes) {
            let parts = term.components(separatedBy: "...")
            guard parts.count <= 2 else { throw Problem(message: "operand \"\(term)\" has more than one ellipsis") }
            let letters = Array(parts.joined())
            guard letters.allSatisfy(\.isLetter) else { throw Problem(message: "operand \"\(term)\" has a character that is not a letter") }
            let ellipsisRank = shape.count - letters.count
            guard ellipsisRank >= 0, parts.count == 2 || ellipsisRank == 0 else {
                throw Problem(message: "operand \"\(term)\" does not match an input of rank \(shape.count)")
            }
            let head = Array(parts[0])
            var dims = Array(shape[..<head.count])
            if parts.count == 2 {
                let middle = Array(shape[head.count..<(head.count + ellipsisRank)])
                ellipsis = try Self.broadcast(ellipsis, middle)
                dims += Array(shape[(head.count + ellipsisRank)...])
            }
            for (letter, size) in zip(letters, dims) {
                counts[letter, default: 0] += 1
                if let known = sizes[letter], known != size {
                    if known == 1 { sizes[letter] = size } else if size != 1 {
                        throw Problem(message: "index \(letter) has sizes \(known) and \(size)")
                    }
                } else if sizes[letter] == nil {
                    sizes[letter] = size
                }
            }
        }
        var output: [Int] = []
        if sides.count == 2 {
            let parts = sides[1].components(separatedBy: "...")
            for (position, part) in parts.enumerated() {
                if position == 1 { output += ellipsis }
                for letter in part {
                    guard let size = sizes[letter] else { throw Problem(message: "output index \(letter) is not an input index") }
                    output.append(size)
                }
            }
        } else {
            output = ellipsis + counts.filter { $0.value == 1 }.keys.sorted().map { sizes[$0]! }
        }
        indexSizes = sizes
        ellipsisShape = ellipsis
        outputShape = output
    }

    private static func broadcast(_ a: [Int], _ b: [Int]) throws(Problem) -> [Int] {
        let rank = max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var result: [Int] = []
        for (x, y) in zip(pa, pb) {
            guard x == y || x == 1 || y == 1 else { throw Problem(message: "ellipsis dimensions \(a) and \(b) cannot be broadcast") }
            result.append(x == 1 ? y : x)
        }
        return result
    }
}
