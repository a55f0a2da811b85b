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

    /// Opens an existing store for reading and looking after (no models).
    func openExisting() throws -> StoredKnowledge {
        let stored = try StoredKnowledge.open(path: storePath)
        Self.announce(upgrades: stored.upgrades, of: stored.path)
        return stored
    }

    /// The store as a knowledge base with these models (an existing one unless `options` say otherwise).
    func openKnowledgeBase(providers: Providers, tokenizer: any Tokenizer, structured: StructuredOutputMode = .off,
                           _ adjust: (inout KnowledgeBase.Options) -> Void = { _ in }) async throws -> KnowledgeBase {
        var options = KnowledgeBase.Options(storePath: storePath)
        adjust(&options)
        let knowledgeBase = try await KnowledgeBase.open(options, providers: providers, tokenizer: tokenizer, structured: structured)
        Self.announce(upgrades: knowledgeBase.stored.upgrades, of: knowledgeBase.path)
        return knowledgeBase
    }

    static func announce(upgrades: [String], of path: String) {
        if upgrades.contains("v6") {
            Output.printError("Upgraded \(path): full-text indexes rebuilt with Rhizome's text analysis (once).")
        } else if !upgrades.isEmpty {
            Output.printError("Upgraded \(path) to schema \(upgrades.last ?? "").")
        }
    }
}
