import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Checks that output paths can be written before any work is done, and creates output
/// directories, with reasons in words (never a Foundation error code).
public enum OutputPath {
    /// Why a file cannot be written at `path` (a directory, a device, a missing or read-only
    /// directory, a read-only or immutable file), or nil when it can.
    public static func problem(writingFileAt path: String) -> String? {
        var status = stat()
        if stat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR { return "is a directory" }
            if status.st_mode & S_IFMT != S_IFREG {
                return "is not a regular file (outputs are written to a temporary file and renamed over the destination)"
            }
            if access(path, W_OK) != 0 { return "the file is not writable: \(String(cString: strerror(errno)))" }
        }
        let parent = parentDirectory(of: path)
        if let problem = directoryProblem(parent) { return problem }
        if access(parent, W_OK | X_OK) != 0 {
            return "cannot create files in \(parent): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    /// Creates the directory `path` and its missing parents.
    ///
    /// - Throws: `InputError.unwritable` naming `path`, with the component that is a file or the
    ///   system's reason.
    public static func createDirectories(_ path: String) throws(InputError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var prefix = ""
        for component in absolute.split(separator: "/") {
            prefix += "/" + component
            var status = stat()
            if stat(prefix, &status) == 0 {
                guard status.st_mode & S_IFMT == S_IFDIR else {
                    throw InputError.unwritable(file: path, reason: "\(prefix) is a file, not a directory")
                }
                continue
            }
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw InputError.unwritable(file: path, reason: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The directory a file at `path` goes in.
    static func parentDirectory(of path: String) -> String {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return parent.isEmpty ? "." : parent
    }

    /// Why `directory` cannot hold files: it, or the first ancestor that exists, is not a
    /// directory, or it does not exist.
    private static func directoryProblem(_ directory: String) -> String? {
        var current = directory
        var status = stat()
        while stat(current, &status) != 0 {
            let up = parentDirectory(of: current)
            if up == current { return "directory \(directory) does not exist" }
            current = up
        }
        if status.st_mode & S_IFMT != S_IFDIR { return "\(current) is a file, not a directory" }
        return current == directory ? nil : "directory \(directory) does not exist"
    }
}
