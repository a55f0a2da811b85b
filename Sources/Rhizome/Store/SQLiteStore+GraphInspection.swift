import Foundation
import GRDB

/// One entity in a list (search results, neighbours, rankings).
public struct EntitySummary: Sendable, Codable, Equatable {
    public var name: String
    public var type: String
    public var degree: Int
    public var description: String
    /// Hops from the starting entity (`graph neighbors` only).
    public var depth: Int?
}

/// One relation in a ranking.
public struct RelationSummary: Sendable, Codable, Equatable {
    public var source: String
    public var target: String
    public var keywords: [String]
    public var weight: Double
    public var description: String
}

extension SQLiteStore {
    public func graphStatistics() async throws(StoreError) -> GraphStatistics {
        try await read { db in
            let entities = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM entities") ?? 0
            let types = try Row.fetchAll(db, sql: "SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY 2 DESC, 1")
                .map { GraphStatistics.TypeCount(type: $0[0], entities: $0[1]) }
            var shape = GraphShape()
            let edges = try Row.fetchCursor(db, sql: "SELECT source_id, target_id FROM relations")
            while let edge = try edges.next() { shape.add(edge[0], edge[1]) }
            return shape.statistics(entities: entities, types: types)
        }
    }

    private static let summaryColumns = """
        e.name, e.type, \(degreeSQL("e")),
        e.description
        """

    private static func summary(_ row: Row, depth: Int? = nil) -> EntitySummary {
        EntitySummary(name: row[0], type: row[1], degree: row[2], description: row[3], depth: depth)
    }

    /// Entities whose name, aliases or description contain the words of `text` (BM25, names weighted ten
    /// times), the one `text` names exactly first.
    public func searchEntities(_ text: String, limit: Int) async throws(StoreError) -> [EntitySummary] {
        // The entity the text names exactly (by key or alias) comes first.
        let exact = (try? await entityID(named: text)) ?? nil
        let matching = try await lexicalEntities(matching: [text], limit: limit)
        let ids = Array(([exact].compactMap { $0 } + matching.filter { $0 != exact }).prefix(limit))
        let found: [Int64: EntitySummary] = try await read { db in
            var found: [Int64: EntitySummary] = [:]
            for batch in ids.batched(500) {
                for row in try Row.fetchAll(db, sql: "SELECT e.id, \(Self.summaryColumns) FROM entities e WHERE e.id IN (\(databaseQuestionMarks(count: batch.count)))",
                                            arguments: StatementArguments(Array(batch))) {
                    found[row[0]] = EntitySummary(name: row[1], type: row[2], degree: row[3], description: row[4], depth: nil)
                }
            }
            return found
        }
        return ids.compactMap { found[$0] }
    }

    /// Entities within `depth` hops of `name`, nearest first, then by degree.
    public func neighbourhood(of name: String, depth: Int, limit: Int) async throws -> [EntitySummary]? {
        guard let start = try await entityID(named: name) else { return nil }
        let levels = try await breadthFirst(from: start, depth: max(1, depth), limit: limit).found
        return try await read { db in
            try levels.compactMap { item in
                try Row.fetchOne(db, sql: "SELECT \(Self.summaryColumns) FROM entities e WHERE e.id = ?", arguments: [item.id])
                    .map { Self.summary($0, depth: item.depth) }
            }
        }
    }

    /// The best-connected entities.
    public func topEntities(limit: Int) async throws(StoreError) -> [EntitySummary] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.summaryColumns) FROM entities e ORDER BY 3 DESC, e.name LIMIT ?", arguments: [limit])
                .map { Self.summary($0) }
        }
    }

    /// The relations supported by the most chunks.
    public func topRelations(limit: Int) async throws(StoreError) -> [RelationSummary] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.name, t.name, r.keyword_list, r.weight, r.description FROM relations r
                JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
                ORDER BY r.weight DESC, s.name, t.name LIMIT ?
                """, arguments: [limit]).map { row in
                RelationSummary(source: row[0], target: row[1], keywords: Self.stringArray(fromJSON: row[2]), weight: row[3], description: row[4])
            }
        }
    }
}
