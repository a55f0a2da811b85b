import Synchronization

/// Nearest-neighbour search over a store's vectors: the seam where an approximate or external index can
/// take the place of the exact in-memory one.
public protocol VectorSearch: Sendable {
    /// The best `limit` keys of `target` for each query vector with cosine at least `threshold`, best
    /// first (ties by key).
    func nearest(_ target: EmbeddingTarget, to queries: [[Float]], limit: Int, threshold: Float) async throws(StoreError)
        -> [[(key: String, score: Float)]]
    /// The cosine of `query` with each of `keys` (nil for a key without a vector).
    func similarities(_ target: EmbeddingTarget, of query: [Float], toKeys keys: [String]) async throws(StoreError) -> [Float?]
}

/// Exact search over the store's vectors held in memory, one matrix per kind. Each search first asks the
/// store for the kind's change counter (one indexed row) and reloads the matrix when it moved, so a
/// long-lived process (the server) sees an ingest that happened after it loaded them.
public final class ExactVectorSearch: VectorSearch {
    private let store: any QueryStore
    private let loaded = Mutex<[EmbeddingTarget: (version: Int, matrix: VectorMatrix)]>([:])

    public init(store: any QueryStore) { self.store = store }

    public func nearest(_ target: EmbeddingTarget, to queries: [[Float]], limit: Int, threshold: Float) async throws(StoreError)
        -> [[(key: String, score: Float)]] {
        try await matrix(target).nearest(to: queries, limit: limit, threshold: threshold)
    }

    public func similarities(_ target: EmbeddingTarget, of query: [Float], toKeys keys: [String]) async throws(StoreError) -> [Float?] {
        try await matrix(target).similarities(of: query, toKeys: keys)
    }

    /// The matrix of `target` as the store holds it now.
    public func matrix(_ target: EmbeddingTarget) async throws(StoreError) -> VectorMatrix {
        let version = try await store.vectorVersion(target)
        if let cached = loaded.withLock({ $0[target] }), cached.version == version { return cached.matrix }
        // Vectors written between the two reads carry a later counter: the next search reloads them.
        let matrix = try await store.storedVectors(target)
        loaded.withLock { $0[target] = (version, matrix) }
        return matrix
    }
}
