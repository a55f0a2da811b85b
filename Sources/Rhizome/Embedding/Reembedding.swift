import Foundation

/// Store side of re-embedding everything with another model, staged until complete.
public protocol ReembeddingStore: Sendable {
    /// Starts (or resumes) re-embedding with `settings`: vectors staged for another model are dropped.
    /// Returns how many vectors are already staged.
    func beginReembedding(_ settings: EmbeddingSettings) async throws(StoreError) -> Int
    /// Entities, relations and chunks in all.
    func reembeddingTotal() async throws(StoreError) -> Int
    /// Rows with no staged vector yet, at most `limit`.
    func unstagedEmbeddings(_ target: EmbeddingTarget, limit: Int) async throws(StoreError) -> [PendingEmbedding]
    func stageEmbeddings(_ vectors: [(PendingEmbedding, [Float])], for settings: EmbeddingSettings) async throws(StoreError)
    /// Replaces every vector by its staged one and records `settings`, in one transaction.
    func commitReembedding(_ settings: EmbeddingSettings) async throws(StoreError)
}

/// How far a re-embedding got: vectors staged (resumed ones included) of the total.
public struct ReembeddingProgress: Sendable, Equatable {
    public var staged: Int
    public var total: Int
    /// Staged by an earlier, interrupted run.
    public var resumed: Int
}

extension EmbeddingIndexer {
    /// Re-embeds every entity, relation and chunk with `model`. Until the last vector is computed the
    /// store keeps its old vectors and settings (queries go on working); an interrupted run keeps what it
    /// computed, and calling this again goes on from there.
    @discardableResult
    public func reembedEverything(in store: any ReembeddingStore, as settings: EmbeddingSettings,
                                  progress: @Sendable (ReembeddingProgress) -> Void = { _ in }) async throws -> ReembeddingProgress {
        let resumed = try await store.beginReembedding(settings)
        var state = ReembeddingProgress(staged: resumed, total: try await store.reembeddingTotal(), resumed: resumed)
        progress(state)
        for target in EmbeddingTarget.allCases {
            while true {
                try Task.checkCancellation()
                let pending = try await store.unstagedEmbeddings(target, limit: batchSize * 8)
                if pending.isEmpty { break }
                // Each batch is kept as soon as it is computed: a failure loses only the batches in flight.
                try await withThrowingTaskGroup(of: ([PendingEmbedding], [[Float]]).self) { group in
                    for batch in pending.batched(batchSize).map(Array.init) {
                        group.addTask { (batch, try await vectors(for: batch)) }
                    }
                    for try await (batch, vectors) in group {
                        try await store.stageEmbeddings(Array(zip(batch, vectors)), for: settings)
                        state.staged += batch.count
                        progress(state)
                    }
                }
            }
        }
        try await store.commitReembedding(settings)
        return state
    }
}
