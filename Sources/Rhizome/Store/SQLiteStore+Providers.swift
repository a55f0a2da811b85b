import Foundation
import GRDB

/// The providers a store was last built with (never a key), so later commands need no flags.
extension SQLiteStore {
    private static let providerKeys = ["llm_provider", "llm_model", "llm_base_url", "embedding_provider", "embedding_model",
                                       "embedding_base_url", "embedding_dimension"]

    /// What the store remembers; empty for a store made before it remembered anything.
    public func rememberedProviders() async throws(StoreError) -> ProviderFlags {
        try await read { db in try Self.rememberedProviders(db) }
    }

    /// What the store at `path` remembers, read without migrating or checking it; empty when there is no
    /// store there (yet) or it cannot be read — opening it properly reports that.
    public static func rememberedProviders(atPath path: String) -> ProviderFlags {
        guard FileManager.default.fileExists(atPath: path) else { return ProviderFlags() }
        var configuration = Configuration()
        configuration.readonly = true
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration),
              let remembered = try? queue.read({ try rememberedProviders($0) }) else { return ProviderFlags() }
        return remembered
    }

    /// Records the language model and the embedding server of a run. The embedding model and dimension
    /// are the store's own settings, recorded with its vectors.
    public func rememberProviders(_ choices: ProviderFlags) async throws(StoreError) {
        try await write { db in
            let values: [(String, String?)] = [("llm_provider", choices.llm), ("llm_model", choices.model),
                                               ("llm_base_url", choices.llmBaseURL), ("embedding_base_url", choices.embeddingBaseURL)]
            for (key, value) in values {
                if let value {
                    try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
                } else {
                    try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [key])
                }
            }
        }
    }

    private static func rememberedProviders(_ db: Database) throws -> ProviderFlags {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM settings WHERE key IN (\(providerKeys.map { _ in "?" }.joined(separator: ", ")))",
                                    arguments: StatementArguments(providerKeys))
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as String, $0["value"] as String) })
        return ProviderFlags(llm: values["llm_provider"], model: values["llm_model"], llmBaseURL: values["llm_base_url"],
                             embedding: values["embedding_provider"], embeddingModel: values["embedding_model"],
                             embeddingBaseURL: values["embedding_base_url"],
                             embeddingDimension: values["embedding_dimension"].flatMap(Int.init))
    }
}
