import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reading inputs and writing outputs so that a failure never leaves a partial file behind:
/// outputs are written to a temporary file in the same directory, flushed, then renamed.
public enum TextFile {
    /// Reads a whole file as bytes, translating I/O failures into `InputError.unreadable`.
    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        try checkReadable(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError.unreadable(file: path, reason: "permission denied or I/O error")
        }
        return [UInt8](data)
    }

    private static func checkReadable(_ path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError.unreadable(file: path, reason: "no such file")
        }
        if isDirectory.boolValue {
            throw InputError.unreadable(file: path, reason: "is a directory")
        }
    }

    /// Reads and parses a JSON file.
    public static func readJSON(_ path: String) throws(InputError) -> JSONValue {
        let bytes = try read(path)
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw InputError.syntax(file: path, error)
        }
    }

    /// Writes `contents` atomically: to `.<name>.tmp-<pid>` beside it, fsync, rename over `path`.
    ///
    /// - Throws: `InputError.unwritable` naming `path` with the reason in words; on failure no
    ///   file is left behind and an existing `path` is unchanged.
    public static func writeAtomically(_ contents: some Collection<UInt8>, to path: String) throws(InputError) {
        try StagedFile.write(contents, to: path).commit()
    }

    public static func writeAtomically(_ text: String, to path: String) throws(InputError) {
        try writeAtomically(Array(text.utf8), to: path)
    }
}
