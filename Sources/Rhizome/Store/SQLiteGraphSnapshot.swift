import Foundation
import GRDB

/// The graph as it was when the export began, read a page at a time: an ingest that commits meanwhile
/// changes nothing this reader returns (a WAL snapshot), and no page waits on the export's writer.
struct SQLiteGraphSnapshot: GraphSnapshot {
    /// A connection held in one read transaction (a pool's snapshot), or the store's own reader when it was
    /// opened read-only (nothing in this process writes then).
    let reader: any DatabaseReader
    static let pageSize = 500

    private static let nodeColumns = """
        e.id, e.name, e.type, e.description,
        (SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias)),
        \(SQLiteStore.degreeSQL("e")),
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
    private static let edgeJoins = "FROM relations r JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id"

    func forEachNode(_ selection: GraphSelection, _ body: (ExportNode) async throws -> Void) async throws {
        let types = selection.types.map { Array($0).sorted() } ?? []
        let typeFilter = types.isEmpty ? "" : " AND e.type IN (\(databaseQuestionMarks(count: types.count)))"
        for scope in Self.idScopes(selection.entityIDs, column: "e.id") {
            let sql = "SELECT \(Self.nodeColumns) FROM entities e WHERE e.id > ?\(scope.filter)\(typeFilter) ORDER BY e.id LIMIT ?"
            try await forEachPage(sql: sql, arguments: scope.ids + types, id: \.id, decode: { row in
                ExportNode(id: row[0], name: row[1], type: row[2], description: row[3],
                           aliases: SQLiteStore.stringArray(fromJSON: row[4]), degree: row[5],
                           chunks: SQLiteStore.stringArray(fromJSON: row[6]), documents: SQLiteStore.stringArray(fromJSON: row[7]))
            }, body)
        }
    }

    func forEachEdge(_ selection: GraphSelection, _ body: (ExportEdge) async throws -> Void) async throws {
        let types = selection.types
        for scope in Self.idScopes(selection.entityIDs, column: "r.source_id") {
            let sql = "SELECT \(Self.edgeColumns) \(Self.edgeJoins) WHERE r.id > ?\(scope.filter) AND r.weight >= ? ORDER BY r.id LIMIT ?"
            try await forEachPage(sql: sql, arguments: scope.ids + [selection.minWeight], id: \.edge.id, decode: { row in
                (edge: ExportEdge(id: row[0], sourceID: row[1], targetID: row[2], source: row[3], target: row[4],
                                  keywords: SQLiteStore.stringArray(fromJSON: row[5]), description: row[6], weight: row[7],
                                  chunks: SQLiteStore.stringArray(fromJSON: row[10]), documents: SQLiteStore.stringArray(fromJSON: row[11])),
                 sourceType: row[8] as String, targetType: row[9] as String)
            }) { found in
                let edge = found.edge
                if let ids = selection.entityIDs, !ids.contains(edge.sourceID) || !ids.contains(edge.targetID) { return }
                if let relations = selection.relationIDs, !relations.contains(edge.id) { return }
                if let types, !types.contains(found.sourceType) || !types.contains(found.targetType) { return }
                try await body(edge)
            }
        }
    }

    func forEachChunk(_ ids: Set<String>, _ body: (ExportChunk) async throws -> Void) async throws {
        var chunks: [ExportChunk] = []
        for batch in ids.sorted().batched(Self.pageSize) {
            let arguments = Array(batch)
            chunks += try await read { db in
                try Row.fetchAll(db, sql: """
                    SELECT c.id, d.path, d.title, c.ord, c.heading_path, c.start_offset, c.end_offset, c.text
                    FROM chunks c JOIN documents d ON d.id = c.document_id
                    WHERE c.id IN (\(databaseQuestionMarks(count: arguments.count)))
                    """, arguments: StatementArguments(arguments)).map { row in
                    ExportChunk(id: row[0], document: row[1], documentTitle: row[2], order: row[3],
                                headingPath: SQLiteStore.stringArray(fromJSON: row[4]), start: row[5], end: row[6], text: row[7])
                }
            }
        }
        for chunk in chunks.sorted(by: { ($0.document, $0.order) < ($1.document, $1.order) }) { try await body(chunk) }
    }

    /// The whole table (no id list), or the listed ids in batches small enough for one statement.
    private static func idScopes(_ ids: Set<Int64>?, column: String) -> [(filter: String, ids: [any DatabaseValueConvertible & Sendable])] {
        guard let ids else { return [("", [])] }
        return ids.sorted().batched(pageSize).map { batch in
            (" AND \(column) IN (\(databaseQuestionMarks(count: batch.count)))", Array(batch))
        }
    }

    /// Runs `sql` (its first argument the id to start after, its last the page size) page by page, calling
    /// `body` for each decoded row between pages, so that `body` may suspend without holding a connection.
    private func forEachPage<Item: Sendable>(sql: String, arguments: [any DatabaseValueConvertible & Sendable],
                                             id: (Item) -> Int64, decode: @escaping @Sendable (Row) -> Item,
                                             _ body: (Item) async throws -> Void) async throws {
        var after: Int64 = .min
        while true {
            let start = after
            let page = try await read { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments([start] + arguments + [Self.pageSize])).map(decode)
            }
            for item in page { try await body(item) }
            guard page.count == Self.pageSize, let last = page.last.map(id) else { return }
            after = last
        }
    }

    private func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        try await SQLiteStore.read(from: reader, body)
    }
}
