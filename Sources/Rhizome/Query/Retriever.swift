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
    /// How the ranked lists are weighed when fused.
    public var weights = FusionWeights()

    public init(topK: Int = 40, chunkTopK: Int = 20, threshold: Float = 0.2, weights: FusionWeights = FusionWeights()) {
        self.topK = topK
        self.chunkTopK = chunkTopK
        self.threshold = threshold
        self.weights = weights
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
    public let vectorSearch: any VectorSearch
    public let embedding: any EmbeddingModel

    public init(store: any QueryStore, vectorSearch: any VectorSearch, embedding: any EmbeddingModel) {
        self.store = store
        self.vectorSearch = vectorSearch
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

        let lexical = try await store.lexicalChunks(matching: [query], limit: Self.lexicalDepth)
        var parts: [Retrieval] = []
        if [.local, .hybrid, .mix].contains(mode) {
            parts.append(try await local(low, query: query, vectors: lowVectors, queryVector: queryVector, lexical: lexical, limits: limits))
        }
        if [.global, .hybrid, .mix].contains(mode) {
            parts.append(try await global(high, query: query, vectors: highVectors, queryVector: queryVector, lexical: lexical, limits: limits))
        }
        var chunkLists = parts.map { (keys: $0.chunks.map(\.id), weight: mode == .mix ? limits.weights.graph : 1) }
        if [.naive, .mix].contains(mode) {
            chunkLists.append((try await chunkSearch(queryVector, lexical: lexical, limits: limits), 1))
        }
        var fused = Array(RankFusion.fuse(chunkLists, k: limits.weights.k).prefix(limits.chunkTopK * 2))
        if mode != .naive && mode != .local {
            let documents = try await store.chunks(ids: fused.map(\.key)).reduce(into: [String: String]()) { $0[$1.id] = $1.documentPath }
            fused = RankFusion.spread(fused, diversity: limits.weights.diversity) { documents[$0] ?? $0 }
        }
        return Retrieval(entities: RankFusion.interleave(parts.map(\.entities), key: \.id),
                         relations: RankFusion.interleave(parts.map(\.relations), key: \.id),
                         chunks: try await chunks(fused.prefix(limits.chunkTopK).map { ($0.key, $0.score) }))
    }

    /// How deep the question's BM25 ranking of chunks is read: it orders graph candidates too.
    static let lexicalDepth = 200

    func local(_ keywords: [String], query: String, vectors: [[Float]], queryVector: [Float], lexical: [String],
               limits: RetrievalLimits) async throws -> Retrieval {
        let nearest = try await vectorSearch.nearest(.entity, to: vectors, limit: limits.topK, threshold: limits.threshold)
        var lists = nearest.map { list in
            (groups: RankFusion.tieGroups(list.compactMap { item in Int64(item.key).map { ($0, item.score) } }), weight: 1.0)
        }
        for keyword in keywords { lists.append((try await store.lexicalEntities(matching: [keyword], limit: limits.topK).map { [$0] }, 1)) }
        // The question's own words find entities whose names or descriptions use them, keywords or not.
        lists.append((try await store.lexicalEntities(matchingAny: [query], limit: limits.topK).map { [$0] }, 1))
        let fused = RankFusion.leading(RankFusion.fuse(groups: lists), limits.topK)
        let entityScores = Dictionary(uniqueKeysWithValues: fused.map { ($0.key, $0.score) })
        var entities = try await store.entities(ids: fused.map(\.key))
        for index in entities.indices { entities[index].score = entityScores[entities[index].id] ?? 0 }
        entities = Array(GraphRanking.ordered(entities).prefix(limits.topK))
        let relations = GraphRanking.relations(try await store.relations(ofEntities: entities.map(\.id)), around: entities)
        let provenance = try await store.supportingChunks(ofEntities: entities.map(\.id))
        let support = GraphRanking.supportOrder(entities.map { ($0.score, provenance[$0.id] ?? []) })
        let ranked = try await rankedChunks(support, queryVector, lexical: lexical, limits)
        return Retrieval(entities: entities, relations: relations, chunks: try await chunks(ranked: ranked))
    }

    func global(_ keywords: [String], query: String, vectors: [[Float]], queryVector: [Float], lexical: [String],
                limits: RetrievalLimits) async throws -> Retrieval {
        let nearest = try await vectorSearch.nearest(.relation, to: vectors, limit: limits.topK, threshold: limits.threshold)
        var lists = nearest.map { list in
            (groups: RankFusion.tieGroups(list.compactMap { item in Int64(item.key).map { ($0, item.score) } }), weight: 1.0)
        }
        // As for entities: each keyword by BM25 over relation keywords and descriptions, and the question's own words.
        for keyword in keywords { lists.append((try await store.lexicalRelations(matching: [keyword], limit: limits.topK).map { [$0] }, 1)) }
        lists.append((try await store.lexicalRelations(matchingAny: [query], limit: limits.topK).map { [$0] }, 1))
        let fused = RankFusion.leading(RankFusion.fuse(groups: lists), limits.topK)
        let relationScores = Dictionary(uniqueKeysWithValues: fused.map { ($0.key, $0.score) })
        var relations = try await store.relations(ids: fused.map(\.key))
        for index in relations.indices { relations[index].score = relationScores[relations[index].id] ?? 0 }
        relations = Array(GraphRanking.ordered(relations).prefix(limits.topK))
        var seen: Set<Int64> = []   // endpoints in the relations' ranked order, not the store's
        let endpointIDs = relations.flatMap { [$0.sourceID, $0.targetID] }.filter { seen.insert($0).inserted }
        let entities = try await store.entities(ids: endpointIDs)
        // The relations' own chunks first, then the other chunks that mention their endpoints: the passages
        // about a theme name the things its relations connect.
        let provenance = try await store.supportingChunks(ofRelations: relations.map(\.id))
        let endpointProvenance = try await store.supportingChunks(ofEntities: endpointIDs)
        var support = GraphRanking.supportOrder(relations.map { ($0.score, provenance[$0.id] ?? []) })
        var placed = Set(support)
        support += GraphRanking.supportOrder(endpointIDs.map { (0, endpointProvenance[$0] ?? []) }).filter { placed.insert($0).inserted }
        let ranked = try await rankedChunks(support, queryVector, lexical: lexical, limits)
        return Retrieval(entities: entities, relations: relations, chunks: try await chunks(ranked: ranked))
    }

    /// Vector and BM25 search over chunks on the raw query, fused with their weights (chunk ids, best first).
    func chunkSearch(_ vector: [Float], lexical: [String], limits: RetrievalLimits) async throws -> [String] {
        let nearest = try await vectorChunkIDs(vector, limits: limits)
        let weights = limits.weights
        return RankFusion.fuse([(Array(lexical.prefix(limits.chunkTopK)), weights.lexical), (nearest, weights.vector)],
                               k: weights.k).prefix(limits.chunkTopK).map(\.key)
    }

    func vectorChunkIDs(_ vector: [Float], limits: RetrievalLimits) async throws -> [String] {
        try await vectorSearch.nearest(.chunk, to: [vector], limit: limits.chunkTopK, threshold: limits.threshold)[0].map(\.key)
    }

    /// The store's BM25 ranking of chunks for the raw query alone: the lexical baseline `rhizome eval` compares with.
    public func lexicalChunks(_ query: String, limits: RetrievalLimits) async throws -> [RetrievedChunk] {
        let ids = try await store.lexicalChunks(matching: [query], limit: limits.chunkTopK)
        return try await chunks(ranked: ids)
    }

    /// The vector ranking of chunks for the raw query alone: the embedding baseline `rhizome eval` compares with.
    public func vectorChunks(_ query: String, limits: RetrievalLimits) async throws -> [RetrievedChunk] {
        let vector = try await embedding.embed([query], as: .query)[0]
        return try await chunks(ranked: try vectorChunkIDs(vector, limits: limits))
    }

    /// Chunks by id in the given order, scored by rank.
    private func chunks(ranked ids: [String]) async throws -> [RetrievedChunk] {
        try await chunks(ids.enumerated().map { ($1, 1 / Double($0 + 1)) })
    }

    /// Chunks by id in the given order, with their scores.
    private func chunks(_ scored: [(id: String, score: Double)]) async throws -> [RetrievedChunk] {
        let scores = Dictionary(uniqueKeysWithValues: scored.map { ($0.id, $0.score) })
        var chunks = try await store.chunks(ids: scored.map(\.id))
        for index in chunks.indices { chunks[index].score = scores[chunks[index].id] ?? 0 }
        return chunks
    }

    /// Provenance chunks ranked for the question: the order of the graph items that cite them, fused with
    /// the question's BM25 ranking and the chunks' similarity to it (chunk ids, best first).
    func rankedChunks(_ support: [String], _ queryVector: [Float], lexical: [String], _ limits: RetrievalLimits) async throws -> [String] {
        let candidates = Set(support)
        let similarities = try await vectorSearch.similarities(.chunk, of: queryVector, toKeys: support)
        let byVector = zip(support, similarities).compactMap { id, similarity in similarity.map { (id, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        let weights = limits.weights
        return RankFusion.fuse([(lexical.filter(candidates.contains), weights.lexical), (byVector, weights.vector),
                                (support, weights.graph)], k: weights.k).prefix(limits.chunkTopK).map(\.key)
    }
}
