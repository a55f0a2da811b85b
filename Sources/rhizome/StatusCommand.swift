import ArgumentParser
import Foundation
import Rhizome

/// `rhizome status`: what the store holds.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Count documents by status, chunks, tokens, entities and relations.")

    @OptionGroup var storeOptions: StoreOptions

    @Flag(name: .long, help: "Print JSON (Schemas/status.schema.json).")
    var json = false

    /// The `--json` shape: the store's path, its statistics, the models it remembers and its settings file.
    struct Report: Encodable {
        var store: String
        var statistics: StoreStatistics
        var providers: ProviderFlags
        var settingsFile: String?

        enum CodingKeys: String, CodingKey { case store, statistics, providers, settingsFile }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(store, forKey: .store)
            try container.encode(statistics, forKey: .statistics)
            try container.encode(providers, forKey: .providers)
            try container.encode(settingsFile, forKey: .settingsFile)
        }
    }

    func run() async throws {
        let store = try storeOptions.openExisting()
        let statistics = try await store.statistics()
        let providers = try await store.rememberedProviders()
        let file = SettingsFile.url(forStore: store.path)
        let settingsFile = FileManager.default.fileExists(atPath: file.path) ? file.path : nil
        if json {
            return try Output.printJSON(Report(store: store.path, statistics: statistics, providers: providers,
                                               settingsFile: settingsFile))
        }
        let byStatus = DocumentStatus.allCases.map { "\(statistics.documentsByStatus[$0.rawValue] ?? 0) \($0.rawValue)" }
        let settings = statistics.settings
        print("""
            Store:     \(store.path)
            Settings:  \(settings.tokenizer) tokens, \(settings.chunking.maxTokens)-token chunks, \(settings.chunking.overlapTokens) overlap
            Documents: \(statistics.documents) (\(byStatus.joined(separator: ", ")))
            Chunks:    \(Output.grouped(statistics.chunks)) (\(Output.grouped(statistics.tokens)) tokens from \(Output.bytes(statistics.bytes)))
            Entities:  \(Output.grouped(statistics.entities))
            Relations: \(Output.grouped(statistics.relations))
            Models:    \(Self.describe(providers))
            """)
        if let settingsFile { print("Settings file: \(settingsFile) (flags and RHIZOME_* variables override it)") }
    }

    /// The remembered models in one line: the language model, then the embedding.
    static func describe(_ providers: ProviderFlags) -> String {
        let llm = switch providers.llm {
        case nil: "none remembered yet"
        case "offline": "offline (no language model)"
        case let kind?: "\(kind) \(providers.model ?? "?") at \(providers.llmBaseURL ?? "?")"
        }
        let dimension = providers.embeddingDimension.map { ", \($0) dimensions" } ?? ""
        let embedding = providers.embedding.map { "\($0):\(providers.embeddingModel ?? "?")\(dimension)"
            + (providers.embeddingBaseURL.map { " at \($0)" } ?? "") } ?? "none yet"
        return "\(llm); embedding \(embedding)"
    }
}
