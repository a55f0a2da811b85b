import Foundation
import GRDB

/// An entity with everything known about it, for `rhizome graph entity`.
public struct EntityDetails: Sendable, Codable, Equatable {
    public struct Relation: Sendable, Codable, Equatable {
        public var entity: String
        public var keywords: [String]
        public var description: String
        public var weight: Double
    }
    public struct Source: Sendable, Codable, Equatable {
        public var documentPath: String
        public var documentTitle: String
        public var chunkID: String
        public var chunkOrder: Int
        public var startOffset: Int
        public var endOffset: Int
    }
    public var name: String
    public var type: String
    public var description: String
    public var aliases: [String]
    public var relations: [Relation]
    public var sources: [Source]
}

extension SQLiteStore {
    /// The entity called `name` (by normalised key, then by alias, case-insensitively), if any.
    public func entityDetails(named name: String) async throws(StoreError) -> EntityDetails? {
        try await read { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, key, name, type, description FROM entities WHERE key = ?",
                                       arguments: [EntityKey.of(name)])
                ?? Row.fetchOne(db, sql: """
                    SELECT e.id, e.key, e.name, e.type, e.description FROM entities e
                    JOIN entity_aliases a ON a.entity_id = e.id WHERE a.alias = ? COLLATE NOCASE ORDER BY e.id LIMIT 1
                    """, arguments: [name])
            guard let row else { return nil }
            let id: Int64 = row["id"]
            let key: String = row["key"]
            let aliases = try String.fetchAll(db, sql: "SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY alias",
                                              arguments: [id])
            let relations = try Row.fetchAll(db, sql: """
                SELECT o.name, r.keyword_list, r.description, r.weight FROM relations r
                JOIN entities o ON o.id = CASE WHEN r.source_id = ? THEN r.target_id ELSE r.source_id END
                WHERE r.source_id = ? OR r.target_id = ? ORDER BY r.weight DESC, o.name
                """, arguments: [id, id, id]).map { relation in
                EntityDetails.Relation(entity: relation[0], keywords: Self.stringArray(fromJSON: relation[1]),
                                       description: relation[2], weight: relation[3])
            }
            let sources = try Row.fetchAll(db, sql: """
                SELECT d.path, d.title, c.id, c.ord, c.start_offset, c.end_offset FROM entity_chunks m
                JOIN chunks c ON c.id = m.chunk_id JOIN documents d ON d.id = c.document_id
                WHERE m.entity_key = ?
                UNION
                SELECT d.path, d.title, c.id, c.ord, c.start_offset, c.end_offset FROM relation_chunks m
                JOIN chunks c ON c.id = m.chunk_id JOIN documents d ON d.id = c.document_id
                WHERE m.source_key = ? OR m.target_key = ?
                ORDER BY 1, 4
                """, arguments: [key, key, key]).map { source in
                EntityDetails.Source(documentPath: source[0], documentTitle: source[1], chunkID: source[2],
                                     chunkOrder: source[3], startOffset: source[4], endOffset: source[5])
            }
            return EntityDetails(name: row["name"], type: row["type"], description: row["description"], aliases: aliases,
                                 relations: relations, sources: sources)
        }
    }
}
