import Foundation
import GRDB

extension SQLiteStore: DocumentStore {
    public func fingerprint(ofPath path: String) async throws(StoreError) -> DocumentFingerprint? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT id, content_hash, status FROM documents WHERE path = ?", arguments: [path])
                .map { DocumentFingerprint(id: $0["id"], contentHash: $0["content_hash"],
                                           status: DocumentStatus(rawValue: $0["status"]) ?? .failed) }
        }
    }

    public func markProcessing(path: String, id: String, format: DocumentFormat, contentHash: String) async throws(StoreError) {
        let stamp = Self.timestamp(now())
        try await write { db in
            // A processed earlier version stays visible (and processed) until the new one commits.
            try db.execute(sql: """
                INSERT INTO documents (id, path, title, format, content_hash, status, error, created_at, updated_at)
                VALUES (?, ?, '', ?, ?, 'processing', NULL, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    format = excluded.format, content_hash = excluded.content_hash, status = 'processing',
                    error = NULL, updated_at = excluded.updated_at
                WHERE documents.status != 'processed'
                """, arguments: [id, path, format.rawValue, contentHash, stamp, stamp])
        }
    }

    public func recordFailure(path: String, id: String, format: DocumentFormat, contentHash: String,
                              reason: String) async throws(StoreError) {
        let stamp = Self.timestamp(now())
        try await write { db in
            // A processed earlier version stays as it was: a bad edit must not lose good data.
            try db.execute(sql: """
                INSERT INTO documents (id, path, title, format, content_hash, status, error, created_at, updated_at)
                VALUES (?, ?, '', ?, ?, 'failed', ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    format = excluded.format, content_hash = excluded.content_hash, status = 'failed',
                    error = excluded.error, updated_at = excluded.updated_at
                WHERE documents.status != 'processed'
                """, arguments: [id, path, format.rawValue, contentHash, reason, stamp, stamp])
        }
    }

    public func documents() async throws(StoreError) -> [StoredDocument] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.documentColumns) FROM documents ORDER BY path").map(Self.document)
        }
    }

    public func document(_ pathOrID: String) async throws(StoreError) -> StoredDocument {
        let found = try await read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.documentColumns) FROM documents WHERE id = ? OR path = ?",
                             arguments: [pathOrID, pathOrID]).map(Self.document)
        }
        guard let found else { throw .documentNotFound(pathOrID) }
        return found
    }

    public func chunks(ofDocument id: String) async throws(StoreError) -> [StoredChunk] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, ord, token_count, heading_path, start_offset, end_offset, text
                FROM chunks WHERE document_id = ? ORDER BY ord
                """, arguments: [id]).map { row in
                StoredChunk(id: row["id"], order: row["ord"], tokenCount: row["token_count"],
                            headingPath: Self.stringArray(fromJSON: row["heading_path"]),
                            startOffset: row["start_offset"], endOffset: row["end_offset"], text: row["text"])
            }
        }
    }

    public func text(ofDocument id: String) async throws(StoreError) -> String {
        let text = try await read { db in try String.fetchOne(db, sql: "SELECT text FROM documents WHERE id = ?", arguments: [id]) }
        guard let text else { throw .documentNotFound(id) }
        return text
    }

    public func statistics() async throws(StoreError) -> StoreStatistics {
        try await read { db in
            var byStatus = Dictionary(uniqueKeysWithValues: DocumentStatus.allCases.map { ($0.rawValue, 0) })
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM documents GROUP BY status") {
                byStatus[row["status"]] = row["n"]
            }
            let totals = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS documents, COALESCE(SUM(chunk_count), 0) AS chunks,
                       COALESCE(SUM(token_count), 0) AS tokens, COALESCE(SUM(byte_count), 0) AS bytes
                FROM documents WHERE status = 'processed'
                """)
            return StoreStatistics(
                documents: byStatus.values.reduce(0, +), documentsByStatus: byStatus,
                chunks: totals?["chunks"] ?? 0, tokens: totals?["tokens"] ?? 0, bytes: totals?["bytes"] ?? 0,
                entities: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entities") ?? 0,
                relations: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM relations") ?? 0,
                settings: settings)
        }
    }

    static let documentColumns = """
        id, path, title, format, content_hash, byte_count, status, error, chunk_count, token_count, created_at, updated_at
        """

    static func document(_ row: Row) -> StoredDocument {
        StoredDocument(id: row["id"], path: row["path"], title: row["title"],
                       format: DocumentFormat(rawValue: row["format"]) ?? .text, contentHash: row["content_hash"],
                       byteCount: row["byte_count"], status: DocumentStatus(rawValue: row["status"]) ?? .failed,
                       error: row["error"], chunkCount: row["chunk_count"], tokenCount: row["token_count"],
                       createdAt: row["created_at"], updatedAt: row["updated_at"])
    }

    static func json(_ strings: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(strings), as: UTF8.self)) ?? "[]"
    }

    static func stringArray(fromJSON json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
