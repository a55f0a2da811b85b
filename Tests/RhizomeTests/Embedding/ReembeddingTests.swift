import Foundation
import GRDB
import Synchronization
import Testing
@testable import Rhizome

/// An embedding model that fails after `failAfter` calls, like a server that goes away half-way.
struct FlakyEmbedding: EmbeddingModel {
    let inner: HashedNgramEmbedding
    let failAfter: Int
    let calls = Counter()

    var descriptor: ModelDescriptor { ModelDescriptor(provider: "test", model: "flaky") }
    var dimension: Int { inner.dimension }

    func embed(_ texts: [String], as input: EmbeddingInput) async throws -> [[Float]] {
        if calls.increment() > failAfter {
            try await Task.sleep(for: .milliseconds(200))   // the batches that succeeded are kept first
            throw ProviderError.unreachable(provider: "test embedding server", reason: "went away")
        }
        return try await inner.embed(texts, as: input)
    }

    final class Counter: Sendable {
        private let value = Mutex(0)
        func increment() -> Int { value.withLock { $0 += 1; return $0 } }
    }
}

@Suite struct ReembeddingTests {
    func vectorDimensions(_ store: SQLiteStore) throws -> [Int] {
        try store.pool.read { db in
            try Int.fetchAll(db, sql: "SELECT length(embedding) / 4 FROM chunks UNION ALL SELECT length(embedding) / 4 FROM entities")
                .map { $0 }
        }
    }

    @Test func aReembeddingThatFailsHalfWayChangesNothingAndTheNextRunGoesOnFromThere() async throws {
        let fixture = try await IngestFixture(chunkTokens: 64)
        for index in 0..<6 {
            try fixture.write("note-\(index).md", "# Note \(index)\n\nAlder \(index) grows beside Birch in the valley of Cedar Creek. "
                              + String(repeating: "Dogwood and Elm share the slope. ", count: 20))
        }
        _ = await fixture.ingest()
        let opened = try SQLiteStore(path: fixture.store.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        let old = try #require(opened.settings.embedding)
        let before = try vectorDimensions(fixture.store)
        #expect(!before.isEmpty && before.allSatisfy { $0 == old.dimension })

        let small = HashedNgramEmbedding(dimension: 64, tokenizer: sharedTokenizer)
        let new = EmbeddingSettings(provider: "test", model: "flaky", dimension: 64)
        let flaky = FlakyEmbedding(inner: small, failAfter: 1)
        let indexer = EmbeddingIndexer(store: fixture.store, model: flaky, batchSize: 4)
        await #expect(throws: ProviderError.self) { try await indexer.reembedEverything(in: fixture.store, as: new) }

        let reopened = try SQLiteStore(path: fixture.store.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        #expect(reopened.settings.embedding == old, "the old model stays in charge until the new vectors are complete")
        #expect(try vectorDimensions(reopened) == before, "and its vectors are all still there")

        let done = try await EmbeddingIndexer(store: reopened, model: FlakyEmbedding(inner: small, failAfter: .max), batchSize: 4)
            .reembedEverything(in: reopened, as: new)
        #expect(done.resumed == 4, "the batch computed before the failure is not paid again")
        #expect(done.staged == done.total)
        let after = try SQLiteStore(path: fixture.store.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        #expect(after.settings.embedding == new)
        let dimensions = try vectorDimensions(after)
        #expect(dimensions.allSatisfy { $0 == 64 } && dimensions.count == before.count)
        let staged = try await after.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staged_embeddings") }
        #expect(staged == 0)
    }
}
