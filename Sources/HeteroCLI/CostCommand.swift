import ArgumentParser
import Foundation
import HeteroCost
import HeteroIR
import HeteroPlan
import HeteroPlatform
import HeteroSupport

/// `hetero-plan cost`: every operator's cost on every unit, explained.
struct CostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cost",
        abstract: "Print each operator's time, dominating bound and energy on each unit, or why it cannot run there."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    @OptionGroup var modelOptions: ModelOptions

    @Option(name: .long, help: "Platform description(s); repeat for a --summary over several platforms.")
    var platform: [String]

    @Option(help: "Measured latencies (hetero-plan/profile@1) that replace modelled costs.")
    var profile: String?

    @Option(help: "Output format: table, json or csv.")
    var format: Format = .table

    @Flag(help: "Per platform: latency lower bound (fastest units, free transfers) and the share of operators each unit can run.")
    var summary = false

    func validate() throws {
        guard !platform.isEmpty else { throw ValidationError("give at least one --platform") }
        guard summary || platform.count == 1 else { throw ValidationError("several --platform values need --summary") }
    }

    func run() throws {
        let graph = try modelOptions.load()
        var reports: [CostReport] = []
        for path in platform {
            let loaded = try Platform.load(path: path)
            let costProfile = try profile.map { try CostProfile.load(path: $0, platform: loaded, graph: graph) }
            let result = try CostEngine(platform: loaded, profile: costProfile).evaluate(graph)
            reports.append(CostReport(graph: graph, platform: loaded, result: result))
        }
        if summary {
            let rows = try reports.map { try $0.summary() }
            switch format {
            case .table: print(CostReport.summaryTable(rows), terminator: "")
            case .json: print(try JSONOutput.encode(rows))
            case .csv: print(CostReport.summaryCSV(rows), terminator: "")
            }
            return
        }
        let report = reports[0]
        switch format {
        case .table: print(report.table(), terminator: "")
        case .json: print(try JSONOutput.encode(report.document()))
        case .csv: print(report.csv(), terminator: "")
        }
    }
}
