/// Settings fixed when a store is created: mixing chunk sizes or tokenizers in one store would make its
/// token counts and chunk ids meaningless, so they are recorded and checked on every open.
public struct StoreSettings: Sendable, Equatable, Codable {
    public var tokenizer: String
    public var chunking: ChunkingOptions

    public init(tokenizer: String, chunking: ChunkingOptions) {
        self.tokenizer = tokenizer
        self.chunking = chunking
    }
}

/// What the caller asks for when opening a store; nil chunk options mean "whatever the store has".
public struct StoreSettingsRequest: Sendable, Equatable {
    public var tokenizer: String
    public var maxTokens: Int?
    public var overlapTokens: Int?

    public init(tokenizer: String, maxTokens: Int? = nil, overlapTokens: Int? = nil) {
        self.tokenizer = tokenizer
        self.maxTokens = maxTokens
        self.overlapTokens = overlapTokens
    }

    /// The settings a new store gets: the requested values, LightRAG's defaults for the rest (the default
    /// overlap shrinks to a quarter of a small requested chunk size).
    func settingsForNewStore() throws(StoreError) -> StoreSettings {
        let size = maxTokens ?? ChunkingOptions.default.maxTokens
        let overlap = overlapTokens ?? min(ChunkingOptions.default.overlapTokens, size / 4)
        do {
            return StoreSettings(tokenizer: tokenizer,
                                 chunking: try ChunkingOptions(maxTokens: size, overlapTokens: overlap).validated())
        } catch {
            throw .invalidSettings(error.description)
        }
    }

    /// Checks a stored configuration against this request.
    func check(_ stored: StoreSettings) throws(StoreError) {
        if stored.tokenizer != tokenizer {
            throw .settingsMismatch(setting: "tokenizer", stored: stored.tokenizer, requested: tokenizer,
                                    fix: "use a new store (--store) for another tokenizer")
        }
        if let maxTokens, maxTokens != stored.chunking.maxTokens {
            throw .settingsMismatch(setting: "--chunk-tokens", stored: "\(stored.chunking.maxTokens)",
                                    requested: "\(maxTokens)",
                                    fix: "drop the flag to use the stored value, or use a new store (--store)")
        }
        if let overlapTokens, overlapTokens != stored.chunking.overlapTokens {
            throw .settingsMismatch(setting: "--chunk-overlap", stored: "\(stored.chunking.overlapTokens)",
                                    requested: "\(overlapTokens)",
                                    fix: "drop the flag to use the stored value, or use a new store (--store)")
        }
    }
}
