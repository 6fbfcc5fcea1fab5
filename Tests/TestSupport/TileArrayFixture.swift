import Foundation

/// The shipped AI Engine array (`Platforms/arrays/versal-vc1902-tiles.json`) cut to a few tiles,
/// so that tests plan on its tile template (program memory, kernel program sizes, neighbour and
/// cascade links) in a debug build.
public enum TileArrayFixture {
    /// The platform's JSON object with its array cut to `rows` x `columns`, after `edit`.
    public static func document(rows: Int, columns: Int, edit: (inout [String: Any]) -> Void = { _ in }) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.platform("arrays/versal-vc1902-tiles.json")))
        guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              var arrays = document["arrays"] as? [[String: Any]] else { throw CocoaError(.fileReadCorruptFile) }
        arrays[0]["rows"] = rows
        arrays[0]["columns"] = columns
        document["arrays"] = arrays
        edit(&document)
        return document
    }

    /// `document` as JSON text.
    public static func text(rows: Int, columns: Int, edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document(rows: rows, columns: columns, edit: edit), options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// `text` written to a new file in `directory`.
    public static func file(in directory: URL, rows: Int, columns: Int, edit: (inout [String: Any]) -> Void = { _ in }) throws -> String {
        let url = directory.appendingPathComponent("tiles-\(rows)x\(columns)-\(UUID().uuidString).json")
        try text(rows: rows, columns: columns, edit: edit).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Sets `program_bytes` of the tile template's entry for `operatorType`.
    public static func setProgramBytes(_ bytes: Int, of operatorType: String, in document: inout [String: Any]) {
        guard var arrays = document["arrays"] as? [[String: Any]], var tile = arrays[0]["tile"] as? [String: Any],
              var operators = tile["operators"] as? [String: Any], var entry = operators[operatorType] as? [String: Any] else { return }
        entry["program_bytes"] = bytes
        operators[operatorType] = entry
        tile["operators"] = operators
        arrays[0]["tile"] = tile
        document["arrays"] = arrays
    }
}
