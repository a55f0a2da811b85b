import Foundation
import GRDB
import Testing
@testable import Rhizome

/// A store in a fresh temporary folder, with a fixed clock.
func makeStore(in directory: URL? = nil, maxTokens: Int? = nil, overlap: Int? = nil) throws -> SQLiteStore {
    let folder = try directory ?? makeTemporaryDirectory()
    return try SQLiteStore(path: folder.appendingPathComponent("rhizome.sqlite").path, mode: .createIfMissing,
                           request: StoreSettingsRequest(tokenizer: "o200k_base", maxTokens: maxTokens, overlapTokens: overlap),
                           now: { Date(timeIntervalSince1970: 1_700_000_000) })
}

@Suite struct SQLiteStoreTests {
    @Test func embeddedSchemasAreTheFilesInSchemas() throws {
        let names = ["store.sql"] + (2...SQLiteStore.embeddedMigrations.count).map { "store-v\($0).sql" }
        let schemas = try FileManager.default.contentsOfDirectory(
            atPath: fixturesDirectory.appendingPathComponent("../../Schemas").standardizedFileURL.path)
        #expect(Set(names) == Set(schemas.filter { $0.hasSuffix(".sql") }), "every migration file is embedded")
        for (name, embedded) in zip(names, SQLiteStore.embeddedMigrations) {
            let file = fixturesDirectory.appendingPathComponent("../../Schemas/\(name)").standardizedFileURL
            #expect(try String(contentsOf: file, encoding: .utf8) == embedded, "\(name)")
        }
    }

    @Test func newStoreRecordsSettingsAndUsesWAL() throws {
        let store = try makeStore(maxTokens: 500, overlap: 50)
        #expect(store.settings == StoreSettings(tokenizer: "o200k_base", chunking: ChunkingOptions(maxTokens: 500, overlapTokens: 50)))
        let mode = try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        let foreignKeys = try store.pool.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        // Reopening without chunk flags uses the stored values.
        let reopened = try SQLiteStore(path: store.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        #expect(reopened.settings.chunking.maxTokens == 500)
    }

    @Test func reopeningWithOtherChunkSettingsIsAClearError() throws {
        let store = try makeStore(maxTokens: 500)
        #expect {
            try SQLiteStore(path: store.path, mode: .existingOnly,
                            request: StoreSettingsRequest(tokenizer: "o200k_base", maxTokens: 800))
        } throws: { error in
            "\(error)".contains("created with chunk size (tokens) 500, not 800")
        }
    }

    @Test func refusesFilesThatAreNotRhizomeStores() throws {
        let folder = try makeTemporaryDirectory()
        let text = folder.appendingPathComponent("notes.sqlite")
        try Data("this is not a database, just some text that is long enough".utf8).write(to: text)
        #expect(throws: StoreError.self) {
            try SQLiteStore(path: text.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        }
        let other = folder.appendingPathComponent("other.sqlite")
        try DatabaseQueue(path: other.path).write { try $0.execute(sql: "CREATE TABLE customers (id INTEGER)") }
        #expect(throws: StoreError.notAStore(path: other.path, reason: "it holds other tables (customers)")) {
            try SQLiteStore(path: other.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        }
        #expect(throws: StoreError.self) {
            try SQLiteStore(path: folder.appendingPathComponent("missing.sqlite").path, mode: .existingOnly,
                            request: StoreSettingsRequest(tokenizer: "o200k_base"))
        }
    }

    @Test func aFailedWriteLeavesTheEarlierVersionIntact() async throws {
        let store = try makeStore()
        let chunker = try Chunker(tokenizer: sharedTokenizer)
        let document = try readFixture("docbook.xml")
        let id = StoredDocument.id(forPath: document.sourcePath)
        let chunks = chunker.chunks(of: document, documentID: id)
        try await store.commit(.documentOnly(.replace(document, id: id, chunks: chunks)))
        // A second version with two chunks at the same position violates a constraint halfway through the write.
        var edited = document
        edited.title = "Edited title"
        var clash = chunks[0]
        clash.id = "chunk-clash"
        let broken = chunks + [clash]
        await #expect(throws: StoreError.self) { try await store.commit(.documentOnly(.replace(edited, id: id, chunks: broken))) }
        await #expect(try store.document(id).title == document.title)
        await #expect(try store.chunks(ofDocument: id).map(\.id) == chunks.map(\.id))
    }

    @Test func readersSeeTheLastCommitWhileAWriterIsMidTransaction() async throws {
        let store = try makeStore()
        let reader = try SQLiteStore(path: store.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        // Another process's writer, its transaction open while this store reads.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        configuration.prepareDatabase { db in db.add(tokenizer: AnalyzerFTS5Tokenizer.self) }
        let writer = try DatabaseQueue(path: store.path, configuration: configuration)
        try writer.inDatabase { db in
            try db.beginTransaction()
            try db.execute(sql: """
                INSERT INTO documents (id, path, format, status, created_at, updated_at)
                VALUES ('doc-x', 'x.html', 'html', 'processing', 'now', 'now')
                """)
        }
        // Another connection (as `rhizome status` in another process) reads without waiting.
        #expect(try await reader.statistics().documents == 0)
        try writer.inDatabase { db in try db.commit() }
        #expect(try await reader.statistics().documents == 1)
    }

    @Test func chunksAreFullTextSearchableUntilDeleted() async throws {
        let store = try makeStore()
        let document = try readFixture("tei.xml")
        let id = StoredDocument.id(forPath: document.sourcePath)
        try await store.commit(.documentOnly(.replace(document, id: id, chunks: try Chunker(tokenizer: sharedTokenizer).chunks(of: document, documentID: id))))
        let search = "SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH 'walden'"
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: search) } == 1)
        try await store.commit(.documentOnly(.delete(id: id)))
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: search) } == 0)
        #expect(try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM chunks") } == 0)
    }
}
