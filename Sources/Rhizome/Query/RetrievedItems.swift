/// An entity as retrieval returns it: what the context shows, plus what ranked it.
public struct RetrievedEntity: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var type: String
    public var description: String
    /// Relations the entity takes part in, across the whole graph.
    public var degree: Int
    /// Fused rank score (higher is better); 0 for entities reached through a relation.
    public var score: Double
}

/// A relation as retrieval returns it (endpoints by display name).
public struct RetrievedRelation: Sendable, Codable, Equatable {
    public var id: Int64
    public var sourceID: Int64
    public var targetID: Int64
    public var source: String
    public var target: String
    public var keywords: [String]
    public var description: String
    public var weight: Double
    /// The sum of the endpoints' degrees: how central the relation is.
    public var degree: Int
    public var score: Double
}

/// A chunk as retrieval returns it, with what a citation needs to point at its exact text.
public struct RetrievedChunk: Sendable, Codable, Equatable {
    public var id: String
    public var documentPath: String
    public var documentTitle: String
    public var headingPath: [String]
    public var text: String
    /// Unicode scalar offsets of `text` within the document text.
    public var startOffset: Int
    public var endOffset: Int
    public var score: Double
}

/// The store reads retrieval needs (a seam, so another backend can serve queries).
public protocol QueryStore: Sendable {
    /// Entities by id, in the order given (missing ids skipped).
    func entities(ids: [Int64]) async throws(StoreError) -> [RetrievedEntity]
    /// Relations by id, in the order given.
    func relations(ids: [Int64]) async throws(StoreError) -> [RetrievedRelation]
    /// Every relation with an endpoint among `entityIDs`, each once.
    func relations(ofEntities entityIDs: [Int64]) async throws(StoreError) -> [RetrievedRelation]
    /// The chunks supporting each entity (its own mentions and the relations it is an endpoint of).
    func supportingChunks(ofEntities entityIDs: [Int64]) async throws(StoreError) -> [Int64: [String]]
    /// The chunks supporting each relation.
    func supportingChunks(ofRelations relationIDs: [Int64]) async throws(StoreError) -> [Int64: [String]]
    /// Chunks by id, in the order given.
    func chunks(ids: [String]) async throws(StoreError) -> [RetrievedChunk]
    /// Chunk ids best matching `terms` by BM25, best first.
    func lexicalChunks(matching terms: [String], limit: Int) async throws(StoreError) -> [String]
    /// Entity ids whose name, aliases or description best match `terms` by BM25, best first.
    func lexicalEntities(matching terms: [String], limit: Int) async throws(StoreError) -> [Int64]
    /// Entities whose name, aliases or description hold any term of `terms` (BM25, names first).
    func lexicalEntities(matchingAny terms: [String], limit: Int) async throws(StoreError) -> [Int64]
    /// Relation ids whose keywords or description best match `terms` by BM25, best first.
    func lexicalRelations(matching terms: [String], limit: Int) async throws(StoreError) -> [Int64]
    /// Relations whose keywords or description hold any term of `terms` (BM25), best first.
    func lexicalRelations(matchingAny terms: [String], limit: Int) async throws(StoreError) -> [Int64]
    /// For each key (see `EntityKey`) that belongs to an entity, that entity's display name.
    func entityNames(forKeys keys: [String]) async throws(StoreError) -> [String: String]
    /// Every stored vector of one kind, for the in-memory index.
    func storedVectors(_ target: EmbeddingTarget) async throws(StoreError) -> VectorMatrix
    /// A counter that moves whenever a vector of `target` is written or removed.
    func vectorVersion(_ target: EmbeddingTarget) async throws(StoreError) -> Int
    /// Entities plus relations plus chunks, to tell an empty store from an unlucky query.
    func isEmptyForQueries() async throws(StoreError) -> Bool
}
