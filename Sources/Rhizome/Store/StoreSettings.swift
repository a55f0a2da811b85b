/// Settings fixed when a store is created: mixing chunk sizes or tokenizers in one store would make its
/// token counts and chunk ids meaningless, so they are recorded and checked on every open.
public struct StoreSettings: Sendable, Equatable, Codable {
    public var tokenizer: String
    public var chunking: ChunkingOptions
    /// The embedding model every stored vector comes from; nil until the first ingest that embeds.
    public var embedding: EmbeddingSettings?

    public init(tokenizer: String, chunking: ChunkingOptions, embedding: EmbeddingSettings? = nil) {
        self.tokenizer = tokenizer
        self.chunking = chunking
        self.embedding = embedding
    }
}

/// Which model made the store's vectors: vectors from different models cannot be compared.
public struct EmbeddingSettings: Sendable, Equatable, Codable {
    public var provider: String
    public var model: String
    public var dimension: Int

    public init(provider: String, model: String, dimension: Int) {
        self.provider = provider
        self.model = model
        self.dimension = dimension
    }

    public var label: String { "\(provider):\(model) (\(dimension) dimensions)" }
}

/// What the caller asks for when opening a store; nil chunk options mean "whatever the store has".
public struct StoreSettingsRequest: Sendable, Equatable {
    public var tokenizer: String
    public var maxTokens: Int?
    public var overlapTokens: Int?
    /// The embedding model this run uses; nil when the command does not embed.
    public var embedding: EmbeddingSettings?
    /// Accept a different embedding model (`rhizome reindex --embeddings` re-embeds everything after).
    public var replacesEmbedding: Bool

    public init(tokenizer: String, maxTokens: Int? = nil, overlapTokens: Int? = nil, embedding: EmbeddingSettings? = nil,
                replacesEmbedding: Bool = false) {
        self.tokenizer = tokenizer
        self.maxTokens = maxTokens
        self.overlapTokens = overlapTokens
        self.embedding = embedding
        self.replacesEmbedding = replacesEmbedding
    }

    /// The settings a new store gets: the requested values, LightRAG's defaults for the rest (the default
    /// overlap shrinks to a quarter of a small requested chunk size).
    func settingsForNewStore() throws(StoreError) -> StoreSettings {
        let size = maxTokens ?? ChunkingOptions.default.maxTokens
        let overlap = overlapTokens ?? min(ChunkingOptions.default.overlapTokens, size / 4)
        do {
            return StoreSettings(tokenizer: tokenizer,
                                 chunking: try ChunkingOptions(maxTokens: size, overlapTokens: overlap).validated(),
                                 embedding: embedding)
        } catch {
            throw .invalidSettings(error.description)
        }
    }

    /// Checks a stored configuration against this request.
    func check(_ stored: StoreSettings) throws(StoreError) {
        if stored.tokenizer != tokenizer {
            throw .settingsMismatch(setting: .tokenizer, stored: stored.tokenizer, requested: tokenizer)
        }
        if let maxTokens, maxTokens != stored.chunking.maxTokens {
            throw .settingsMismatch(setting: .chunkTokens, stored: "\(stored.chunking.maxTokens)", requested: "\(maxTokens)")
        }
        if let embedding, let storedEmbedding = stored.embedding, embedding != storedEmbedding, !replacesEmbedding {
            throw .settingsMismatch(setting: .embeddingModel, stored: storedEmbedding.label, requested: embedding.label)
        }
        if let overlapTokens, overlapTokens != stored.chunking.overlapTokens {
            throw .settingsMismatch(setting: .chunkOverlap, stored: "\(stored.chunking.overlapTokens)", requested: "\(overlapTokens)")
        }
    }
}
