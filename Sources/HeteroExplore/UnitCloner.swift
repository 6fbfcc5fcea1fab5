import HeteroSupport
import OrderedCollections

/// Copies a processing unit inside a platform document: the unit keeps its shared memory; its
/// local memory, if any, is copied too (each DSP has its own TCM), with copies of every link that
/// touches it; memories attached to the unit are attached to the copies as well.
/// Copies are named `<unit>2`, `<unit>3`, ... (`<memory>2`, ... for local memories).
enum UnitCloner {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The most copies of one unit a sweep may ask for (the platform's own unit limit applies
    /// to the result as well).
    static let maximumCount = 64

    /// Whether `count` is a whole number from 1 to `maximumCount`.
    static func isValidCount(_ count: Double) -> Bool {
        count == count.rounded() && count >= 1 && count <= Double(maximumCount)
    }

    /// Adds copies of `unit` until the document has `count` of it (1 = unchanged).
    static func clone(unit name: String, toCount count: Int, in document: inout JSONValue,
                      origins: inout [String: String]) throws(Failure) {
        guard count >= 1, count <= maximumCount else {
            throw Failure(description: "a unit count must be a whole number from 1 to \(maximumCount), found \(count)")
        }
        guard count > 1 else { return }
        guard case .object(var root) = document, case .array(var units)? = root["units"],
              case .array(var memories)? = root["memories"] else {
            throw Failure(description: "the platform has no units or memories list")
        }
        var links: [JSONValue] = []
        if case .array(let existing)? = root["links"] { links = existing }
        guard let original = units.first(where: { $0["name"] == .string(name) }), case .object(let unitObject) = original else {
            throw Failure(description: "no unit named \"\(name)\"")
        }
        var localMemory: String?
        if case .string(let local)? = unitObject["local_memory"] { localMemory = local }
        let taken = Set(units.compactMap { $0.nameString } + memories.compactMap { $0.nameString })

        for copy in 2...count {
            let copyName = freshName("\(name)\(copy)", taken: taken)
            var copyObject = unitObject
            copyObject["name"] = .string(copyName)
            origins[copyName] = name
            if let localMemory,
               let memory = memories.first(where: { $0["name"] == .string(localMemory) }), case .object(var memoryObject) = memory {
                let memoryName = freshName("\(localMemory)\(copy)", taken: taken)
                memoryObject["name"] = .string(memoryName)
                memoryObject["attached"] = nil
                memories.append(.object(memoryObject))
                origins[memoryName] = localMemory
                copyObject["local_memory"] = .string(memoryName)
                for link in links {
                    guard case .object(var linkObject) = link else { continue }
                    var touches = false
                    for end in ["from", "to"] where linkObject[end] == .string(localMemory) {
                        linkObject[end] = .string(memoryName)
                        touches = true
                    }
                    if touches { links.append(.object(linkObject)) }
                }
            }
            units.append(.object(copyObject))
            memories = memories.map { memory in
                guard case .object(var object) = memory, case .array(var attached)? = object["attached"],
                      attached.contains(.string(name)) else { return memory }
                attached.append(.string(copyName))
                object["attached"] = .array(attached)
                return .object(object)
            }
        }
        root["units"] = .array(units)
        root["memories"] = .array(memories)
        if !links.isEmpty { root["links"] = .array(links) }
        document = .object(root)
    }

    private static func freshName(_ wanted: String, taken: Set<String>) -> String {
        var candidate = wanted
        while taken.contains(candidate) { candidate += "_copy" }
        return candidate
    }
}

extension JSONValue {
    /// The `"name"` member when it is a string.
    var nameString: String? {
        if case .string(let name)? = self["name"] { return name }
        return nil
    }
}
