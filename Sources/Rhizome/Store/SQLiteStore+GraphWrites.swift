import Foundation
import GRDB

/// The statements behind `commit`: all run inside its one transaction, prepared once per connection
/// (`cachedStatement`) since most run once per entity, relation or chunk.
extension SQLiteStore {
    /// Writes the document row as processed and diffs its chunks by id: chunks that survived an edit keep
    /// their row (and so their mentions and embedding), vanished ones are deleted, new ones inserted.
    static func writeDocument(_ document: Document, id: String, chunks: [Chunk], stamp: String, db: Database) throws {
        let tokens = chunks.reduce(0) { $0 + $1.tokenCount }
        try db.cachedStatement(sql: """
            INSERT INTO documents (id, path, title, format, content_hash, byte_count, text, status, error,
                                   chunk_count, token_count, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'processed', NULL, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                path = excluded.path, title = excluded.title, format = excluded.format,
                content_hash = excluded.content_hash, byte_count = excluded.byte_count, text = excluded.text,
                status = 'processed', error = NULL, chunk_count = excluded.chunk_count,
                token_count = excluded.token_count, updated_at = excluded.updated_at
            """).execute(arguments: [id, document.sourcePath, document.title, document.format.rawValue,
                             document.contentHash, document.byteCount, document.text, chunks.count, tokens, stamp, stamp])
        let existing = Set(try String.fetchAll(db.cachedStatement(sql: "SELECT id FROM chunks WHERE document_id = ?"), arguments: [id]))
        let wanted = Set(chunks.map(\.id))
        for gone in existing.subtracting(wanted) {
            try db.cachedStatement(sql: "DELETE FROM chunks WHERE id = ?").execute(arguments: [gone])
        }
        // Orders may shift: park kept chunks out of the way of the (document_id, ord) uniqueness first.
        try db.cachedStatement(sql: "UPDATE chunks SET ord = -1 - ord WHERE document_id = ?").execute(arguments: [id])
        let insert = try db.makeStatement(sql: """
            INSERT INTO chunks (id, document_id, ord, text, token_count, heading_path, start_offset, end_offset)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, heading_path = excluded.heading_path,
                start_offset = excluded.start_offset, end_offset = excluded.end_offset
            """)
        for chunk in chunks {
            try insert.execute(arguments: [chunk.id, id, chunk.order, chunk.text, chunk.tokenCount,
                                           json(chunk.headingPath), chunk.startOffset, chunk.endOffset])
        }
    }

    static func writeMentions(_ mentions: [ChunkMentions], db: Database) throws {
        let entity = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO entity_chunks (chunk_id, entity_key, name, type, description, aliases) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let relation = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO relation_chunks (chunk_id, source_key, target_key, source_name, target_name, keywords,
                                                    description) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for chunk in mentions {
            for mention in chunk.entities {
                try entity.execute(arguments: [mention.chunkID, mention.key, mention.name, mention.type, mention.description,
                                               json(mention.aliases)])
            }
            for mention in chunk.relations {
                try relation.execute(arguments: [mention.chunkID, mention.key.source, mention.key.target, mention.sourceName,
                                                 mention.targetName, json(mention.keywords), mention.description])
            }
        }
    }

    /// Upserts entities by key (ids stay stable); a changed name, type or description clears the embedding
    /// so the next embedding pass recomputes it.
    static func writeEntities(_ records: [EntityRecord], removed: [String], preferredIDs: [String: Int64] = [:], stamp: String,
                              db: Database) throws {
        for key in removed {
            if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entities WHERE key = ?"), arguments: [key]) {
                try db.cachedStatement(sql: "DELETE FROM entity_names_fts WHERE rowid = ?").execute(arguments: [id])
                try db.cachedStatement(sql: "DELETE FROM entities WHERE id = ?").execute(arguments: [id])
            }
        }
        for record in records {
            let preferred = try freeID(preferredIDs[record.key], table: "entities", db: db)
            try db.cachedStatement(sql: """
                INSERT INTO entities (id, key, name, type, description, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET
                    embedding = CASE WHEN entities.name = excluded.name AND entities.type = excluded.type
                                      AND entities.description = excluded.description
                                     THEN entities.embedding ELSE NULL END,
                    updated_at = CASE WHEN entities.name = excluded.name AND entities.type = excluded.type
                                       AND entities.description = excluded.description
                                      THEN entities.updated_at ELSE excluded.updated_at END,
                    name = excluded.name, type = excluded.type, description = excluded.description
                """).execute(arguments: [preferred, record.key, record.name, record.type, record.description, stamp])
            let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entities WHERE key = ?"), arguments: [record.key])!
            try db.cachedStatement(sql: "DELETE FROM entity_aliases WHERE entity_id = ?").execute(arguments: [id])
            for alias in record.aliases {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entity_aliases (entity_id, alias) VALUES (?, ?)").execute(arguments: [id, alias])
            }
            try db.cachedStatement(sql: "DELETE FROM entity_names_fts WHERE rowid = ?").execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO entity_names_fts (rowid, name, aliases, description) VALUES (?, ?, ?, ?)")
                .execute(arguments: [id, record.name, record.aliases.joined(separator: "\n"), record.description])
        }
    }

    /// `id` when no row of `table` has it (nil lets SQLite choose).
    private static func freeID(_ id: Int64?, table: String, db: Database) throws -> Int64? {
        guard let id, id > 0 else { return nil }
        let exists = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE id = ?)")
        return try Bool.fetchOne(exists, arguments: [id]) == true ? nil : id
    }

    static func writeRelations(_ records: [RelationRecord], removed: [RelationKey], preferredIDs: [RelationKey: Int64] = [:],
                               stamp: String, db: Database) throws {
        func ids(_ key: RelationKey) throws -> (Int64, Int64)? {
            guard let a = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entities WHERE key = ?"), arguments: [key.source]),
                  let b = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entities WHERE key = ?"), arguments: [key.target])
            else { return nil }
            return a < b ? (a, b) : (b, a)
        }
        for key in removed {
            guard let (source, target) = try ids(key) else { continue }
            try db.cachedStatement(sql: "DELETE FROM relations WHERE source_id = ? AND target_id = ?").execute(arguments: [source, target])
        }
        for record in records {
            guard let (source, target) = try ids(record.key) else {
                throw StoreError.database(DatabaseFailure(.other, "relation \(record.key.source) — \(record.key.target) lacks an endpoint entity"))
            }
            let keywords = record.keywords.joined(separator: ", ")
            let preferred = try freeID(preferredIDs[record.key], table: "relations", db: db)
            try db.cachedStatement(sql: """
                INSERT INTO relations (id, source_id, target_id, keywords, keyword_list, description, weight, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_id, target_id) DO UPDATE SET
                    embedding = CASE WHEN relations.keywords = excluded.keywords
                                      AND relations.description = excluded.description
                                     THEN relations.embedding ELSE NULL END,
                    updated_at = excluded.updated_at,
                    keywords = excluded.keywords, keyword_list = excluded.keyword_list,
                    description = excluded.description, weight = excluded.weight
                """).execute(arguments: [preferred, source, target, keywords, json(record.keywords), record.description,
                                 Double(record.weight), stamp])
        }
    }
}
