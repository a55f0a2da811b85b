import Foundation
import GRDB
@testable import Rhizome

/// Where the repository's test fixtures live.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The repository root (for `Examples/`).
let repositoryRootURL = fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent()

/// One tokenizer for the whole test run: loading the vocabulary is the slow part.
let sharedTokenizer: O200kTokenizer = {
    do { return try O200kTokenizer() } catch { preconditionFailure("embedded vocabulary: \(error)") }
}()

/// A fresh empty directory under the system temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A store file at `path` as a release with only the first `migrations` store migrations made it, with its
/// settings recorded (the `rhizome` tokenizer registered, which migrations from v6 on need).
func makeOldStore(at path: String, migrations: Int) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.prepareDatabase { db in db.add(tokenizer: AnalyzerFTS5Tokenizer.self) }
    let old = try DatabaseQueue(path: path, configuration: configuration)
    var migrator = DatabaseMigrator()
    for (index, sql) in SQLiteStore.embeddedMigrations.prefix(migrations).enumerated() {
        migrator.registerMigration("v\(index + 1)") { db in try db.execute(sql: sql) }
    }
    try migrator.migrate(old)
    try old.write { db in
        for (key, value) in [("tokenizer", "o200k_base"), ("chunk_tokens", "1200"), ("chunk_overlap", "100")] {
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }
    return old
}

extension GraphCommit {
    /// A commit that only writes or deletes a document (no graph contributions).
    static func documentOnly(_ change: DocumentChange) -> GraphCommit {
        GraphCommit(documents: [change], mentions: MentionChanges(), graph: RebuiltGraph())
    }
}

/// An ingestor that needs no model: heuristic extraction, ranking summaries, hashed embeddings.
func offlineIngestor(_ store: SQLiteStore, concurrency: Int = 4) async throws -> Ingestor {
    try await Ingestor.assemble(store: store, providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer,
                          concurrency: concurrency)
}

/// The whole graph as sorted lines (entities with type, description and aliases; relations with keywords,
/// description and weight), for comparing stores.
func graphSnapshot(_ store: SQLiteStore) throws -> [String] {
    try store.pool.read { db in
        let entities = try Row.fetchAll(db, sql: """
            SELECT e.key, e.name, e.type, e.description,
                   (SELECT group_concat(alias, '|') FROM (SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY alias))
            FROM entities e ORDER BY e.key
            """).map { row in "E \(row[0] as String) = \(row[1] as String) (\(row[2] as String)) \(row[3] as String) aka \(row[4] as String? ?? "")" }
        let relations = try Row.fetchAll(db, sql: """
            SELECT s.key, t.key, r.keywords, r.description, r.weight FROM relations r
            JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
            """).map { row in
                let (a, b) = ((row[0] as String), (row[1] as String))
                return "R \(min(a, b)) — \(max(a, b)) [\(row[2] as String)] \(row[3] as String) ×\(row[4] as Double)"
            }.sorted()
        return entities + relations
    }
}

/// The integer a counting query returns (a synchronous read, usable from async tests).
func count(_ store: SQLiteStore, _ sql: String) throws -> Int {
    try store.pool.read { try Int.fetchOne($0, sql: sql) } ?? 0
}
