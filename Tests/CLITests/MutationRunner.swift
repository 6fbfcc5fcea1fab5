import Foundation
import TestSupport
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built binary on mutated inputs and judges each run (shared by `MutationTests` and
/// `ReaderMutationTests`): a run fails when the process dies of a signal, runs past the time
/// limit, exits with a status outside the allowed ones (1 is an internal error, never an answer
/// to bad input), exits 2 without naming the input file (when the reader itself refused it), or
/// leaves an output file or a staging file (`.<name>.tmp-<pid>`) behind after a failure.
struct MutationRunner {
    /// Cases per reader: 8 in CI; `HETERO_MUTATION_CASES` for the long mode.
    static let cases = ProcessInfo.processInfo.environment["HETERO_MUTATION_CASES"].flatMap(Int.init) ?? 8
    static let seed = ProcessInfo.processInfo.environment["HETERO_MUTATION_SEED"].flatMap(UInt64.init) ?? 1
    static let timeLimit = 60.0

    /// The binary every run uses: `HETERO_PLAN_BINARY` when set (the long mode on a release build:
    /// `HETERO_PLAN_BINARY=.build/release/hetero-plan`), else the one built with the tests.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["HETERO_PLAN_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path, relativeTo: Repository.root).standardizedFileURL
        }
        return CLI.productsDirectory.appendingPathComponent("hetero-plan")
    }

    /// Where the cases run (removed by `remove()`), and where failing cases are kept.
    let directory: URL
    let keep: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("hp-mutate-\(UUID().uuidString)")
        keep = FileManager.default.temporaryDirectory.appendingPathComponent("hetero-mutations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: keep, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Counts of one run, printed at the end.
    struct Tally: CustomStringConvertible {
        var cases = 0
        var runs = 0
        var byStatus: [Int32: Int] = [:]
        var signals = 0
        var hangs = 0
        var internalErrors = 0
        var disagreements = 0
        var unnamedFiles = 0
        var leftovers = 0
        /// Cases that failed the test (each also an XCTFail naming it).
        var failures = 0
        var description: String {
            "\(cases) cases, \(runs) runs, exit statuses \(byStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")); "
                + "\(signals) signals, \(hangs) hangs, \(internalErrors) internal errors, \(disagreements) check/plan disagreements, "
                + "\(unnamedFiles) errors not naming the file, \(leftovers) output files left after a failure"
        }
    }

    struct Outcome {
        var status: Int32
        var signaled: Bool
        var timedOut: Bool
        var stderr: String
    }

    /// Runs the binary with stdout discarded and stderr in a file (no pipe can fill up).
    func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errorFile = directory.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        let timedOut = done.wait(timeout: .now() + Self.timeLimit) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            done.wait()
        }
        try errorHandle.close()
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal && !timedOut,
                       timedOut: timedOut, stderr: stderr)
    }

    /// Records `outcome` in `tally`; returns a failure description or nil.
    func judge(_ outcome: Outcome, allowed: Set<Int32>, tally: inout Tally) -> String? {
        tally.runs += 1
        if outcome.timedOut {
            tally.hangs += 1
            return "no answer after \(Self.timeLimit) s"
        }
        if outcome.signaled {
            tally.signals += 1
            return "killed by signal \(outcome.status): \(outcome.stderr.prefix(300))"
        }
        tally.byStatus[outcome.status, default: 0] += 1
        if outcome.status == 1 { tally.internalErrors += 1 }
        return allowed.contains(outcome.status) ? nil : "exit \(outcome.status): \(outcome.stderr.prefix(300))"
    }

    /// `judge`, and for a reader's refusal (exit 2) the message must name `input` (nil: a refusal
    /// after reading, e.g. a planning failure naming an operator); after any
    /// failure `outputs` must not exist and no staging file may be left in `directory`.
    func judgeReader(_ outcome: Outcome, input: String?, outputs: [String] = [], allowed: Set<Int32> = [0, 2],
                     tally: inout Tally) -> String? {
        if let failure = judge(outcome, allowed: allowed, tally: &tally) { return failure }
        if outcome.status == 2, let input, !outcome.stderr.contains(input) {
            tally.unnamedFiles += 1
            return "exit 2 without naming \(input): \(outcome.stderr.prefix(300))"
        }
        if outcome.status != 0 {
            let staged = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.contains(".tmp-") }
            let left = outputs.filter { FileManager.default.fileExists(atPath: $0) } + staged
            if !left.isEmpty {
                tally.leftovers += 1
                return "exit \(outcome.status) left \(left.joined(separator: ", ")) behind: \(outcome.stderr.prefix(300))"
            }
        }
        return nil
    }

    /// Keeps a failing case's file under `keep` and returns where.
    func keepCase(_ file: URL, as name: String) -> URL {
        let kept = keep.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: kept)
        try? FileManager.default.copyItem(at: file, to: kept)
        return kept
    }

    /// Mutates the JSON seed documents `Self.cases` times in turn with `JSONMutator` (every
    /// `numbersOnlyEvery`-th case changes numbers only) and checks each case with `check`; a
    /// failing case is kept and reported with its mutations.
    func mutationRun(kind: String, seeds: [String], numbersOnlyEvery: Int = 0, prepare: (Any) -> Any = { $0 },
                     check: (String, inout Tally) throws -> String?) throws -> Tally {
        var mutator = JSONMutator(seed: Self.seed)
        var tally = Tally()
        let documents = try seeds.map { prepare(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: $0)))) }
        for index in 0..<Self.cases {
            let numbersOnly = numbersOnlyEvery > 0 && index % numbersOnlyEvery == 0
            let (document, mutations) = mutator.mutate(documents[index % documents.count], numbersOnly: numbersOnly)
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .fragmentsAllowed])
            let file = directory.appendingPathComponent("\(kind)-\(index).json")
            try data.write(to: file)
            tally.cases += 1
            if let failure = try check(file.path, &tally) {
                tally.failures += 1
                let kept = keepCase(file, as: "\(kind)-seed\(Self.seed)-\(index).json")
                XCTFail("\(kind) case \(index) (\(mutations.joined(separator: "; "))), kept at \(kept.path): \(failure)")
            }
        }
        print("mutation run (\(kind), seed \(Self.seed)): \(tally)")
        Self.record(kind: kind, tally: tally)
        return tally
    }

    /// With `HETERO_MUTATION_RESULTS=DIR` (relative to the repository root), writes the tally of
    /// one kind of mutant to `DIR/KIND.json` and rewrites `DIR/README.md`, the table of every
    /// kind recorded in DIR, so that a long run leaves its result under `Results/`.
    static func record(kind: String, tally: Tally, note: String = "") {
        guard let path = ProcessInfo.processInfo.environment["HETERO_MUTATION_RESULTS"], !path.isEmpty else { return }
        let directory = URL(fileURLWithPath: path, relativeTo: Repository.root).standardizedFileURL
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let statuses = Dictionary(uniqueKeysWithValues: tally.byStatus.map { (String($0.key), $0.value) })
        let entry: [String: Any] = [
            "kind": kind, "seed": Int(seed), "cases": tally.cases, "runs": tally.runs, "exit_statuses": statuses,
            "signals": tally.signals, "hangs": tally.hangs, "internal_errors": tally.internalErrors,
            "check_plan_disagreements": tally.disagreements, "errors_not_naming_the_file": tally.unnamedFiles,
            "files_left_after_failure": tally.leftovers, "failing_cases": tally.failures, "note": note,
            "binary": binary.path.replacingOccurrences(of: Repository.root.path + "/", with: ""),
        ]
        guard let data = try? JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .prettyPrinted]) else { return }
        try? data.write(to: directory.appendingPathComponent("\(kind).json"))
        var rows: [[String: Any]] = []
        for file in ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted() where file.hasSuffix(".json") {
            if let data = try? Data(contentsOf: directory.appendingPathComponent(file)),
               let row = try? JSONSerialization.jsonObject(with: data) as? [String: Any] { rows.append(row) }
        }
        func int(_ row: [String: Any], _ key: String) -> Int { row[key] as? Int ?? 0 }
        var text = "# Mutation run (issue 14)\n\nWritten by `Tests/CLITests/MutationRunner.swift` (`HETERO_MUTATION_RESULTS`); one row per kind of mutant, "
            + "from its last run. A failing case is a signal, a run over \(Int(timeLimit)) s, exit 1, a refusal not naming the file, "
            + "an output left after a failure, or (platforms) a check/plan disagreement.\n\n"
            + "| kind | seed | cases | runs | exit statuses | signals | hangs | internal errors | failing cases | binary | note |\n"
            + "|---|---:|---:|---:|---|---:|---:|---:|---:|---|---|\n"
        for row in rows {
            let statuses = (row["exit_statuses"] as? [String: Int] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            text += "| \(row["kind"] ?? "") | \(int(row, "seed")) | \(int(row, "cases")) | \(int(row, "runs")) | \(statuses.joined(separator: ", ")) | "
                + "\(int(row, "signals")) | \(int(row, "hangs")) | \(int(row, "internal_errors")) | \(int(row, "failing_cases")) | "
                + "\(row["binary"] ?? "") | \(row["note"] ?? "") |\n"
        }
        let total = rows.reduce(into: (cases: 0, runs: 0, signals: 0, hangs: 0, failing: 0)) {
            $0.cases += int($1, "cases"); $0.runs += int($1, "runs"); $0.signals += int($1, "signals")
            $0.hangs += int($1, "hangs"); $0.failing += int($1, "failing_cases")
        }
        text += "\nTotal: \(total.cases) cases, \(total.runs) runs, \(total.signals) signals, \(total.hangs) hangs, \(total.failing) failing cases.\n"
        try? text.write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
    }
}
