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

    @OptionGroup(title: "Extraction") var extraction: ExtractionOptions

    @Flag(name: .long, help: "Replace an existing rhizome.toml.")
    var force = false

    func run() async throws {
        let storePath = storeOptions.storePath
        let fileURL = SettingsFile.url(forStore: storePath)
        if FileManager.default.fileExists(atPath: fileURL.path), !force {
            throw CommandError(description: "\(fileURL.path) already exists: edit it, or give --force to replace it")
        }
        var settings = SettingsFile(providers: models.flags, ingest: extraction.given)
        settings.providers.llm = settings.providers.llm?.lowercased()
        settings.providers.embedding = settings.providers.embedding?.lowercased()
        // The settings are tried before anything is written: an unknown provider or a bad URL fails here.
        let tokenizer = try O200kTokenizer()
        let providers = try await Providers.resolve(settings.providers, environment: ProcessInfo.processInfo.environment,
                                                    fallbacks: [StoredKnowledge.rememberedProviders(atPath: storePath)],
                                                    tokenizer: tokenizer)
        let existed = FileManager.default.fileExists(atPath: storePath)
        let store = try StoredKnowledge.open(path: storePath, createIfMissing: true, request: StoreSettingsRequest(
            tokenizer: tokenizer.name, maxTokens: extraction.chunkTokens, overlapTokens: extraction.chunkOverlap,
            embedding: providers.embeddingSettings))
        StoreOptions.announce(upgrades: store.upgrades, of: store.path)
        try await store.rememberProviders(providers.choices)
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
