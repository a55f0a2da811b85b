import Foundation
import GRDB
import Testing
@testable import Rhizome

/// A store written before the text analysis (migrations v1–v5, FTS5 with `unicode61`) is upgraded on open.
@Suite struct FullTextMigrationTests {
    @Test func anOldStoreIsRebuiltWithTheAnalyzerAndSaysSo() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-fts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("old.sqlite").path
        let old = try makeOldStore(at: path, migrations: 5)
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO documents (id, path, format, status, created_at, updated_at)
                VALUES ('doc-1', 'notes.html', 'html', 'processed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                """)
            try db.execute(sql: """
                INSERT INTO chunks (id, document_id, ord, text, token_count, start_offset, end_offset)
                VALUES ('chunk-1', 'doc-1', 0, 'RLHF는 보상 모델로 언어 모델을 미세 조정합니다. Zambézia.', 20, 0, 40)
                """)
            try db.execute(sql: "INSERT INTO entities (key, name, updated_at) VALUES ('rlhf', 'RLHF', '2026-01-01T00:00:00Z')")
            try db.execute(sql: "INSERT INTO entity_names_fts (rowid, name, aliases, description) VALUES (1, 'RLHF', '', '보상 모델')")
            // unicode61 glues the particle on: the old index cannot find RLHF의.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH '\"rlhf\"'") == 0)
        }
        try old.close()

        let store = try SQLiteStore(path: path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        #expect(store.upgrades.first == "v6")
        #expect(try await store.lexicalChunks(matching: ["RLHF의 보상"], limit: 5) == ["chunk-1"])
        #expect(try await store.lexicalChunks(matching: ["zambezia"], limit: 5) == ["chunk-1"])
        #expect(try await store.lexicalEntities(matching: ["RLHF의"], limit: 5) == [1])
        let again = try SQLiteStore(path: path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        #expect(again.upgrades.isEmpty, "the upgrade happens once")
    }
}

/// Vectors load from a snapshot that a change counter keeps honest.
@Suite struct VectorSnapshotTests {
    @Test func aSnapshotIsUsedUntilAVectorChanges() async throws {
        let fixture = try await IngestFixture()
        try fixture.copyFixture("article.html")
        _ = await fixture.ingest()
        let first = try await fixture.store.storedVectors(.chunk)
        let snapshots = try await fixture.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM vector_snapshots") }
        #expect(snapshots == 1)
        let again = try await fixture.store.storedVectors(.chunk)
        #expect(again.keys == first.keys && again.columnValues == first.columnValues)
        try fixture.copyFixture("tei.xml")
        _ = await fixture.ingest()
        let grown = try await fixture.store.storedVectors(.chunk)
        #expect(grown.count > first.count, "a new document's vectors invalidate the snapshot")
        let rows = try await fixture.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM chunks WHERE embedding IS NOT NULL") }
        #expect(grown.count == rows)
    }
}
