import Foundation
import GRDB

extension SQLiteStore: EmbeddingStore {
    public func pendingEmbeddings(_ target: EmbeddingTarget, limit: Int) async throws(StoreError) -> [PendingEmbedding] {
        try await embeddingTexts(target, limit: limit, condition: target == .chunk ? "c.embedding IS NULL" : "x.embedding IS NULL")
    }

    /// The texts that represent rows matching `condition` (entities and relations are `x`, chunks `c`).
    func embeddingTexts(_ target: EmbeddingTarget, limit: Int, condition: String) async throws(StoreError) -> [PendingEmbedding] {
        try await read { db in
            switch target {
            case .entity:
                try Row.fetchAll(db, sql: """
                    SELECT x.id, x.name, x.type, x.description FROM entities x WHERE \(condition) ORDER BY x.id LIMIT ?
                    """, arguments: [limit]).map { row in
                    PendingEmbedding(target: .entity, id: "\(row["id"] as Int64)",
                                     text: EmbeddingText.entity(name: row["name"], type: row["type"], description: row["description"]))
                }
            case .relation:
                try Row.fetchAll(db, sql: """
                    SELECT x.id, x.keywords, x.description,
                           CASE WHEN s.key <= t.key THEN s.name ELSE t.name END AS first,
                           CASE WHEN s.key <= t.key THEN t.name ELSE s.name END AS second
                    FROM relations x JOIN entities s ON s.id = x.source_id JOIN entities t ON t.id = x.target_id
                    WHERE \(condition) ORDER BY x.id LIMIT ?
                    """, arguments: [limit]).map { row in
                    PendingEmbedding(target: .relation, id: "\(row["id"] as Int64)",
                                     text: EmbeddingText.relation(keywords: row["keywords"], first: row["first"], second: row["second"],
                                                                  description: row["description"]))
                }
            case .chunk:
                try Row.fetchAll(db, sql: """
                    SELECT c.id, c.heading_path, c.text FROM chunks c WHERE \(condition) ORDER BY c.rowid LIMIT ?
                    """, arguments: [limit]).map { row in
                    PendingEmbedding(target: .chunk, id: row["id"],
                                     text: EmbeddingText.chunk(headingPath: Self.stringArray(fromJSON: row["heading_path"]), text: row["text"]))
                }
            }
        }
    }

    public func saveEmbeddings(_ vectors: [(PendingEmbedding, [Float])]) async throws(StoreError) {
        try await write { db in
            for (pending, vector) in vectors {
                let blob = Self.blob(vector)
                switch pending.target {
                case .entity:
                    try db.cachedStatement(sql: "UPDATE entities SET embedding = ? WHERE id = ?").execute(arguments: [blob, Int64(pending.id)])
                case .relation:
                    try db.cachedStatement(sql: "UPDATE relations SET embedding = ? WHERE id = ?").execute(arguments: [blob, Int64(pending.id)])
                case .chunk:
                    try db.cachedStatement(sql: "UPDATE chunks SET embedding = ? WHERE id = ?").execute(arguments: [blob, pending.id])
                }
            }
        }
    }

    public func clearEmbeddings() async throws(StoreError) {
        try await write { db in try Self.clearAllEmbeddings(db) }
    }

    /// Little-endian float32, the layout every supported platform uses natively.
    static func blob(_ vector: [Float]) -> Data {
        vector.withUnsafeBufferPointer { Data(buffer: $0) }
    }

    static func vector(_ blob: Data) -> [Float] {
        blob.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }
}
