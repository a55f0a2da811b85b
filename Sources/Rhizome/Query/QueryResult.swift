/// The machine-readable outcome of `rhizome query --json` (`Schemas/query-result.schema.json`).
public struct QueryResult: Sendable, Codable, Equatable {
    public struct Tokens: Sendable, Codable, Equatable {
        public var entities: Int
        public var relations: Int
        public var chunks: Int
        public var references: Int
        public var context: Int
        /// The whole prompt: instructions, context, history and question.
        public var prompt: Int
    }

    public var query: String
    public var mode: String
    public var keywords: QueryKeywords
    public var entities: [RetrievedEntity]
    public var relations: [RetrievedRelation]
    public var chunks: [ContextChunk]
    public var references: [QueryReference]
    public var tokens: Tokens
    public var timingsMs: QueryTimings
    /// The context text as the model sees it.
    public var context: String
    /// The full prompt, with `--prompt-only`.
    public var prompt: [ChatMessage]?
    /// The answer; absent with `--context-only` and `--prompt-only`.
    public var answer: String?
    /// What wrote the answer: a model label, or `extractive`.
    public var generator: String

    public init(_ prepared: PreparedQuery, answer: String?, generator: String, includePrompt: Bool) {
        query = prepared.request.query
        mode = prepared.request.mode.rawValue
        keywords = prepared.keywords
        entities = prepared.context.entities
        relations = prepared.context.relations
        chunks = prepared.context.chunks
        references = prepared.context.references
        let counted = prepared.context.tokens
        tokens = Tokens(entities: counted.entities, relations: counted.relations, chunks: counted.chunks,
                        references: counted.references, context: counted.context, prompt: prepared.promptTokens)
        timingsMs = prepared.timings
        context = prepared.context.text
        prompt = includePrompt ? prepared.messages : nil
        self.answer = answer
        self.generator = generator
    }
}

extension QueryEngine {
    /// The usual assembly: the model for keywords and answers when one is configured (offline keywords as
    /// the fallback for unreadable answers), the heuristic keywords and the extractive answer otherwise.
    public static func assemble(store: any KnowledgeBackend, providers: Providers, tokenizer: any Tokenizer,
                                vectorSearch: (any VectorSearch)? = nil, counter: ModelCallCounter = ModelCallCounter()) -> QueryEngine {
        let offlineKeywords = HeuristicKeywordExtractor(store: store)
        let keywordExtractor: any KeywordExtractor
        let generator: any AnswerGenerator
        if let model = providers.languageModel {
            let cached = CachedLanguageModel(model: model, cache: store, counter: counter)
            keywordExtractor = ModelKeywordExtractor(model: cached, fallback: offlineKeywords)
            generator = ModelAnswerGenerator(model: cached)
        } else {
            keywordExtractor = offlineKeywords
            generator = ExtractiveAnswerGenerator()
        }
        let retriever = Retriever(store: store, vectorSearch: vectorSearch ?? ExactVectorSearch(store: store), embedding: providers.embedding)
        return QueryEngine(store: store, keywordExtractor: keywordExtractor, retriever: retriever, generator: generator,
                           tokenizer: tokenizer)
    }
}
