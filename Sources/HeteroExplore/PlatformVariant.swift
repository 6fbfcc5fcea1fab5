import HeteroSupport
import OrderedCollections

/// The base platform with one point's axis values applied. Pointer axes are applied first, in axis
/// order, then cloning axes, so copies of a unit inherit the values set on the original.
public struct PlatformVariant: Sendable {
    /// The platform JSON of the variant (decode it with `Platform.decode`).
    public var document: JSONValue
    /// Copied unit or memory name -> the name it was copied from.
    public var origins: [String: String]

    /// Why a variant could not be built.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case pointer(axis: String, JSONPointer.Failure)
        case missingValue(axis: String)
        case clone(axis: String, String)

        public var description: String {
            switch self {
            case .pointer(let axis, let failure): return "axis \(axis): \(failure)"
            case .missingValue(let axis): return "axis \(axis): the point has no value for it"
            case .clone(let axis, let message): return "axis \(axis): \(message)"
            }
        }
    }

    public static func make(base: JSONValue, axes: [SweepAxis], parameters: OrderedDictionary<String, JSONValue>)
        throws(Failure) -> PlatformVariant {
        var document = base
        var origins: [String: String] = [:]
        for axis in axes {
            guard let value = parameters[axis.name] else { throw .missingValue(axis: axis.name) }
            guard case .pointers(let pointers, let scale) = axis.target else { continue }
            var written = value
            if scale != 1, case .number(let number) = value { written = .number(number * scale) }
            for pointer in pointers {
                do {
                    try pointer.replace(in: &document, with: written)
                } catch {
                    throw .pointer(axis: axis.name, error)
                }
            }
        }
        for axis in axes {
            guard case .cloneUnit(let unit) = axis.target, case .number(let count)? = parameters[axis.name] else { continue }
            guard UnitCloner.isValidCount(count) else {
                throw .clone(axis: axis.name, "a unit count must be a whole number from 1 to \(UnitCloner.maximumCount), found \(format(count))")
            }
            do {
                try UnitCloner.clone(unit: unit, toCount: Int(count), in: &document, origins: &origins)
            } catch {
                throw .clone(axis: axis.name, error.description)
            }
        }
        return PlatformVariant(document: document, origins: origins)
    }
}
