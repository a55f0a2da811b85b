import Foundation
import Synchronization

/// One knowledge store with the models it is written and questioned with: what the command line, the
/// HTTP server and the MCP server call. Reads run in parallel (SQLite in WAL mode); every change — an
/// ingest, a deletion, an edit — goes through one serial path, so concurrent requests never interleave.
public final class KnowledgeBase: Sendable {
    /// How to open the store and build its graph.
    public struct Options: Sendable {
        public var storePath: String
        /// Create the store when the file does not exist (else opening it is an error).
        public var createIfMissing: Bool
        /// Chunk sizes for a new store (an existing one keeps its own).
        public var chunkTokens: Int?
        public var chunkOverlap: Int?
        public var readers: DocumentReaders
        public var extraction: ExtractionSettings
        /// Documents read and extracted at once (and model calls in flight).
        public var concurrency: Int
        /// Leave the store's embedding model unchecked: it is about to be replaced (`reembedEverything`).
        public var replacingEmbedding = false

        public init(storePath: String, createIfMissing: Bool = false, chunkTokens: Int? = nil, chunkOverlap: Int? = nil,
                    readers: DocumentReaders = DocumentReaders(), extraction: ExtractionSettings = ExtractionSettings(),
                    concurrency: Int = max(8, ProcessInfo.processInfo.activeProcessorCount)) {
            self.storePath = storePath
            self.createIfMissing = createIfMissing
            self.chunkTokens = chunkTokens
            self.chunkOverlap = chunkOverlap
            self.readers = readers
            self.extraction = extraction
            self.concurrency = concurrency
        }
    }

    public let providers: Providers
    public let tokenizer: any Tokenizer
    /// The store itself: documents, graph inspection, exports, the cache.
    public let stored: StoredKnowledge
    var store: any KnowledgeBackend { stored.store }
    let engine: QueryEngine
    /// Assembled on the first change (it records the embedding model in the store, a write).
    let assembledIngestor = Mutex<Ingestor?>(nil)
    let options: Options
    let writer = SerialWriter()

    /// Opens (or creates) the store and assembles the pipeline and the query engine around it; with a
    /// language model and `structured` set to `auto`, asks its server once (cached) whether it follows a
    /// JSON Schema, and extracts with schema-constrained answers when it does.
    public static func open(_ options: Options, providers: Providers, tokenizer: any Tokenizer,
                            structured: StructuredOutputMode = .off) async throws -> KnowledgeBase {
        let request = StoreSettingsRequest(tokenizer: tokenizer.name, maxTokens: options.chunkTokens,
                                           overlapTokens: options.chunkOverlap,
                                           embedding: options.replacingEmbedding ? nil : providers.embeddingSettings)
        let store = try KnowledgeBackends.open(path: options.storePath, createIfMissing: options.createIfMissing, request: request)
        var options = options
        if let model = providers.languageModel, !store.isReadOnly {
            options.extraction.structured = await StructuredOutputProbe.resolve(structured, model: CachedLanguageModel(model: model, cache: store))
        }
        return KnowledgeBase(store: store, options: options, providers: providers, tokenizer: tokenizer)
    }

    init(store: any KnowledgeBackend, options: Options, providers: Providers, tokenizer: any Tokenizer) {
        stored = StoredKnowledge(store: store)
        self.options = options
        self.providers = providers
        self.tokenizer = tokenizer
        engine = QueryEngine.assemble(store: store, providers: providers, tokenizer: tokenizer)
    }

    /// The store file.
    public var path: String { store.path }
    /// What writes answers: a model label, or `extractive`.
    public var generatorLabel: String { engine.generator.label }

    // MARK: Questions

    /// Keywords, retrieval and the budgeted context and prompt for `request`.
    public func prepare(_ request: QueryRequest) async throws -> PreparedQuery {
        try await engine.prepare(request)
    }

    /// The answer to a prepared question, piece by piece.
    public func answer(_ prepared: PreparedQuery) -> AsyncThrowingStream<String, any Error> {
        engine.answer(prepared)
    }

    /// The whole outcome of a question, the answer collected (nil when `contextOnly`).
    public func query(_ request: QueryRequest, contextOnly: Bool = false) async throws -> QueryResult {
        var prepared = try await prepare(request)
        guard !contextOnly else { return QueryResult(prepared, answer: nil, generator: generatorLabel, includePrompt: false) }
        let clock = ContinuousClock()
        let start = clock.now
        var answer = ""
        for try await piece in self.answer(prepared) { answer += piece }
        prepared.timings.generation = (clock.now - start).milliseconds
        return QueryResult(prepared, answer: answer, generator: generatorLabel, includePrompt: false)
    }

    /// The entities and relations a question retrieves, as a graph selection (what `export --query` writes).
    public func selection(retrievedFor request: QueryRequest) async throws -> GraphSelection {
        SubgraphSelector.retrieved(try await engine.prepare(request).retrieval)
    }

    /// Scores retrieval and answers on question sets, documents named as `discovery` stores them.
    public func evaluator(ks: [Int], weights: FusionWeights, discovery: SourceDiscovery? = nil) -> Evaluator {
        Evaluator(engine: engine, locator: DocumentLocator(store: store, discovery: discovery ?? stored.discovery), ks: ks, weights: weights)
    }
}
