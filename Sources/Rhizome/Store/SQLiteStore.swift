internal import CEmbeddedData
import Foundation
import GRDB
import Synchronization

/// The Rhizome store: one SQLite file in WAL mode (readers work while an ingest writes), foreign keys on,
/// a busy timeout, and the schema in `Schemas/store.sql` applied by migration.
///
/// Every read and write after opening goes through GRDB's async API, so a task waiting for a connection
/// suspends instead of blocking a thread of Swift's cooperative pool. (Mixing blocking reads with async
/// ones deadlocks on a small machine: blocked threads wait for a reader connection that an async read can
/// only hand back on one of those threads.) Opening and migrating stay synchronous: nothing else holds a
/// connection yet.
public final class SQLiteStore: Sendable {
    /// How to open: create the file if needed (ingest), require an existing store (other commands; a
    /// store on a read-only file or medium is then opened read-only), or read-only from the start.
    public enum OpenMode: Sendable { case createIfMissing, existingOnly, readOnly }

    public let path: String
    public let settings: StoreSettings
    /// True when the store was opened read-only: every write fails with `StoreError.readOnly`.
    public let isReadOnly: Bool
    /// Migrations this opening applied to an existing store (`v6`: the full-text indexes were rebuilt);
    /// empty for a new store or an up-to-date one.
    public let upgrades: [String]
    let pool: any DatabaseWriter
    let now: @Sendable () -> Date
    /// How many rows of a full-text index contain a word, by index and word, with the row count they were
    /// measured at (counting a frequent word reads its whole posting list, so it is done once per process).
    let termFrequencies = Mutex<[String: (rows: Int, documents: Int?)]>([:])
    /// The graph's rules as last read, with the version token they were read at (every ingested document
    /// needs them; they change only when an edit or import writes a new token).
    let cachedRules = Mutex<(version: String, rules: GraphRules)?>(nil)

    /// The store migrations compiled into the binary, oldest first: `Schemas/store.sql`, then
    /// `store-v2.sql` and on (a test checks each against its file).
    public static var embeddedMigrations: [String] {
        (1...Int(rhizome_store_migration_count())).map { version in
            var length = 0
            let bytes = rhizome_store_migration(Int32(version), &length)
            return String(decoding: UnsafeBufferPointer(start: bytes, count: length), as: UTF8.self)
        }
    }

    /// Opens (or creates) the store at `path` and checks its settings against `request`.
    /// - Parameter now: the clock for timestamps, injected so tests control time.
    public init(path: String, mode: OpenMode, request: StoreSettingsRequest,
                now: @escaping @Sendable () -> Date = Date.init) throws(StoreError) {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && mode != .createIfMissing {
            throw .notAStore(path: path, reason: StoreError.noSuchFile)
        }
        self.path = path
        self.now = now
        let readOnly = mode == .readOnly || (mode == .existingOnly && !Self.isWritable(path))
        do {
            let opened = readOnly ? try Self.openReadOnly(path: path, request: request)
                : try Self.openReadWrite(path: path, request: request, now: now)
            (pool, settings, isReadOnly, upgrades) = (opened.pool, opened.settings, readOnly, opened.upgrades)
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw .notAStore(path: path, reason: "not an SQLite database")
        } catch {
            throw Self.failure(error)
        }
    }

    /// Whether the file and its folder (where SQLite keeps the write-ahead log) can be written.
    private static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        return access(path, W_OK) == 0 && access(folder.isEmpty ? "." : folder, W_OK) == 0
    }

    private static func configuration(readOnly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.add(tokenizer: AnalyzerFTS5Tokenizer.self) }
        configuration.busyMode = .timeout(10)
        configuration.foreignKeysEnabled = true
        configuration.readonly = readOnly
        return configuration
    }

    private static func openReadWrite(path: String, request: StoreSettingsRequest, now: @Sendable () -> Date) throws
        -> (pool: any DatabaseWriter, settings: StoreSettings, upgrades: [String]) {
        let fresh = try request.settingsForNewStore()
        let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
        try checkIsRhizomeStore(pool, path: path)
        let before = try pool.read { try migrator.appliedIdentifiers($0) }
        try migrateBesideOtherOpeners(pool)
        let upgrades = before.isEmpty ? [] : migrator.migrations.filter { !before.contains($0) }
        let settings = try pool.write { db throws -> StoreSettings in
            if var stored = try readSettings(db) {
                try request.check(stored)
                if let embedding = request.embedding, stored.embedding != embedding {
                    try writeEmbeddingSettings(embedding, db: db)
                    if stored.embedding != nil { try clearAllEmbeddings(db) }
                    stored.embedding = embedding
                }
                return stored
            }
            try writeSettings(fresh, createdAt: timestamp(now()), db: db)
            return fresh
        }
        return (pool, settings, upgrades)
    }

    /// A read-only connection; on read-only media, where SQLite cannot create the log's shared-memory
    /// file, the file is opened as immutable. The store must be fully migrated: upgrading needs a write.
    private static func openReadOnly(path: String, request: StoreSettingsRequest) throws
        -> (pool: any DatabaseWriter, settings: StoreSettings, upgrades: [String]) {
        let queue: DatabaseQueue
        if let plain = try? DatabaseQueue(path: path, configuration: configuration(readOnly: true)),
           (try? plain.read({ try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM sqlite_master") })) != nil {
            queue = plain
        } else {
            let uri = "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
            queue = try DatabaseQueue(path: uri, configuration: configuration(readOnly: true))
        }
        try checkIsRhizomeStore(queue, path: path)
        guard try queue.read({ try migrator.hasCompletedMigrations($0) }) else {
            throw StoreError.readOnly(path: path)
        }
        let settings = try queue.read { db throws -> StoreSettings in
            guard let stored = try readSettings(db) else { throw StoreError.notAStore(path: path, reason: "it has no settings") }
            try request.check(stored)
            if let embedding = request.embedding, let existing = stored.embedding, existing != embedding {
                throw StoreError.settingsMismatch(setting: .embeddingModel, stored: existing.label, requested: embedding.label)
            }
            return stored
        }
        return (queue, settings, [])
    }

    /// Applies the pending migrations. Two processes opening a new (or old) store at once both see the same
    /// pending steps and one of them fails on a step the other applied first: a failure after which more
    /// steps are recorded as applied is that race, and the rest is tried again.
    private static func migrateBesideOtherOpeners(_ pool: DatabasePool) throws {
        while true {
            let applied = try pool.read { try migrator.appliedIdentifiers($0) }
            do {
                return try migrator.migrate(pool)
            } catch {
                let now = try pool.read { try migrator.appliedIdentifiers($0) }
                guard now.count > applied.count else { throw error }
            }
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for (index, sql) in embeddedMigrations.enumerated() {
            migrator.registerMigration("v\(index + 1)") { db in try db.execute(sql: sql) }
        }
        return migrator
    }

    /// A database with tables but no migration record was made by something else: leave it alone.
    private static func checkIsRhizomeStore(_ pool: some DatabaseReader, path: String) throws {
        try pool.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw StoreError.notAStore(path: path, reason: "it holds other tables (\(tables.prefix(3).joined(separator: ", ")))")
            }
        }
    }

    private static func readSettings(_ db: Database) throws -> StoreSettings? {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM settings")
        let values = Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as String, $0["value"] as String) })
        guard let tokenizer = values["tokenizer"], let size = values["chunk_tokens"].flatMap(Int.init),
              let overlap = values["chunk_overlap"].flatMap(Int.init) else { return nil }
        var embedding: EmbeddingSettings?
        if let provider = values["embedding_provider"], let model = values["embedding_model"],
           let dimension = values["embedding_dimension"].flatMap(Int.init) {
            embedding = EmbeddingSettings(provider: provider, model: model, dimension: dimension)
        }
        return StoreSettings(tokenizer: tokenizer, chunking: ChunkingOptions(maxTokens: size, overlapTokens: overlap),
                             embedding: embedding)
    }

    /// Records `embedding` as the store's embedding model if it has none yet; refuses a different one.
    public func adoptEmbedding(_ embedding: EmbeddingSettings) async throws(StoreError) {
        try await write { db in
            let stored = try Self.readSettings(db)?.embedding
            if stored == nil { try Self.writeEmbeddingSettings(embedding, db: db) }
            if let stored, stored != embedding {
                throw StoreError.settingsMismatch(setting: .embeddingModel, stored: stored.label, requested: embedding.label)
            }
        }
    }

    private static func writeEmbeddingSettings(_ embedding: EmbeddingSettings, db: Database) throws {
        for (key, value) in [("embedding_provider", embedding.provider), ("embedding_model", embedding.model),
                             ("embedding_dimension", "\(embedding.dimension)")] {
            try db.execute(sql: "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }

    /// Vectors of another model are meaningless next to the new one's: all are recomputed.
    static func clearAllEmbeddings(_ db: Database) throws {
        try db.execute(sql: "UPDATE entities SET embedding = NULL")
        try db.execute(sql: "UPDATE relations SET embedding = NULL")
        try db.execute(sql: "UPDATE chunks SET embedding = NULL")
    }

    private static func writeSettings(_ settings: StoreSettings, createdAt: String, db: Database) throws {
        let values = ["tokenizer": settings.tokenizer, "chunk_tokens": "\(settings.chunking.maxTokens)",
                      "chunk_overlap": "\(settings.chunking.overlapTokens)", "created_at": createdAt,
                      "schema_version": "1"]
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO settings (key, value) VALUES (?, ?)", arguments: [key, value])
        }
        if let embedding = settings.embedding { try writeEmbeddingSettings(embedding, db: db) }
    }

    /// ISO 8601 in UTC with seconds.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    /// A database error as a store error of its kind, SQLite's message kept.
    static func failure(_ error: any Error) -> StoreError {
        if error is CancellationError { return .cancelled }
        guard let error = error as? DatabaseError else { return .database(DatabaseFailure(.other, "\(error)")) }
        let kind: DatabaseFailure.Kind = switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: .busy
        case .SQLITE_CONSTRAINT: .constraint
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: .corrupt
        case .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_READONLY: .io
        default: .other
        }
        return .database(DatabaseFailure(kind, error.message ?? "\(error)"))
    }

    /// Runs `body` in a write transaction on GRDB's writer queue, turning database errors into
    /// `StoreError`. The calling task suspends while it waits for the writer; no thread is blocked.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        if isReadOnly { throw .readOnly(path: path) }
        do { return try await pool.write(body) } catch let error as StoreError { throw error } catch {
            throw Self.failure(error)
        }
    }

    /// Runs `body` on a read-only connection that sees the last committed state; the calling task
    /// suspends while it waits for a free reader.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        try await Self.read(from: pool, body)
    }

    /// Runs `body` on `reader` (the store's pool, or a snapshot of it), turning database errors into `StoreError`.
    static func read<T: Sendable>(from reader: any DatabaseReader, _ body: @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do { return try await reader.read(body) } catch let error as StoreError { throw error } catch {
            throw failure(error)
        }
    }
}
