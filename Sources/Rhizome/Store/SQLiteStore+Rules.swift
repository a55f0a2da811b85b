import Foundation
import GRDB

/// The graph's rules (merges, deletions, edited fields) and the single-row mention deletes edits need.
extension SQLiteStore {
    public func graphRules() async throws(StoreError) -> GraphRules {
        let version = try await read { db in try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'rules_version'") } ?? ""
        if let cached = cachedRules.withLock({ $0 }), cached.version == version { return cached.rules }
        let rules = try await readRules()
        cachedRules.withLock { $0 = (version, rules) }
        return rules
    }

    private func readRules() async throws(StoreError) -> GraphRules {
        try await read { db in
            var rules = GraphRules()
            for row in try Row.fetchAll(db, sql: "SELECT key, action, target_key FROM entity_rules") {
                if (row["action"] as String) == "delete" {
                    rules.deletedEntities.insert(row["key"])
                } else {
                    rules.mergedInto[row["key"]] = row["target_key"] as String
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT source_key, target_key FROM relation_rules") {
                rules.deletedRelations.insert(RelationKey(row[0], row[1]))
            }
            for row in try Row.fetchAll(db, sql: "SELECT key, name, type, description, aliases FROM entity_overrides") {
                rules.entityOverrides[row["key"]] = EntityOverride(name: row["name"], type: row["type"], description: row["description"],
                                                                   aliases: Self.stringArray(fromJSON: row["aliases"]))
            }
            for row in try Row.fetchAll(db, sql: "SELECT source_key, target_key, keywords, description FROM relation_overrides") {
                let keywords: String? = row["keywords"]
                rules.relationOverrides[RelationKey(row[0], row[1])] = RelationOverride(
                    keywords: keywords.map(Self.stringArray(fromJSON:)), description: row["description"])
            }
            return rules
        }
    }

    /// Replaces the stored rules with `rules` (they are few: one per decision a person took).
    static func writeRules(_ rules: GraphRules, stamp: String, db: Database) throws {
        try db.execute(sql: """
            INSERT INTO settings (key, value) VALUES ('rules_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """, arguments: [UUID().uuidString])
        for table in ["entity_rules", "relation_rules", "entity_overrides", "relation_overrides"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
        for (key, target) in rules.mergedInto {
            try db.execute(sql: "INSERT INTO entity_rules (key, action, target_key, created_at) VALUES (?, 'merge', ?, ?)",
                           arguments: [key, target, stamp])
        }
        for key in rules.deletedEntities {
            try db.execute(sql: "INSERT INTO entity_rules (key, action, target_key, created_at) VALUES (?, 'delete', NULL, ?)",
                           arguments: [key, stamp])
        }
        for pair in rules.deletedRelations {
            try db.execute(sql: "INSERT INTO relation_rules (source_key, target_key, created_at) VALUES (?, ?, ?)",
                           arguments: [pair.source, pair.target, stamp])
        }
        for (key, change) in rules.entityOverrides {
            try db.execute(sql: """
                INSERT INTO entity_overrides (key, name, type, description, aliases, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [key, change.name, change.type, change.description, json(change.aliases), stamp])
        }
        for (pair, change) in rules.relationOverrides {
            try db.execute(sql: """
                INSERT INTO relation_overrides (source_key, target_key, keywords, description, updated_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [pair.source, pair.target, change.keywords.map(json), change.description, stamp])
        }
    }

    /// Deletes single mention rows, and every mention row of `chunks` (chunks that stay but whose mentions
    /// are replaced, as when a file is imported again).
    static func deleteMentions(entities: [EntityMention], relations: [RelationMention], chunks: [String], db: Database) throws {
        for batch in chunks.batched(500) {
            let marks = databaseQuestionMarks(count: batch.count)
            try db.execute(sql: "DELETE FROM entity_chunks WHERE chunk_id IN (\(marks))", arguments: StatementArguments(Array(batch)))
            try db.execute(sql: "DELETE FROM relation_chunks WHERE chunk_id IN (\(marks))", arguments: StatementArguments(Array(batch)))
        }
        let entity = try db.makeStatement(sql: "DELETE FROM entity_chunks WHERE chunk_id = ? AND entity_key = ?")
        for mention in entities { try entity.execute(arguments: [mention.chunkID, mention.key]) }
        let relation = try db.makeStatement(sql: "DELETE FROM relation_chunks WHERE chunk_id = ? AND source_key = ? AND target_key = ?")
        for mention in relations { try relation.execute(arguments: [mention.chunkID, mention.key.source, mention.key.target]) }
    }
}
