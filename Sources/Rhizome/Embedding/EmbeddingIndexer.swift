import Foundation

/// What a stored vector belongs to.
public enum EmbeddingTarget: String, Sendable, CaseIterable { case entity, relation, chunk }

/// A row still waiting for its vector, with the text that represents it.
public struct PendingEmbedding: Sendable {
    public var target: EmbeddingTarget
    public var id: String
    public var text: String
}

/// Store side of embeddings.
public protocol EmbeddingStore: Sendable {
    /// Rows whose vector is missing (new, or cleared because their text changed), at most `limit`.
    func pendingEmbeddings(_ target: EmbeddingTarget, limit: Int) async throws(StoreError) -> [PendingEmbedding]
    func saveEmbeddings(_ vectors: [(PendingEmbedding, [Float])]) async throws(StoreError)
    func clearEmbeddings() async throws(StoreError)
}

/// Embeds, in batches, exactly the entities, relations and chunks that have no vector yet: new or changed
/// ones. Interrupted runs leave the rest pending for the next one.
public struct EmbeddingIndexer: Sendable {
    public let store: any EmbeddingStore
    public let model: any EmbeddingModel
    public let batchSize: Int

    public init(store: any EmbeddingStore, model: any EmbeddingModel, batchSize: Int = 64) {
        self.store = store
        self.model = model
        self.batchSize = max(1, batchSize)
    }

    /// Embeds everything pending; returns how many vectors were written per target.
    /// - Parameter progress: called after each batch with the number of vectors computed so far.
    @discardableResult
    public func embedPending(progress: @Sendable (Int) -> Void = { _ in }) async throws -> [EmbeddingTarget: Int] {
        var counts: [EmbeddingTarget: Int] = [:]
        for target in EmbeddingTarget.allCases {
            while true {
                let pending = try await store.pendingEmbeddings(target, limit: batchSize * 8)
                if pending.isEmpty { break }
                let vectors = try await vectors(for: pending)
                try await store.saveEmbeddings(Array(zip(pending, vectors)))
                counts[target, default: 0] += pending.count
                progress(counts.values.reduce(0, +))
            }
        }
        return counts
    }

    /// The vectors of `pending`, in order: batches embedded concurrently (the model's limiter bounds them).
    func vectors(for pending: [PendingEmbedding]) async throws -> [[Float]] {
        let vectors = try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for (index, batch) in pending.batched(batchSize).enumerated() {
                group.addTask { (index, try await model.embed(batch.map(\.text), as: .document)) }
            }
            var results: [(Int, [[Float]])] = []
            for try await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
        guard vectors.count == pending.count, vectors.allSatisfy({ $0.count == model.dimension }) else {
            throw ProviderError.malformedResponse(provider: model.descriptor.label,
                                                  detail: "expected \(pending.count) vectors of dimension \(model.dimension)")
        }
        return vectors
    }
}
