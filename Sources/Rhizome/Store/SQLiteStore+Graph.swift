import Foundation
import GRDB

extension SQLiteStore: GraphStore {
    public func chunkIDs(ofDocument id: String) async throws(StoreError) -> [String] {
        try await read { db in try String.fetchAll(db, sql: "SELECT id FROM chunks WHERE document_id = ? ORDER BY ord", arguments: [id]) }
    }

    public func storedExtractions(chunkIDs: [String], extractor: String) async throws(StoreError) -> [String: ChunkExtraction] {
        guard !chunkIDs.isEmpty else { return [:] }
        return try await read { db in
            var found: [String: ChunkExtraction] = [:]
            for batch in chunkIDs.batched(500) {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT chunk_id, records FROM chunk_extractions
                    WHERE extractor = ? AND chunk_id IN (\(databaseQuestionMarks(count: batch.count)))
                    """, arguments: StatementArguments([extractor] + batch))
                for row in rows {
                    let records: String = row["records"]
                    found[row["chunk_id"]] = try? JSONDecoder().decode(ChunkExtraction.self, from: Data(records.utf8))
                }
            }
            return found
        }
    }

    public func entityMentions(keys: Set<String>) async throws(StoreError) -> [EntityMention] {
        guard !keys.isEmpty else { return [] }
        return try await read { db in
            try Array(keys).sorted().batched(500).flatMap { batch in
                try Row.fetchAll(db, sql: """
                    SELECT m.chunk_id, m.entity_key, m.name, m.type, m.description, d.path, c.ord, m.aliases
                    FROM entity_chunks m JOIN chunks c ON c.id = m.chunk_id JOIN documents d ON d.id = c.document_id
                    WHERE m.entity_key IN (\(databaseQuestionMarks(count: batch.count)))
                    """, arguments: StatementArguments(batch)).map { row in
                    EntityMention(chunkID: row[0], key: row[1], name: row[2], type: row[3], description: row[4],
                                  documentPath: row[5], chunkOrder: row[6], aliases: Self.stringArray(fromJSON: row[7]))
                }
            }
        }
    }

    public func relationMentions(touching keys: Set<String>) async throws(StoreError) -> [RelationMention] {
        guard !keys.isEmpty else { return [] }
        return try await read { db in
            var seen: Set<String> = []
            var mentions: [RelationMention] = []
            for batch in Array(keys).sorted().batched(400) {
                let marks = databaseQuestionMarks(count: batch.count)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT m.chunk_id, m.source_key, m.target_key, m.source_name, m.target_name, m.keywords,
                           m.description, d.path, c.ord
                    FROM relation_chunks m JOIN chunks c ON c.id = m.chunk_id JOIN documents d ON d.id = c.document_id
                    WHERE m.source_key IN (\(marks)) OR m.target_key IN (\(marks))
                    """, arguments: StatementArguments(batch + batch))
                for row in rows {
                    let identity = "\(row[0] as String)\u{0}\(row[1] as String)\u{0}\(row[2] as String)"
                    guard seen.insert(identity).inserted else { continue }
                    mentions.append(RelationMention(
                        chunkID: row[0], key: RelationKey(row[1], row[2]), sourceName: row[3], targetName: row[4],
                        keywords: Self.stringArray(fromJSON: row[5]), description: row[6], documentPath: row[7],
                        chunkOrder: row[8]))
                }
            }
            return mentions
        }
    }

    public func relationMentions(pairs: Set<RelationKey>) async throws(StoreError) -> [RelationMention] {
        guard !pairs.isEmpty else { return [] }
        return try await read { db in
            try pairs.sorted().batched(400).flatMap { batch in
                let conditions = Array(repeating: "(m.source_key = ? AND m.target_key = ?)", count: batch.count).joined(separator: " OR ")
                return try Row.fetchAll(db, sql: """
                    SELECT m.chunk_id, m.source_key, m.target_key, m.source_name, m.target_name, m.keywords,
                           m.description, d.path, c.ord
                    FROM relation_chunks m JOIN chunks c ON c.id = m.chunk_id JOIN documents d ON d.id = c.document_id
                    WHERE \(conditions)
                    """, arguments: StatementArguments(batch.flatMap { [$0.source, $0.target] })).map { row in
                    RelationMention(chunkID: row[0], key: RelationKey(row[1], row[2]), sourceName: row[3], targetName: row[4],
                                    keywords: Self.stringArray(fromJSON: row[5]), description: row[6], documentPath: row[7],
                                    chunkOrder: row[8])
                }
            }
        }
    }

    public func endpointNameCounts(keys: Set<String>, excludingChunks excludedChunks: [String]) async throws(StoreError) -> [String: [String: Int]] {
        guard !keys.isEmpty else { return [:] }
        return try await read { db in
            var counts: [String: [String: Int]] = [:]
            func add(_ sql: String, _ arguments: [String], sign: Int) throws {
                for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)) {
                    counts[row[0] as String, default: [:]][row[1] as String, default: 0] += sign * (row[2] as Int)
                }
            }
            for batch in Array(keys).sorted().batched(400) {
                let marks = databaseQuestionMarks(count: batch.count)
                try add("SELECT source_key, source_name, COUNT(*) FROM relation_chunks WHERE source_key IN (\(marks)) GROUP BY 1, 2",
                        Array(batch), sign: 1)
                try add("SELECT target_key, target_name, COUNT(*) FROM relation_chunks WHERE target_key IN (\(marks)) GROUP BY 1, 2",
                        Array(batch), sign: 1)
            }
            for batch in excludedChunks.batched(400) {
                let marks = databaseQuestionMarks(count: batch.count)
                try add("SELECT source_key, source_name, COUNT(*) FROM relation_chunks WHERE chunk_id IN (\(marks)) GROUP BY 1, 2",
                        Array(batch), sign: -1)
                try add("SELECT target_key, target_name, COUNT(*) FROM relation_chunks WHERE chunk_id IN (\(marks)) GROUP BY 1, 2",
                        Array(batch), sign: -1)
            }
            return counts.filter { keys.contains($0.key) }.mapValues { $0.filter { $0.value > 0 } }.filter { !$0.value.isEmpty }
        }
    }

    public func mentionKeys(ofChunks chunkIDs: [String]) async throws(StoreError) -> (entities: Set<String>, relations: Set<RelationKey>) {
        guard !chunkIDs.isEmpty else { return ([], []) }
        return try await read { db in
            var entities: Set<String> = []
            var relations: Set<RelationKey> = []
            for batch in chunkIDs.batched(500) {
                let marks = databaseQuestionMarks(count: batch.count)
                entities.formUnion(try String.fetchAll(db, sql: "SELECT entity_key FROM entity_chunks WHERE chunk_id IN (\(marks))",
                                                       arguments: StatementArguments(batch)))
                for row in try Row.fetchAll(db, sql: "SELECT source_key, target_key FROM relation_chunks WHERE chunk_id IN (\(marks))",
                                            arguments: StatementArguments(batch)) {
                    relations.insert(RelationKey(row[0], row[1]))
                }
            }
            return (entities, relations)
        }
    }

    public func entity(named name: String) async throws(StoreError) -> (key: String, name: String)? {
        try await read { db in
            let row = try Row.fetchOne(db, sql: "SELECT key, name FROM entities WHERE key = ?", arguments: [EntityKey.of(name)])
                ?? Row.fetchOne(db, sql: """
                    SELECT e.key, e.name FROM entity_aliases a JOIN entities e ON e.id = a.entity_id
                    WHERE a.alias = ? COLLATE NOCASE ORDER BY e.id LIMIT 1
                    """, arguments: [name])
            return row.map { ($0[0], $0[1]) }
        }
    }

    public func existingEntityKeys(_ keys: Set<String>) async throws(StoreError) -> Set<String> {
        try await read { db in
            try Set(keys.sorted().batched(500).flatMap { batch in
                try String.fetchAll(db, sql: "SELECT key FROM entities WHERE key IN (\(databaseQuestionMarks(count: batch.count)))",
                                    arguments: StatementArguments(Array(batch)))
            })
        }
    }

    public func chunkPlaces(_ ids: Set<String>) async throws(StoreError) -> [String: (path: String, order: Int)] {
        try await read { db in
            var places: [String: (path: String, order: Int)] = [:]
            for batch in ids.sorted().batched(500) {
                for row in try Row.fetchAll(db, sql: """
                    SELECT c.id, d.path, c.ord FROM chunks c JOIN documents d ON d.id = c.document_id
                    WHERE c.id IN (\(databaseQuestionMarks(count: batch.count)))
                    """, arguments: StatementArguments(Array(batch))) {
                    places[row[0]] = (row[1], row[2])
                }
            }
            return places
        }
    }

    public func storedDocumentPaths(_ paths: Set<String>) async throws(StoreError) -> Set<String> {
        try await read { db in
            try Set(paths.sorted().batched(500).flatMap { batch in
                try String.fetchAll(db, sql: "SELECT path FROM documents WHERE path IN (\(databaseQuestionMarks(count: batch.count)))",
                                    arguments: StatementArguments(Array(batch)))
            })
        }
    }

    public func graphVersion() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT version FROM graph_version WHERE id = 1") ?? 0 }
    }

    public func commit(_ commit: GraphCommit) async throws(StoreError) {
        let stamp = Self.timestamp(now())
        try await write { db in
            let version = try Int.fetchOne(db, sql: "SELECT version FROM graph_version WHERE id = 1") ?? 0
            if let based = commit.basedOnVersion, based != version { throw StoreError.concurrentChange }
            try db.execute(sql: "UPDATE graph_version SET version = version + 1 WHERE id = 1")
            for change in commit.documents {
                switch change {
                case .replace(let document, let id, let chunks):
                    try Self.writeDocument(document, id: id, chunks: chunks, stamp: stamp, db: db)
                case .delete(let id):
                    try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
                }
            }
            try Self.deleteMentions(entities: commit.mentions.removedEntities, relations: commit.mentions.removedRelations,
                                    chunks: commit.mentions.removedChunks, db: db)
            try Self.writeMentions(commit.mentions.added, db: db)
            for (chunkID, extractor, extraction) in commit.extractions {
                let records = String(decoding: try JSONEncoder().encode(extraction), as: UTF8.self)
                try db.execute(sql: """
                    INSERT INTO chunk_extractions (chunk_id, records, created_at, extractor) VALUES (?, ?, ?, ?)
                    ON CONFLICT (chunk_id) DO UPDATE SET records = excluded.records, extractor = excluded.extractor,
                        created_at = excluded.created_at
                    """, arguments: [chunkID, records, stamp, extractor])
            }
            if let rules = commit.rules { try Self.writeRules(rules, stamp: stamp, db: db) }
            try Self.writeEntities(commit.graph.entities, removed: commit.graph.removedEntityKeys, preferredIDs: commit.preferredEntityIDs,
                                   stamp: stamp, db: db)
            try Self.writeRelations(commit.graph.relations, removed: commit.graph.removedRelationKeys,
                                    preferredIDs: commit.preferredRelationIDs, stamp: stamp, db: db)
        }
    }
}

extension Array {
    /// The array cut into consecutive pieces of at most `size` elements.
    func batched(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
