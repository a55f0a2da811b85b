import Foundation
import GRDB

extension SQLiteStore: ExportStore {
    private static let nodeColumns = """
        e.id, e.name, e.type, e.description,
        (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias)),
        \(degreeSQL("e")),
        (SELECT json_group_array(chunk_id) FROM (SELECT chunk_id FROM entity_chunks WHERE entity_key = e.key ORDER BY chunk_id)),
        (SELECT json_group_array(path) FROM (SELECT DISTINCT d.path FROM entity_chunks m JOIN chunks c ON c.id = m.chunk_id
                                             JOIN documents d ON d.id = c.document_id WHERE m.entity_key = e.key ORDER BY d.path))
        """
    private static let edgeColumns = """
        r.id, r.source_id, r.target_id, s.name, t.name, r.keyword_list, r.description, r.weight, s.type, t.type,
        (SELECT json_group_array(chunk_id) FROM (SELECT chunk_id FROM relation_chunks
            WHERE source_key = min(s.key, t.key) AND target_key = max(s.key, t.key) ORDER BY chunk_id)),
        (SELECT json_group_array(path) FROM (SELECT DISTINCT d.path FROM relation_chunks m JOIN chunks c ON c.id = m.chunk_id
            JOIN documents d ON d.id = c.document_id
            WHERE m.source_key = min(s.key, t.key) AND m.target_key = max(s.key, t.key) ORDER BY d.path))
        """

    public func forEachNode(_ selection: GraphSelection, _ body: (ExportNode) throws -> Void) throws {
        let types = selection.types.map { Array($0).sorted() }
        let typeFilter = types.map { " AND e.type IN (\(databaseQuestionMarks(count: $0.count)))" } ?? ""
        try read { db in
            func emit(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments)!)
                while let row = try rows.next() {
                    try body(ExportNode(id: row[0], name: row[1], type: row[2], description: row[3],
                                        aliases: Self.stringArray(fromJSON: row[4]), degree: row[5],
                                        chunks: Self.stringArray(fromJSON: row[6]), documents: Self.stringArray(fromJSON: row[7])))
                }
            }
            if let ids = selection.entityIDs {
                for batch in ids.sorted().batched(500) {
                    try emit("SELECT \(Self.nodeColumns) FROM entities e WHERE e.id IN (\(databaseQuestionMarks(count: batch.count)))\(typeFilter) ORDER BY e.id",
                             Array(batch) + (types ?? []))
                }
            } else {
                try emit("SELECT \(Self.nodeColumns) FROM entities e WHERE 1\(typeFilter) ORDER BY e.id", types ?? [])
            }
        }
    }

    public func forEachEdge(_ selection: GraphSelection, _ body: (ExportEdge) throws -> Void) throws {
        let types = selection.types
        try read { db in
            func emit(_ sql: String, _ arguments: [any DatabaseValueConvertible]) throws {
                let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments)!)
                while let row = try rows.next() {
                    let (id, source, target): (Int64, Int64, Int64) = (row[0], row[1], row[2])
                    if let ids = selection.entityIDs, !ids.contains(source) || !ids.contains(target) { continue }
                    if let relations = selection.relationIDs, !relations.contains(id) { continue }
                    if let types, !types.contains(row[8] as String) || !types.contains(row[9] as String) { continue }
                    try body(ExportEdge(id: id, sourceID: source, targetID: target, source: row[3], target: row[4],
                                        keywords: Self.stringArray(fromJSON: row[5]), description: row[6], weight: row[7],
                                        chunks: Self.stringArray(fromJSON: row[10]), documents: Self.stringArray(fromJSON: row[11])))
                }
            }
            let joins = "FROM relations r JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id"
            if let ids = selection.entityIDs {
                for batch in ids.sorted().batched(500) {
                    try emit("SELECT \(Self.edgeColumns) \(joins) WHERE r.source_id IN (\(databaseQuestionMarks(count: batch.count))) AND r.weight >= ? ORDER BY r.id",
                             Array(batch) + [selection.minWeight])
                }
            } else {
                try emit("SELECT \(Self.edgeColumns) \(joins) WHERE r.weight >= ? ORDER BY r.id", [selection.minWeight])
            }
        }
    }

    public func neighbours(of ids: Set<Int64>) throws -> [(id: Int64, degree: Int)] {
        try read { db in
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

    public func entityID(named name: String) throws -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM entities WHERE key = ?", arguments: [EntityKey.of(name)])
                ?? Int64.fetchOne(db, sql: "SELECT entity_id FROM entity_aliases WHERE alias = ? COLLATE NOCASE ORDER BY entity_id LIMIT 1",
                                  arguments: [name])
        }
    }

    public func forEachChunk(_ ids: Set<String>, _ body: (ExportChunk) throws -> Void) throws {
        var chunks: [ExportChunk] = []
        try read { db in
            for batch in ids.sorted().batched(500) {
                for row in try Row.fetchAll(db, sql: """
                    SELECT c.id, d.path, d.title, c.ord, c.heading_path, c.start_offset, c.end_offset, c.text
                    FROM chunks c JOIN documents d ON d.id = c.document_id
                    WHERE c.id IN (\(databaseQuestionMarks(count: batch.count)))
                    """, arguments: StatementArguments(Array(batch))) {
                    chunks.append(ExportChunk(id: row[0], document: row[1], documentTitle: row[2], order: row[3],
                                              headingPath: Self.stringArray(fromJSON: row[4]), start: row[5], end: row[6], text: row[7]))
                }
            }
        }
        for chunk in chunks.sorted(by: { ($0.document, $0.order) < ($1.document, $1.order) }) { try body(chunk) }
    }

    public func documentSubgraph(_ pathOrID: String) throws -> (entities: Set<Int64>, relations: Set<Int64>) {
        let id = try document(pathOrID).id
        return try read { db in
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
