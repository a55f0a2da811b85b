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

    /// `store`, after saying on standard error what opening it upgraded (once per upgrade, in one line).
    static func announcingUpgrades(_ store: SQLiteStore) -> SQLiteStore {
        if store.upgrades.contains("v6") {
            Output.printError("Upgraded \(store.path): full-text indexes rebuilt with Rhizome's text analysis (once).")
        } else if !store.upgrades.isEmpty {
            Output.printError("Upgraded \(store.path) to schema \(store.upgrades.last ?? "").")
        }
        return store
    }
}
