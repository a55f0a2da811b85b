/// Token limits of the context, counted with the store's tokenizer.
public struct TokenBudgets: Sendable, Codable, Equatable {
    public var maxEntityTokens = 6000
    public var maxRelationTokens = 8000
    /// The whole prompt: instructions, history, question and context.
    public var maxTotalTokens = 30000

    public init(maxEntityTokens: Int = 6000, maxRelationTokens: Int = 8000, maxTotalTokens: Int = 30000) {
        self.maxEntityTokens = maxEntityTokens
        self.maxRelationTokens = maxRelationTokens
        self.maxTotalTokens = maxTotalTokens
    }
}

/// A numbered source: exactly which passage of which file a `[n]` points at.
public struct QueryReference: Sendable, Codable, Equatable {
    public var id: Int
    public var chunkID: String
    public var documentPath: String
    public var documentTitle: String
    public var headingPath: [String]
    /// Unicode scalar offsets of the chunk within the document text (`rhizome documents show --json`).
    public var startOffset: Int
    public var endOffset: Int
}

/// A chunk placed in the context, with its reference number.
public struct ContextChunk: Sendable, Codable, Equatable {
    public var reference: Int
    public var chunk: RetrievedChunk
}

/// Tokens per section of the context.
public struct ContextTokens: Sendable, Codable, Equatable {
    public var entities = 0
    public var relations = 0
    public var chunks = 0
    public var references = 0
    public var context: Int { entities + relations + chunks + references }
}

/// What the model is shown: the retrieved items that fit the budgets, rendered as text sections.
public struct QueryContext: Sendable, Codable, Equatable {
    public var entities: [RetrievedEntity] = []
    public var relations: [RetrievedRelation] = []
    public var chunks: [ContextChunk] = []
    public var references: [QueryReference] = []
    public var tokens = ContextTokens()
    public var entitySection = ""
    public var relationSection = ""
    public var chunkSection = ""
    public var referenceSection = ""

    /// The sections joined, as they appear in the prompt.
    public var text: String {
        [entitySection, relationSection, chunkSection, referenceSection].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    public var isEmpty: Bool { entities.isEmpty && relations.isEmpty && chunks.isEmpty }
}
