import ArgumentParser

/// What `export` prints: a table of subgraphs, the manifest JSON, or the partitioned graph in DOT.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case json
    case dot
}
