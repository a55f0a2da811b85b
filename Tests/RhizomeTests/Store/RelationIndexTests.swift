import Foundation
import GRDB
import Testing
@testable import Rhizome

/// The full-text index over relations (migration v12) that global retrieval searches by BM25.
@Suite struct RelationIndexTests {
    @Test func aStoreFromBeforeTheIndexHasItsRelationsIndexedOnOpen() async throws {
        let path = try makeTemporaryDirectory().appendingPathComponent("old.sqlite").path
        let old = try makeOldStore(at: path, migrations: 11)
        try await old.write { db in
            try db.execute(sql: """
                INSERT INTO entities (id, key, name, updated_at) VALUES
                    (1, 'rlhf', 'RLHF', '2026-01-01T00:00:00Z'), (2, 'ppo', 'PPO', '2026-01-01T00:00:00Z')
                """)
            try db.execute(sql: """
                INSERT INTO relations (source_id, target_id, keywords, description, weight, updated_at)
                VALUES (1, 2, '강화 학습', 'RLHF는 보상 모델과 PPO로 언어 모델을 미세 조정합니다.', 1, '2026-01-01T00:00:00Z')
                """)
        }
        try old.close()

        let store = try SQLiteStore(path: path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        #expect(store.upgrades == ["v12"])
        #expect(try await store.lexicalRelations(matching: ["보상 모델을"], limit: 5) == [1], "found by the description, particles stripped")
        #expect(try await store.lexicalRelations(matching: ["강화 학습"], limit: 5) == [1], "found by the keywords")
        #expect(try await store.lexicalRelations(matching: ["보상 자동차"], limit: 5).isEmpty, "every term of a keyword must match")
        #expect(try await store.lexicalRelations(matchingAny: ["보상 자동차"], limit: 5) == [1])
    }

    /// Ingesting, editing and deleting real documents leaves the index exactly in step with `relations`
    /// (FTS5's integrity check compares the index with its content table).
    @Test func theIndexFollowsIngestEditAndDeletion() async throws {
        let fixture = try await IngestFixture()
        for path in ["ko/documents/gnome-help/disk-capacity.page", "en/documents/gettext/tutorial.html"] {
            let source = repositoryRootURL.appendingPathComponent("Examples/eval/\(path)")
            try FileManager.default.copyItem(at: source, to: fixture.corpus.appendingPathComponent(source.lastPathComponent))
        }
        #expect(await fixture.ingest().failed == 0)
        try await expectIndexInStep(fixture.store)
        let (id, description) = try #require(try await fixture.store.pool.read { db in
            try Row.fetchOne(db, sql: "SELECT id, description FROM relations WHERE description LIKE '%gettext%' ORDER BY id LIMIT 1")
                .map { (row: Row) in (row[0] as Int64, row[1] as String) }
        })
        #expect(try await fixture.store.lexicalRelations(matchingAny: [description], limit: 40).contains(id))

        let page = fixture.corpus.appendingPathComponent("disk-capacity.page")
        let edited = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "디스크 사용량 분석", with: "GNOME 디스크")
        try Data(edited.utf8).write(to: page)
        #expect(await fixture.ingest().updated == 1)
        try await expectIndexInStep(fixture.store)
        _ = try await fixture.ingestor.delete("corpus/tutorial.html")
        try await expectIndexInStep(fixture.store)
        let left = try await fixture.store.pool.read { try String.fetchAll($0, sql: "SELECT description FROM relations WHERE description LIKE '%gettext%'") }
        #expect(left.isEmpty)
        #expect(try await fixture.store.lexicalRelations(matchingAny: ["gettext"], limit: 40).isEmpty,
                "a removed document's relations are gone from the index")
        let korean = try await fixture.store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM relations") } ?? 0
        #expect(korean > 0)
        #expect(try await fixture.store.lexicalRelations(matchingAny: ["디스크"], limit: 40).count > 0)
    }

    func expectIndexInStep(_ store: SQLiteStore) async throws {
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO relations_fts (relations_fts, rank) VALUES ('integrity-check', 1)")
        }
        let (rows, indexed) = try await store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM relations") ?? -1,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM relations_fts_terms") ?? -1)
        }
        #expect(rows > 0 && indexed > 0)
    }
}
