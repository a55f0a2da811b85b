import GRDB

extension SQLiteStore: DocumentAliasStore {
    public func alias(ofPath path: String) async throws(StoreError) -> DocumentAlias? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT a.path, a.document_id, a.content_hash, d.path AS document_path, d.content_hash AS document_hash
                FROM document_aliases a JOIN documents d ON d.id = a.document_id WHERE a.path = ?
                """, arguments: [path]).map(Self.alias)
        }
    }

    public func aliases(ofDocument id: String) async throws(StoreError) -> [String] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT path FROM document_aliases WHERE document_id = ? ORDER BY path",
                                arguments: [id])
        }
    }

    public func processedDocument(withContentHash hash: String, otherThan path: String) async throws(StoreError) -> StoredDocument? {
        try await read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.documentColumns) FROM documents
                WHERE content_hash = ? AND path != ? AND status = 'processed' ORDER BY path LIMIT 1
                """, arguments: [hash, path]).map(Self.document)
        }
    }

    public func recordAlias(path: String, ofDocument id: String, contentHash: String) async throws(StoreError) {
        let stamp = Self.timestamp(now())
        try await write { db in
            try db.execute(sql: """
                INSERT INTO document_aliases (path, document_id, content_hash, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (path) DO UPDATE SET document_id = excluded.document_id,
                    content_hash = excluded.content_hash, created_at = excluded.created_at
                """, arguments: [path, id, contentHash, stamp])
        }
    }

    public func removeAlias(path: String) async throws(StoreError) -> Bool {
        try await write { db in
            try db.execute(sql: "DELETE FROM document_aliases WHERE path = ?", arguments: [path])
            return db.changesCount > 0
        }
    }

    public func dropStaleAliases() async throws(StoreError) -> [String] {
        try await write { db in
            let stale = try String.fetchAll(db, sql: """
                SELECT a.path FROM document_aliases a JOIN documents d ON d.id = a.document_id
                WHERE d.content_hash != a.content_hash OR d.status != 'processed' ORDER BY a.path
                """)
            for path in stale { try db.execute(sql: "DELETE FROM document_aliases WHERE path = ?", arguments: [path]) }
            return stale
        }
    }

    static func alias(_ row: Row) -> DocumentAlias {
        DocumentAlias(path: row["path"], documentID: row["document_id"], documentPath: row["document_path"],
                      contentHash: row["content_hash"], documentHash: row["document_hash"])
    }
}
