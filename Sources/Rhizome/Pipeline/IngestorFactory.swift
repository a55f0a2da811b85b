import Foundation

/// How chunks are turned into records when a language model is configured.
public struct ExtractionSettings: Sendable {
    public var gleaning: Int
    public var entityTypes: [String]
    public var language: String
    /// Schema-constrained answers (see `StructuredOutputProbe` to decide it for `auto`).
    public var structured: Bool

    public init(gleaning: Int = 1, entityTypes: [String] = ModelExtractor.defaultEntityTypes, language: String = LanguageGuess.automatic,
                structured: Bool = false) {
        self.gleaning = gleaning
        self.entityTypes = entityTypes
        self.language = language
        self.structured = structured
    }
}

extension GraphMerger {
    /// The usual merger: model summaries behind the store's cache when a language model is configured,
    /// ranking summaries offline.
    public static func assemble(store: any KnowledgeBackend, providers: Providers, tokenizer: any Tokenizer, language: String = LanguageGuess.automatic,
                                counter: ModelCallCounter = ModelCallCounter()) -> GraphMerger {
        let threshold = SummaryThreshold(tokenizer: tokenizer)
        guard let model = providers.languageModel else { return GraphMerger(summarizer: RankingSummarizer(threshold: threshold)) }
        return GraphMerger(summarizer: ModelSummarizer(model: CachedLanguageModel(model: model, cache: store, counter: counter),
                                                       threshold: threshold, language: language))
    }
}

extension Ingestor {
    /// The usual assembly: the model extractor and summarizer behind the store's cache when a language
    /// model is configured, the heuristic extractor and ranking summarizer offline.
    public static func assemble(store: any KnowledgeBackend, providers: Providers, tokenizer: any Tokenizer,
                                readers: DocumentReaders = DocumentReaders(), extraction: ExtractionSettings = ExtractionSettings(),
                                concurrency: Int = max(8, ProcessInfo.processInfo.activeProcessorCount),
                                counter: ModelCallCounter = ModelCallCounter()) async throws -> Ingestor {
        try await store.adoptEmbedding(providers.embeddingSettings)
        let extractor: any Extractor = providers.languageModel.map {
            ModelExtractor(model: CachedLanguageModel(model: $0, cache: store, counter: counter), entityTypes: extraction.entityTypes,
                           language: extraction.language, gleaning: extraction.gleaning, structured: extraction.structured)
        } ?? HeuristicExtractor(tokenizer: tokenizer)
        let summarizer = GraphMerger.assemble(store: store, providers: providers, tokenizer: tokenizer, language: extraction.language,
                                              counter: counter).summarizer
        return Ingestor(store: store, readers: readers, chunker: try Chunker(tokenizer: tokenizer, options: store.settings.chunking),
                        extractor: extractor, summarizer: summarizer, embedding: providers.embedding, concurrency: concurrency,
                        counter: counter)
    }
}
