import HeteroSupport

/// The files one command writes (`-o`, `--trace`, `--gantt`, `--memory-plot`, `--dump-lp`),
/// all or nothing: `check()` refuses unwritable paths before any work is done, and `write()`
/// stages every file beside its destination and renames them only when all were written, so a
/// failure leaves no output behind and existing files unchanged.
struct OutputFiles {
    /// Option name -> path, in the order the options were given.
    private(set) var paths: [(option: String, path: String)] = []

    /// Adds `path` (when given) as the file of `option`.
    mutating func add(_ path: String?, option: String) {
        if let path { paths.append((option, path)) }
    }

    /// Refuses a path that cannot be written (a directory, a missing or read-only directory, a
    /// read-only file) or that two options share.
    ///
    /// - Throws: `InputError.unwritable` naming the path and the reason, or `InputError.option`.
    func check() throws(InputError) {
        var seen: [String: String] = [:]
        for (option, path) in paths {
            let key = StagedFile.temporaryPath(for: path)
            if let other = seen[key] {
                throw InputError.option(name: option, message: "\(path) is also the file of \(other); give each output its own file")
            }
            seen[key] = option
            if let problem = OutputPath.problem(writingFileAt: path) {
                throw InputError.unwritable(file: path, reason: problem)
            }
        }
    }

    /// Writes `contents` (path -> text) and the already staged files; commits only when every
    /// file was staged.
    static func write(_ contents: [(path: String, text: String)], adopting staged: [StagedFile] = []) throws(InputError) {
        var ready = staged
        for (path, text) in contents {
            do {
                ready.append(try StagedFile.write(Array(text.utf8), to: path))
            } catch {
                for file in ready { file.discard() }
                throw error
            }
        }
        for (index, file) in ready.enumerated() {
            do {
                try file.commit()
            } catch {
                for rest in ready[(index + 1)...] { rest.discard() }
                throw error
            }
        }
    }
}
