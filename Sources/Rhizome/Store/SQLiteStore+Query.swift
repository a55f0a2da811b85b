import Foundation
import GRDB

extension SQLiteStore: QueryStore {
    /// SQL for the degree of the entity row `alias` (relations where it is either endpoint, both indexed).
    static func degreeSQL(_ alias: String) -> String {
        "((SELECT COUNT(*) FROM relations WHERE source_id = \(alias).id) + (SELECT COUNT(*) FROM relations WHERE target_id = \(alias).id))"
    }

    private static let entityColumns = "e.id, e.name, e.type, e.description, \(degreeSQL("e"))"
    private static let relationColumns = """
        r.id, s.name, t.name, r.keyword_list, r.description, r.weight, s.id, t.id,
        \(degreeSQL("s")) + \(degreeSQL("t")), s.key, t.key
        """

    public func entities(ids: [Int64]) async throws(StoreError) -> [RetrievedEntity] {
        let found: [Int64: RetrievedEntity] = try await read { db in
            var found: [Int64: RetrievedEntity] = [:]
            for batch in ids.batched(500) {
                for row in try Row.fetchAll(db, sql: "SELECT \(Self.entityColumns) FROM entities e WHERE e.id IN (\(databaseQuestionMarks(count: batch.count)))",
                                            arguments: StatementArguments(Array(batch))) {
                    found[row[0]] = RetrievedEntity(id: row[0], name: row[1], type: row[2], description: row[3], degree: row[4], score: 0)
                }
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }

    public func relations(ids: [Int64]) async throws(StoreError) -> [RetrievedRelation] {
        let found = try await fetchRelations(where: "r.id IN", ids: ids)
        return ids.compactMap { id in found.first { $0.id == id } }
    }

    public func relations(ofEntities entityIDs: [Int64]) async throws(StoreError) -> [RetrievedRelation] {
        let sources = try await fetchRelations(where: "r.source_id IN", ids: entityIDs)
        let targets = try await fetchRelations(where: "r.target_id IN", ids: entityIDs)
        var seen: Set<Int64> = []
        return (sources + targets).filter { seen.insert($0.id).inserted }
    }

    private func fetchRelations(where condition: String, ids: [Int64]) async throws(StoreError) -> [RetrievedRelation] {
        try await read { db in
            try ids.batched(500).flatMap { batch in
                try Row.fetchAll(db, sql: """
                    SELECT \(Self.relationColumns) FROM relations r
                    JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
                    WHERE \(condition) (\(databaseQuestionMarks(count: batch.count))) ORDER BY r.id
                    """, arguments: StatementArguments(Array(batch))).map { row in
                    // Relations are undirected: the endpoint with the smaller key is named first, whatever
                    // the ids (which follow the order things were stored in).
                    let flip = (row[9] as String) > (row[10] as String)
                    return RetrievedRelation(id: row[0], sourceID: row[flip ? 7 : 6], targetID: row[flip ? 6 : 7],
                                             source: row[flip ? 2 : 1], target: row[flip ? 1 : 2],
                                             keywords: Self.stringArray(fromJSON: row[3]), description: row[4], weight: row[5],
                                             degree: row[8], score: 0)
                }
            }
        }
    }

    public func supportingChunks(ofEntities entityIDs: [Int64]) async throws(StoreError) -> [Int64: [String]] {
        try await read { db in
            var found: [Int64: Set<String>] = [:]
            for batch in entityIDs.batched(300) {
                let marks = databaseQuestionMarks(count: batch.count)
                for row in try Row.fetchAll(db, sql: """
                    SELECT e.id, m.chunk_id FROM entities e JOIN entity_chunks m ON m.entity_key = e.key WHERE e.id IN (\(marks))
                    UNION ALL
                    SELECT e.id, m.chunk_id FROM entities e JOIN relation_chunks m ON m.source_key = e.key WHERE e.id IN (\(marks))
                    UNION ALL
                    SELECT e.id, m.chunk_id FROM entities e JOIN relation_chunks m ON m.target_key = e.key WHERE e.id IN (\(marks))
                    """, arguments: StatementArguments(Array(batch) + Array(batch) + Array(batch))) {
                    found[row[0], default: []].insert(row[1])
                }
            }
            return found.mapValues { $0.sorted() }
        }
    }

    public func supportingChunks(ofRelations relationIDs: [Int64]) async throws(StoreError) -> [Int64: [String]] {
        try await read { db in
            var found: [Int64: [String]] = [:]
            for batch in relationIDs.batched(500) {
                for row in try Row.fetchAll(db, sql: """
                    SELECT DISTINCT r.id, m.chunk_id FROM relations r
                    JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
                    JOIN relation_chunks m ON m.source_key = min(s.key, t.key) AND m.target_key = max(s.key, t.key)
                    WHERE r.id IN (\(databaseQuestionMarks(count: batch.count))) ORDER BY 1, 2
                    """, arguments: StatementArguments(Array(batch))) {
                    found[row[0], default: []].append(row[1])
                }
            }
            return found
        }
    }

    public func chunks(ids: [String]) async throws(StoreError) -> [RetrievedChunk] {
        let found: [String: RetrievedChunk] = try await read { db in
            var found: [String: RetrievedChunk] = [:]
            for batch in ids.batched(500) {
                for row in try Row.fetchAll(db, sql: """
                    SELECT c.id, d.path, d.title, c.heading_path, c.text, c.start_offset, c.end_offset
                    FROM chunks c JOIN documents d ON d.id = c.document_id
                    WHERE c.id IN (\(databaseQuestionMarks(count: batch.count)))
                    """, arguments: StatementArguments(Array(batch))) {
                    found[row[0]] = RetrievedChunk(id: row[0], documentPath: row[1], documentTitle: row[2],
                                                   headingPath: Self.stringArray(fromJSON: row[3]), text: row[4],
                                                   startOffset: row[5], endOffset: row[6], score: 0)
                }
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }

    /// The FTS5 expression for `terms` (see `FullTextQuery`), token frequencies read from `vocabulary` with
    /// one equality lookup each (fts5vocab answers `term = ?` from the index but scans for IN) and
    /// remembered until the index grows or shrinks. Nil when no term is left (the vector search still runs).
    func selectiveMatch(_ terms: [String], vocabulary: String, rows: Int, joiner: String, db: Database) throws -> String? {
        let statement = try db.cachedStatement(sql: "SELECT doc FROM \(vocabulary) WHERE term = ?")
        let query = FullTextQuery(analyzer: UnicodeTextAnalyzer(), rows: rows) { token in
            let key = vocabulary + "\u{0}" + token
            if let known = self.termFrequencies.withLock({ $0[key] }), known.rows == rows { return known.documents }
            let documents = try Int.fetchOne(statement, arguments: [token])
            self.termFrequencies.withLock { $0[key] = (rows, documents) }
            return documents
        }
        return try query.expression(for: terms, joiner: joiner)
    }

    public func lexicalChunks(matching terms: [String], limit: Int) async throws(StoreError) -> [String] {
        try await read { db in
            let rows = try Int.fetchOne(db, sql: "SELECT MAX(rowid) FROM chunks") ?? 0
            guard let match = try self.selectiveMatch(terms, vocabulary: "chunks_fts_terms", rows: rows, joiner: " OR ", db: db) else {
                return []
            }
            return try String.fetchAll(db, sql: """
                WITH best AS (SELECT rowid, bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ?
                              ORDER BY score, rowid LIMIT ?)
                SELECT c.id FROM best JOIN chunks c ON c.rowid = best.rowid ORDER BY best.score, c.id
                """, arguments: [match, limit])
        }
    }

    public func lexicalEntities(matching terms: [String], limit: Int) async throws(StoreError) -> [Int64] {
        try await lexicalEntities(terms, joiner: " AND ", limit: limit)
    }

    public func lexicalEntities(matchingAny terms: [String], limit: Int) async throws(StoreError) -> [Int64] {
        try await lexicalEntities(terms, joiner: " OR ", limit: limit)
    }

    private func lexicalEntities(_ terms: [String], joiner: String, limit: Int) async throws(StoreError) -> [Int64] {
        // Names and aliases count ten times as much as descriptions.
        try await lexicalIDs(terms, joiner: joiner, limit: limit, rowsOf: "entities", vocabulary: "entity_names_fts_terms", search: """
            SELECT f.rowid FROM entity_names_fts f JOIN entities e ON e.id = f.rowid WHERE entity_names_fts MATCH ?
            ORDER BY bm25(entity_names_fts, 10.0, 10.0, 1.0), e.key LIMIT ?
            """)
    }

    public func lexicalRelations(matching terms: [String], limit: Int) async throws(StoreError) -> [Int64] {
        try await lexicalRelations(terms, joiner: " AND ", limit: limit)
    }

    public func lexicalRelations(matchingAny terms: [String], limit: Int) async throws(StoreError) -> [Int64] {
        try await lexicalRelations(terms, joiner: " OR ", limit: limit)
    }

    /// Ties go to the endpoints' keys, not the row ids, which depend on the order files were ingested in.
    private func lexicalRelations(_ terms: [String], joiner: String, limit: Int) async throws(StoreError) -> [Int64] {
        try await lexicalIDs(terms, joiner: joiner, limit: limit, rowsOf: "relations", vocabulary: "relations_fts_terms", search: """
            SELECT f.rowid FROM relations_fts f JOIN relations r ON r.id = f.rowid
                JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
            WHERE relations_fts MATCH ? ORDER BY bm25(relations_fts), s.key, t.key LIMIT ?
            """)
    }

    /// The ids `search` returns for the FTS5 expression of `terms` (terms in most rows of `table` left out)
    /// and `limit`; none when no term is selective.
    private func lexicalIDs(_ terms: [String], joiner: String, limit: Int, rowsOf table: String, vocabulary: String,
                            search: String) async throws(StoreError) -> [Int64] {
        try await read { db in
            let rows = try Int.fetchOne(db, sql: "SELECT MAX(id) FROM \(table)") ?? 0   // about the row count, without a scan
            guard let match = try self.selectiveMatch(terms, vocabulary: vocabulary, rows: rows, joiner: joiner, db: db) else {
                return []
            }
            return try Int64.fetchAll(db, sql: search, arguments: [match, limit])
        }
    }

    public func entityNames(forKeys keys: [String]) async throws(StoreError) -> [String: String] {
        try await read { db in
            var names: [String: String] = [:]
            for batch in Array(Set(keys)).sorted().batched(500) {
                for row in try Row.fetchAll(db, sql: "SELECT key, name FROM entities WHERE key IN (\(databaseQuestionMarks(count: batch.count)))",
                                            arguments: StatementArguments(Array(batch))) {
                    names[row[0]] = row[1]
                }
            }
            return names
        }
    }

    public func vectorVersion(_ target: EmbeddingTarget) async throws(StoreError) -> Int {
        try await read { db in
            try Int.fetchOne(db, sql: "SELECT version FROM vector_versions WHERE target = ?", arguments: [target.rawValue]) ?? -1
        }
    }

    /// Every vector of `target`: from its snapshot when the snapshot is current (one read of two blobs),
    /// else row by row, then saved as the new snapshot when the store can be written.
    public func storedVectors(_ target: EmbeddingTarget) async throws(StoreError) -> VectorMatrix {
        let (version, snapshot) = try await read { db in
            (try Int.fetchOne(db, sql: "SELECT version FROM vector_versions WHERE target = ?", arguments: [target.rawValue]) ?? -1,
             try Self.snapshot(target, db: db))
        }
        if let snapshot, snapshot.version == version { return snapshot.matrix }
        let matrix = try await vectorsRowByRow(target)
        if !isReadOnly { try? await saveSnapshot(matrix, target: target, version: version) }
        return matrix
    }

    private static func snapshot(_ target: EmbeddingTarget, db: Database) throws -> (version: Int, matrix: VectorMatrix)? {
        guard let row = try Row.fetchOne(db, sql: "SELECT version, dimension, keys, columns FROM vector_snapshots WHERE target = ?",
                                         arguments: [target.rawValue]) else { return nil }
        let keysText: String = row["keys"]
        let keys = keysText.isEmpty ? [] : keysText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let dimension: Int = row["dimension"]
        let blob: Data = row["columns"]
        guard blob.count == keys.count * dimension * MemoryLayout<Float>.size else { return nil }
        let columns = blob.withUnsafeBytes { [Float]($0.bindMemory(to: Float.self)) }
        return (row["version"], VectorMatrix(keys: keys, dimension: dimension, columns: columns))
    }

    /// Saves `matrix` as the snapshot of `target` at `version`, unless the vectors changed meanwhile.
    private func saveSnapshot(_ matrix: VectorMatrix, target: EmbeddingTarget, version: Int) async throws(StoreError) {
        let blob = matrix.columnValues.withUnsafeBufferPointer { Data(buffer: $0) }
        try await write { db in
            guard try Int.fetchOne(db, sql: "SELECT version FROM vector_versions WHERE target = ?", arguments: [target.rawValue]) == version
            else { return }
            try db.execute(sql: """
                INSERT OR REPLACE INTO vector_snapshots (target, version, dimension, keys, columns) VALUES (?, ?, ?, ?, ?)
                """, arguments: [target.rawValue, version, matrix.dimension, matrix.keys.joined(separator: "\n"), blob])
        }
    }

    private func vectorsRowByRow(_ target: EmbeddingTarget) async throws(StoreError) -> VectorMatrix {
        let sql = switch target {
        case .entity: "SELECT CAST(id AS TEXT), embedding FROM entities WHERE embedding IS NOT NULL ORDER BY id"
        case .relation: "SELECT CAST(id AS TEXT), embedding FROM relations WHERE embedding IS NOT NULL ORDER BY id"
        case .chunk: "SELECT id, embedding FROM chunks WHERE embedding IS NOT NULL ORDER BY id"
        }
        return try await read { db in
            var keys: [String] = []
            var values: [Float] = []
            var dimension = 0
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                let added = try row.withUnsafeData(atIndex: 1) { blob -> Bool in
                    let width = (blob?.count ?? 0) / MemoryLayout<Float>.size
                    if dimension == 0 { dimension = width }
                    guard let blob, width == dimension, width > 0 else { return false }
                    blob.withUnsafeBytes { values.append(contentsOf: $0.bindMemory(to: Float.self)) }
                    return true
                }
                if added { keys.append(row[0]) }
            }
            return VectorMatrix(keys: keys, dimension: dimension, values: values)
        }
    }

    public func isEmptyForQueries() async throws(StoreError) -> Bool {
        try await read { db in try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM chunks)") ?? 0 } == 0
    }


}
