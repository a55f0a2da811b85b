import Foundation
import GRDB

extension SQLiteStore: ExportStore {
    /// A reader of the graph as it is now, unchanged by later commits (see `SQLiteGraphSnapshot`).
    public func snapshot() async throws -> any GraphSnapshot {
        guard let pool = pool as? DatabasePool else { return SQLiteGraphSnapshot(reader: pool) }
        do { return SQLiteGraphSnapshot(reader: try pool.makeSnapshot()) } catch { throw Self.failure(error) }
    }

    public func neighbours(of ids: Set<Int64>) async throws -> [(id: Int64, degree: Int)] {
        try await read { db in
            var found: [Int64: Int] = [:]
            for batch in ids.sorted().batched(400) {
                let marks = databaseQuestionMarks(count: batch.count)
                for row in try Row.fetchAll(db, sql: """
                    SELECT n.id, \(Self.degreeSQL("n"))
                    FROM (SELECT target_id AS id FROM relations WHERE source_id IN (\(marks))
                          UNION SELECT source_id FROM relations WHERE target_id IN (\(marks))) n
                    """, arguments: StatementArguments(Array(batch) + Array(batch))) {
                    found[row[0]] = row[1]
                }
            }
            return found.map { ($0.key, $0.value) }
        }
    }

    public func entityID(named name: String) async throws -> Int64? {
        try await read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM entities WHERE key = ?", arguments: [EntityKey.of(name)])
                ?? Int64.fetchOne(db, sql: "SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE ORDER BY entity_id LIMIT 1",
                                  arguments: [name])
        }
    }

    public func documentSubgraph(_ pathOrID: String) async throws -> (entities: Set<Int64>, relations: Set<Int64>) {
        let id = try await document(pathOrID).id
        return try await read { db in
            let entities = try Int64.fetchAll(db, sql: """
                SELECT e.id FROM entities e WHERE e.key IN (
                    SELECT m.entity_key FROM entity_chunks m JOIN chunks c ON c.id = m.chunk_id WHERE c.document_id = ?1
                    UNION SELECT m.source_key FROM relation_chunks m JOIN chunks c ON c.id = m.chunk_id WHERE c.document_id = ?1
                    UNION SELECT m.target_key FROM relation_chunks m JOIN chunks c ON c.id = m.chunk_id WHERE c.document_id = ?1)
                """, arguments: [id])
            let relations = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT r.id FROM relation_chunks m JOIN chunks c ON c.id = m.chunk_id
                JOIN entities s ON s.key = m.source_key JOIN entities t ON t.key = m.target_key
                JOIN relations r ON r.source_id = min(s.id, t.id) AND r.target_id = max(s.id, t.id)
                WHERE c.document_id = ?
                """, arguments: [id])
            return (Set(entities), Set(relations))
        }
    }
}
