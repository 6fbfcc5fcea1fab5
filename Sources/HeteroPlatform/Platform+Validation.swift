import Foundation
import HeteroSupport

extension Platform {
    /// Checks a platform built or changed in code (a design-space sweep shrinking a memory, a
    /// test fixture) against every rule `load(path:)` applies, by encoding it in the file format
    /// and decoding the result; problems carry the JSON paths of that encoding, which keeps
    /// the order of units, memories and links.
    ///
    /// - Parameter file: names the platform in the error.
    /// - Returns: the platform itself when it is valid.
    /// - Throws: `InputError.invalid(file:what: "platform", problems:)`.
    public func validated(file: String = "(platform in memory)") throws(InputError) -> Platform {
        let data: Data
        do {
            data = try JSONEncoder().encode(self)
        } catch {
            // JSONEncoder refuses only non-finite numbers; no valid platform contains one.
            throw InputError.invalid(file: file, what: "platform", problems: [
                Problem(.root, "a number is not finite (\(error))"),
            ])
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse([UInt8](data))
        } catch {
            throw InputError.syntax(file: file, error)
        }
        return try Platform.decode(value, file: file)
    }
}
