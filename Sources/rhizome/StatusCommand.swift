import ArgumentParser
import Rhizome

/// `rhizome status`: what the store holds.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Count documents by status, chunks, tokens, entities and relations.")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "Print JSON (Schemas/status.schema.json).")
    var json = false

    /// The `--json` shape: the store's path and its statistics.
    struct Report: Codable {
        var store: String
        var statistics: StoreStatistics
    }

    func run() throws {
        let store = try storeOptions.openExisting()
        let statistics = try store.statistics()
        if json { return try Output.printJSON(Report(store: store.path, statistics: statistics)) }
        let byStatus = DocumentStatus.allCases.map { "\(statistics.documentsByStatus[$0.rawValue] ?? 0) \($0.rawValue)" }
        let settings = statistics.settings
        print("""
            Store:     \(store.path)
            Settings:  \(settings.tokenizer) tokens, \(settings.chunking.maxTokens)-token chunks, \(settings.chunking.overlapTokens) overlap
            Documents: \(statistics.documents) (\(byStatus.joined(separator: ", ")))
            Chunks:    \(Output.grouped(statistics.chunks)) (\(Output.grouped(statistics.tokens)) tokens from \(Output.bytes(statistics.bytes)))
            Entities:  \(Output.grouped(statistics.entities))
            Relations: \(Output.grouped(statistics.relations))
            """)
    }
}
