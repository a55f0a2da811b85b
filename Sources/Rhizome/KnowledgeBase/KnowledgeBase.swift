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
    let store: SQLiteStore
    let engine: QueryEngine
    /// Assembled on the first change (it records the embedding model in the store, a write).
    private let assembledIngestor = Mutex<Ingestor?>(nil)
    let options: Options
    let writer = SerialWriter()

    /// Opens (or creates) the store and assembles the pipeline and the query engine around it; with a
    /// language model and `structured` set to `auto`, asks its server once (cached) whether it follows a
    /// JSON Schema, and extracts with schema-constrained answers when it does.
    public static func open(_ options: Options, providers: Providers, tokenizer: any Tokenizer,
                            structured: StructuredOutputMode = .off) async throws -> KnowledgeBase {
        let request = StoreSettingsRequest(tokenizer: tokenizer.name, maxTokens: options.chunkTokens,
                                           overlapTokens: options.chunkOverlap, embedding: providers.embeddingSettings)
        let store = try SQLiteStore(path: options.storePath, mode: options.createIfMissing ? .createIfMissing : .existingOnly,
                                    request: request)
        var options = options
        if let model = providers.languageModel, !store.isReadOnly {
            options.extraction.structured = await StructuredOutputProbe.resolve(structured, model: CachedLanguageModel(model: model, cache: store))
        }
        return KnowledgeBase(store: store, options: options, providers: providers, tokenizer: tokenizer)
    }

    init(store: SQLiteStore, options: Options, providers: Providers, tokenizer: any Tokenizer) {
        self.store = store
        self.options = options
        self.providers = providers
        self.tokenizer = tokenizer
        engine = QueryEngine.assemble(store: store, providers: providers, tokenizer: tokenizer)
    }

    /// The store file.
    public var path: String { store.path }
    public var isReadOnly: Bool { store.isReadOnly }
    /// Migrations opening the store applied (see `SQLiteStore.upgrades`).
    public var upgrades: [String] { store.upgrades }
    /// What writes answers: a model label, or `extractive`.
    public var generatorLabel: String { engine.generator.label }

    /// How paths of files map to the paths documents are stored under (relative to the store's folder).
    public var discovery: SourceDiscovery {
        SourceDiscovery(storeDirectory: URL(fileURLWithPath: store.path).deletingLastPathComponent())
    }

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

    // MARK: Documents

    public func documents() throws(StoreError) -> [StoredDocument] { try store.documents() }

    /// One document by its stored path or id exactly (no file-system spelling: what a remote client may name).
    public func storedDocument(_ pathOrID: String) throws(StoreError) -> StoredDocument { try store.document(pathOrID) }

    public func chunks(ofDocument id: String) throws(StoreError) -> [StoredChunk] { try store.chunks(ofDocument: id) }

    /// The text a document's chunk offsets point into.
    public func text(ofDocument id: String) throws(StoreError) -> String { try store.text(ofDocument: id) }

    public func statistics() throws(StoreError) -> StoreStatistics { try store.statistics() }

    // MARK: Changes (one at a time)

    /// Ingests `sources` (after every change asked for earlier), reporting progress after each one.
    public func ingest(_ sources: [IngestSource],
                       progress: @escaping @Sendable (IngestProgress) -> Void = { _ in }) async throws -> IngestReport {
        let ingestor = try writableIngestor()
        let (store, providers) = (self.store, self.providers)
        return try await writer.run {
            let report = await ingestor.ingest(sources, progress: progress)
            if report.succeeded || report.added + report.updated > 0 { try store.rememberProviders(providers.choices) }
            return report
        }
    }

    /// Removes the document stored under this path or id (not one of its other paths).
    public func delete(storedDocument pathOrID: String) async throws -> StoredDocument {
        let ingestor = try writableIngestor()
        return try await writer.run { try await ingestor.delete(pathOrID) }
    }

    /// Runs a graph edit (rename, merge, edit, delete) after every change asked for earlier.
    public func edit(_ change: @escaping @Sendable (GraphEditor) async throws -> EditReport) async throws -> EditReport {
        guard !store.isReadOnly else { throw StoreError.readOnly(path: store.path) }
        let editor = GraphEditor(store: store, merger: GraphMerger.assemble(store: store, providers: providers, tokenizer: tokenizer,
                                                                            language: options.extraction.language))
        return try await writer.run { try await change(editor) }
    }

    private func writableIngestor() throws -> Ingestor {
        guard !store.isReadOnly else { throw StoreError.readOnly(path: store.path) }
        return try assembledIngestor.withLock { ingestor in
            if let ingestor { return ingestor }
            let assembled = try Ingestor.assemble(store: store, providers: providers, tokenizer: tokenizer, readers: options.readers,
                                                  extraction: options.extraction, concurrency: options.concurrency)
            ingestor = assembled
            return assembled
        }
    }
}
