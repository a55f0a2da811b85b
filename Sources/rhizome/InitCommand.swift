import ArgumentParser
import Foundation
import Rhizome

/// `rhizome init`: an empty store and the `rhizome.toml` beside it, holding the settings given here so
/// that later commands need no flags.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store and a rhizome.toml beside it with these settings (models, chunk size, extraction).",
        discussion: """
            Later commands on the store read rhizome.toml; flags and RHIZOME_* variables override it. API keys
            stay in the environment. Settings not given are written commented out, with their defaults.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Models") var models: ModelOptions

    @Option(name: .long, help: "Tokens per chunk (fixed for the store; default 1200).")
    var chunkTokens: Int?

    @Option(name: .long, help: "Tokens shared by consecutive chunks (fixed for the store; default 100).")
    var chunkOverlap: Int?

    @Option(name: .long, help: "Extra extraction passes (default 1).")
    var gleaning: Int?

    @Option(name: .long, help: "Language of descriptions and summaries (default auto).")
    var language: String?

    @Option(name: .long, help: "Schema-constrained extraction answers: auto, on or off (default auto).")
    var structured: String?

    @Option(name: .long, help: ArgumentHelp("Entity types offered to the model, comma-separated.", valueName: "types"))
    var entityTypes: String?

    @Flag(name: .long, help: "Replace an existing rhizome.toml.")
    var force = false

    func validate() throws {
        if let chunkTokens, chunkTokens < 16 { throw ValidationError("--chunk-tokens must be at least 16") }
        if let chunkTokens, let chunkOverlap, chunkOverlap >= chunkTokens {
            throw ValidationError("--chunk-overlap (\(chunkOverlap)) must be smaller than --chunk-tokens (\(chunkTokens))")
        }
        if let gleaning, gleaning < 0 { throw ValidationError("--gleaning cannot be negative") }
        if let structured, StructuredOutputMode(rawValue: structured) == nil { throw ValidationError("--structured must be auto, on or off") }
    }

    func run() async throws {
        let storePath = storeOptions.storePath
        let fileURL = SettingsFile.url(forStore: storePath)
        if FileManager.default.fileExists(atPath: fileURL.path), !force {
            throw CommandError(description: "\(fileURL.path) already exists: edit it, or give --force to replace it")
        }
        let types = entityTypes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var settings = SettingsFile(providers: models.flags, ingest: IngestDefaults(
            chunkTokens: chunkTokens, chunkOverlap: chunkOverlap, gleaning: gleaning, language: language,
            structured: structured, entityTypes: types))
        settings.providers.llm = settings.providers.llm?.lowercased()
        settings.providers.embedding = settings.providers.embedding?.lowercased()
        // The settings are tried before anything is written: an unknown provider or a bad URL fails here.
        let tokenizer = try O200kTokenizer()
        let providers = try await Providers.resolve(settings.providers, environment: ProcessInfo.processInfo.environment,
                                                    fallbacks: [SQLiteStore.rememberedProviders(atPath: storePath)],
                                                    tokenizer: tokenizer)
        let existed = FileManager.default.fileExists(atPath: storePath)
        let store = StoreOptions.announcingUpgrades(try SQLiteStore(path: storePath, mode: .createIfMissing,
            request: StoreSettingsRequest(tokenizer: tokenizer.name, maxTokens: chunkTokens, overlapTokens: chunkOverlap,
                                          embedding: providers.embeddingSettings)))
        try store.rememberProviders(providers.choices)
        do {
            try settings.text().write(to: fileURL, atomically: true, encoding: .utf8)
        } catch {
            throw CommandError(description: "cannot write \(fileURL.path): \(error.localizedDescription)")
        }
        let chunking = store.settings.chunking
        print("""
            \(existed ? "Using" : "Created") \(storePath) (\(chunking.maxTokens)-token chunks, \(chunking.overlapTokens) overlap).
            Wrote \(fileURL.path).
            Models:    \(StatusCommand.describe(providers.choices))
            Next: rhizome ingest --store \(storePath) <folder>
            """)
    }
}
