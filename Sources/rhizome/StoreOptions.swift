import ArgumentParser
import Foundation
import Rhizome

/// `--store`, shared by every command; the environment is read here and nowhere else.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (env RHIZOME_STORE).", valueName: "path"))
    var store: String?

    /// The store path: the flag, else RHIZOME_STORE, else ./rhizome.sqlite.
    var storePath: String {
        let path = store ?? ProcessInfo.processInfo.environment["RHIZOME_STORE"] ?? "rhizome.sqlite"
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// How typed document paths map to stored ones: the same rule `ingest` stores them by.
    var discovery: SourceDiscovery {
        SourceDiscovery(storeDirectory: URL(fileURLWithPath: storePath).deletingLastPathComponent())
    }

    /// Opens an existing store for reading or editing.
    /// - Parameter embedding: the embedding model the command will use, checked against the store's.
    func openExisting(embedding: EmbeddingSettings? = nil) throws -> SQLiteStore {
        Self.announcingUpgrades(try SQLiteStore(path: storePath, mode: .existingOnly,
                                                request: StoreSettingsRequest(tokenizer: "o200k_base", embedding: embedding)))
    }

    /// The existing store as a knowledge base with these models (what a read command asks questions of).
    func openKnowledgeBase(providers: Providers, tokenizer: any Tokenizer) async throws -> KnowledgeBase {
        let knowledgeBase = try await KnowledgeBase.open(.init(storePath: storePath), providers: providers, tokenizer: tokenizer)
        Self.announce(upgrades: knowledgeBase.upgrades, of: knowledgeBase.path)
        return knowledgeBase
    }

    /// `store`, after saying on standard error what opening it upgraded (once per upgrade, in one line).
    static func announcingUpgrades(_ store: SQLiteStore) -> SQLiteStore {
        announce(upgrades: store.upgrades, of: store.path)
        return store
    }

    static func announce(upgrades: [String], of path: String) {
        if upgrades.contains("v6") {
            Output.printError("Upgraded \(path): full-text indexes rebuilt with Rhizome's text analysis (once).")
        } else if !upgrades.isEmpty {
            Output.printError("Upgraded \(path) to schema \(upgrades.last ?? "").")
        }
    }
}
