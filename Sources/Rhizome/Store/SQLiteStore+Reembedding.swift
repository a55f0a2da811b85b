import Foundation
import GRDB

/// Re-embedding with another model, staged: the new vectors wait in `staged_embeddings` until all exist,
/// then replace the old ones together with the store's embedding settings in one transaction.
extension SQLiteStore: ReembeddingStore {
    public func beginReembedding(_ settings: EmbeddingSettings) async throws(StoreError) -> Int {
        let key = Self.stagingKey(settings)
        return try await write { db in
            try db.execute(sql: "DELETE FROM staged_embeddings WHERE model <> ?", arguments: [key])
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staged_embeddings") ?? 0
        }
    }

    public func reembeddingTotal() async throws(StoreError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM entities) + (SELECT COUNT(*) FROM relations) + (SELECT COUNT(*) FROM chunks)") ?? 0
        }
    }

    public func unstagedEmbeddings(_ target: EmbeddingTarget, limit: Int) async throws(StoreError) -> [PendingEmbedding] {
        let unstaged = "NOT EXISTS (SELECT 1 FROM staged_embeddings s WHERE s.target = '\(target.rawValue)' AND s.id = "
        return try await embeddingTexts(target, limit: limit, condition: unstaged + (target == .chunk ? "c.id)" : "CAST(x.id AS TEXT))"))
    }

    public func stageEmbeddings(_ vectors: [(PendingEmbedding, [Float])], for settings: EmbeddingSettings) async throws(StoreError) {
        let key = Self.stagingKey(settings)
        try await write { db in
            for (pending, vector) in vectors {
                try db.execute(sql: "INSERT OR REPLACE INTO staged_embeddings (model, target, id, vector) VALUES (?, ?, ?, ?)",
                               arguments: [key, pending.target.rawValue, pending.id, Self.blob(vector)])
            }
        }
    }

    /// Swaps the staged vectors in and records `settings` as the store's embedding model. A row that
    /// appeared while re-embedding has no staged vector: it is left pending for the next ingest.
    public func commitReembedding(_ settings: EmbeddingSettings) async throws(StoreError) {
        let key = Self.stagingKey(settings)
        try await write { db in
            for (table, target, id) in [("entities", "entity", "CAST(entities.id AS TEXT)"),
                                        ("relations", "relation", "CAST(relations.id AS TEXT)"), ("chunks", "chunk", "chunks.id")] {
                try db.execute(sql: """
                    UPDATE \(table) SET embedding = (SELECT vector FROM staged_embeddings s
                                                     WHERE s.model = ? AND s.target = '\(target)' AND s.id = \(id))
                    """, arguments: [key])
            }
            for (name, value) in [("embedding_provider", settings.provider), ("embedding_model", settings.model),
                                  ("embedding_dimension", "\(settings.dimension)")] {
                try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", arguments: [name, value])
            }
            try db.execute(sql: "DELETE FROM staged_embeddings")
        }
    }

    private static func stagingKey(_ settings: EmbeddingSettings) -> String {
        "\(settings.provider)\t\(settings.model)\t\(settings.dimension)"
    }
}
