import Foundation
import HeteroSupport
import OrderedCollections

/// The result of one point: one line of `results.jsonl`.
///
/// Everything except `elapsedSeconds` depends only on the point's inputs (the planner is
/// deterministic), so a resumed or sharded sweep yields equal records; compare them with
/// `withoutTimings`.
public struct PointRecord: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case ok, failed
    }

    public var id: String
    public var model: String
    public var strategy: String
    public var objective: String
    public var parameters: JSONValue
    public var status: Status
    /// Why the point failed (nil when it succeeded).
    public var error: String?
    /// Metric name -> value: `latency_us`, `lower_bound_us`, `energy_uj`, `cost`, `memory_spills`,
    /// `spill_bytes`, `transfers`, `transfer_bytes`, `unit_switches`, `tiled_operators`,
    /// `tiled_operators.<unit>`, `operators.<unit>`.
    public var metrics: [String: Double]
    /// Wall-clock seconds spent on the point; varies between runs, so not part of the result.
    public var elapsedSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case id, model, strategy, objective, parameters, status, error, metrics
        case elapsedSeconds = "elapsed_s"
    }

    public init(point: SweepPoint, status: Status, error: String?, metrics: [String: Double], elapsedSeconds: Double?) {
        id = point.id
        model = point.model
        strategy = point.strategy
        objective = point.objective
        parameters = Self.sortingKeys(.object(point.parameters))
        self.status = status
        self.error = error
        self.metrics = metrics
        self.elapsedSeconds = elapsedSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        model = try container.decode(String.self, forKey: .model)
        strategy = try container.decode(String.self, forKey: .strategy)
        objective = try container.decode(String.self, forKey: .objective)
        parameters = Self.sortingKeys(try container.decode(JSONValue.self, forKey: .parameters))
        status = try container.decode(Status.self, forKey: .status)
        error = try container.decodeIfPresent(String.self, forKey: .error)
        metrics = try container.decode([String: Double].self, forKey: .metrics)
        elapsedSeconds = try container.decodeIfPresent(Double.self, forKey: .elapsedSeconds)
    }

    /// Parameters are kept with sorted keys, as written, so that records read back compare equal
    /// (`Decoder` does not report keys in file order).
    static func sortingKeys(_ value: JSONValue) -> JSONValue {
        guard case .object(let members) = value else { return value }
        return .object(OrderedDictionary(uniqueKeysWithValues: members.sorted { $0.key < $1.key }))
    }

    /// The record with its wall-clock timing removed: equal for equal inputs.
    public var withoutTimings: PointRecord {
        var copy = self
        copy.elapsedSeconds = nil
        return copy
    }

    /// The value of a parameter by axis name.
    public func parameter(_ axis: String) -> JSONValue? { parameters[axis] }

    /// One JSON line (sorted keys, no whitespace).
    public func jsonLine() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public static func decode(line: String) throws -> PointRecord {
        try JSONDecoder().decode(PointRecord.self, from: Data(line.utf8))
    }
}
