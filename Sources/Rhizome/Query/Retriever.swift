/// How a query searches (LightRAG's modes, same names).
public enum QueryMode: String, Sendable, Codable, CaseIterable {
    /// Entities by low-level keywords, their relations, and the chunks that mention them.
    case local
    /// Relations by high-level keywords, their endpoints, and the chunks that support them.
    case global
    /// Local and global together.
    case hybrid
    /// Chunk search on the raw query only.
    case naive
    /// Hybrid plus chunk search on the raw query (the default).
    case mix
    /// No retrieval: the question goes straight to the generator.
    case bypass
}

/// How much retrieval returns.
public struct RetrievalLimits: Sendable {
    public var topK = 40
    public var chunkTopK = 20
    /// Vector hits below this cosine are ignored.
    public var threshold: Float = 0.2

    public init(topK: Int = 40, chunkTopK: Int = 20, threshold: Float = 0.2) {
        self.topK = topK
        self.chunkTopK = chunkTopK
        self.threshold = threshold
    }
}

/// What retrieval found, best first.
public struct Retrieval: Sendable {
    public var entities: [RetrievedEntity] = []
    public var relations: [RetrievedRelation] = []
    public var chunks: [RetrievedChunk] = []
}

/// Dual-level retrieval. Each keyword is searched on its own (vector and BM25) and the ranked lists are
/// fused, so a question with several names finds all of them rather than the average of their vectors.
public struct Retriever: Sendable {
    public let store: any QueryStore
    public let indexes: VectorIndexes
    public let embedding: any EmbeddingModel

    public init(store: any QueryStore, indexes: VectorIndexes, embedding: any EmbeddingModel) {
        self.store = store
        self.indexes = indexes
        self.embedding = embedding
    }

    public func retrieve(_ query: String, keywords: QueryKeywords, mode: QueryMode, limits: RetrievalLimits) async throws -> Retrieval {
        if mode == .bypass { return Retrieval() }
        // Each keyword costs a pass over the vectors; past eight per level they add little.
        let low = Array((keywords.low.isEmpty ? [query] : keywords.low).prefix(8))
        let high = Array((keywords.high.isEmpty ? [query] : keywords.high).prefix(8))
        let vectors = try await embedding.embed([query] + low + high, as: .query)
        let queryVector = vectors[0]
        let lowVectors = Array(vectors[1...low.count])
        let highVectors = Array(vectors[(1 + low.count)...])

        var parts: [Retrieval] = []
        if [.local, .hybrid, .mix].contains(mode) {
            parts.append(try local(low, vectors: lowVectors, queryVector: queryVector, limits: limits))
        }
        if [.global, .hybrid, .mix].contains(mode) {
            parts.append(try global(high, vectors: highVectors, queryVector: queryVector, limits: limits))
        }
        if [.naive, .mix].contains(mode) {
            parts.append(Retrieval(chunks: try chunkSearch(query, vector: queryVector, limits: limits)))
        }
        return Retrieval(entities: RankFusion.interleave(parts.map(\.entities), key: \.id),
                         relations: RankFusion.interleave(parts.map(\.relations), key: \.id),
                         chunks: Array(RankFusion.interleave(parts.map(\.chunks), key: \.id).prefix(limits.chunkTopK)))
    }

    func local(_ keywords: [String], vectors: [[Float]], queryVector: [Float], limits: RetrievalLimits) throws -> Retrieval {
        let nearest = try indexes.matrix(.entity).nearest(to: vectors, limit: limits.topK, threshold: limits.threshold)
        var lists = nearest.map { $0.compactMap { Int64($0.key) } }
        for keyword in keywords { lists.append(try store.lexicalEntities(matching: [keyword], limit: limits.topK)) }
        let fused = Array(RankFusion.fuse(lists).prefix(limits.topK))
        let entityScores = Dictionary(uniqueKeysWithValues: fused.map { ($0.key, $0.score) })
        var entities = try store.entities(ids: fused.map(\.key))
        for index in entities.indices { entities[index].score = entityScores[entities[index].id] ?? 0 }
        let relations = try store.relations(ofEntities: entities.map(\.id)).sorted {
            ($0.degree, $0.weight, -$0.id) > ($1.degree, $1.weight, -$1.id)
        }
        let provenance = try store.supportingChunks(ofEntities: entities.map(\.id))
        let chunkIDs = entities.flatMap { provenance[$0.id] ?? [] }
        return Retrieval(entities: entities, relations: relations, chunks: try rankedChunks(chunkIDs, queryVector, limits))
    }

    func global(_ keywords: [String], vectors: [[Float]], queryVector: [Float], limits: RetrievalLimits) throws -> Retrieval {
        let nearest = try indexes.matrix(.relation).nearest(to: vectors, limit: limits.topK, threshold: limits.threshold)
        let fused = Array(RankFusion.fuse(nearest.map { $0.compactMap { Int64($0.key) } }).prefix(limits.topK))
        let relationScores = Dictionary(uniqueKeysWithValues: fused.map { ($0.key, $0.score) })
        var relations = try store.relations(ids: fused.map(\.key))
        for index in relations.indices { relations[index].score = relationScores[relations[index].id] ?? 0 }
        var seen: Set<Int64> = []
        let endpointIDs = relations.flatMap { [$0.sourceID, $0.targetID] }.filter { seen.insert($0).inserted }
        let entities = try store.entities(ids: endpointIDs)
        let provenance = try store.supportingChunks(ofRelations: relations.map(\.id))
        let chunkIDs = relations.flatMap { provenance[$0.id] ?? [] }
        return Retrieval(entities: entities, relations: relations, chunks: try rankedChunks(chunkIDs, queryVector, limits))
    }

    /// Vector and BM25 search over chunks on the raw query, fused.
    func chunkSearch(_ query: String, vector: [Float], limits: RetrievalLimits) throws -> [RetrievedChunk] {
        let nearest = try vectorChunkIDs(vector, limits: limits)
        let lexical = try store.lexicalChunks(matching: [query], limit: limits.chunkTopK)
        let fused = Array(RankFusion.fuse([nearest, lexical]).prefix(limits.chunkTopK))
        return try chunks(fused.map { ($0.key, $0.score) })
    }

    func vectorChunkIDs(_ vector: [Float], limits: RetrievalLimits) throws -> [String] {
        try indexes.matrix(.chunk).nearest(to: [vector], limit: limits.chunkTopK, threshold: limits.threshold)[0].map(\.key)
    }

    /// The store's BM25 ranking of chunks for the raw query alone: the lexical baseline `rhizome eval` compares with.
    public func lexicalChunks(_ query: String, limits: RetrievalLimits) throws -> [RetrievedChunk] {
        let ids = try store.lexicalChunks(matching: [query], limit: limits.chunkTopK)
        return try chunks(ids.enumerated().map { ($1, 1 / Double($0 + 1)) })
    }

    /// The vector ranking of chunks for the raw query alone: the embedding baseline `rhizome eval` compares with.
    public func vectorChunks(_ query: String, limits: RetrievalLimits) async throws -> [RetrievedChunk] {
        let vector = try await embedding.embed([query], as: .query)[0]
        return try chunks(try vectorChunkIDs(vector, limits: limits).enumerated().map { ($1, 1 / Double($0 + 1)) })
    }

    /// Chunks by id in the given order, with their scores.
    private func chunks(_ scored: [(id: String, score: Double)]) throws -> [RetrievedChunk] {
        let scores = Dictionary(uniqueKeysWithValues: scored.map { ($0.id, $0.score) })
        var chunks = try store.chunks(ids: scored.map(\.id))
        for index in chunks.indices { chunks[index].score = scores[chunks[index].id] ?? 0 }
        return chunks
    }

    /// Provenance chunks ordered by similarity to the query (ties by id), each once.
    func rankedChunks(_ ids: [String], _ queryVector: [Float], _ limits: RetrievalLimits) throws -> [RetrievedChunk] {
        let matrix = try indexes.matrix(.chunk)
        let unique = Array(Set(ids))
        let similarities = matrix.similarities(of: queryVector, toKeys: unique)
        var scored: [(id: String, score: Double)] = zip(unique, similarities).map { ($0, Double($1 ?? 0)) }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        scored = Array(scored.prefix(limits.chunkTopK))
        let chunkScores = Dictionary(uniqueKeysWithValues: scored.map { ($0.id, $0.score) })
        var chunks = try store.chunks(ids: scored.map(\.id))
        for index in chunks.indices { chunks[index].score = chunkScores[chunks[index].id] ?? 0 }
        return chunks
    }
}
