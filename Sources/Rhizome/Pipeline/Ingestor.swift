import Foundation
import Logging

/// One thing to ingest: a file on disk, or bytes (standard input) with an optional forced format.
public enum IngestSource: Sendable {
    case file(SourceFile)
    case bytes([UInt8], storedPath: String, format: DocumentFormat?)

    var storedPath: String {
        switch self {
        case .file(let file): file.storedPath
        case .bytes(_, let path, _): path
        }
    }
}

/// Reads, chunks, extracts and merges sources into the graph. Unchanged sources (same path and content
/// hash, already processed) are skipped without parsing; a changed one is diffed at chunk level so only its
/// new chunks are extracted. Documents are prepared concurrently, but merged one at a time, so the graph is
/// the same whatever the concurrency. One bad file or failing model call never stops the others.
public struct Ingestor: Sendable {
    public let store: any KnowledgeStore
    public let readers: DocumentReaders
    public let chunker: Chunker
    public let extractor: any Extractor
    public let updater: GraphUpdater
    public let embedder: EmbeddingIndexer?
    /// Documents read, chunked and extracted at once.
    public let concurrency: Int
    /// Counts model calls and cache hits for the report (the same counter the cached model uses).
    public let counter: ModelCallCounter
    public let logger: Logger

    public init(store: any KnowledgeStore, readers: DocumentReaders, chunker: Chunker, extractor: any Extractor,
                summarizer: any DescriptionSummarizer, embedding: (any EmbeddingModel)?,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, counter: ModelCallCounter = ModelCallCounter(),
                logger: Logger = Logger(label: "rhizome.ingest")) {
        self.counter = counter
        self.store = store
        self.readers = readers
        self.chunker = chunker
        self.extractor = extractor
        self.updater = GraphUpdater(store: store, merger: GraphMerger(summarizer: summarizer))
        self.embedder = embedding.map { EmbeddingIndexer(store: store, model: $0) }
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Ingests `sources`, calling `progress` after each one, then embeds what is new or changed.
    public func ingest(_ sources: [IngestSource],
                       progress: @Sendable (IngestProgress) -> Void = { _ in }) async -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        let (callsBefore, hitsBefore) = (counter.modelCalls, counter.cacheHits)
        var outcomes: [IngestOutcome] = []
        var bytesRead = 0
        var chunks = 0
        await withTaskGroup(of: (PreparedSource, Int).self) { group in
            var next = 0
            func startNext() {
                guard next < sources.count else { return }
                let source = sources[next]
                next += 1
                group.addTask { await prepare(source) }
            }
            for _ in 0..<min(concurrency, sources.count) { startNext() }
            while let (prepared, bytes) = await group.next() {
                let outcome = await merge(prepared)
                logger.debug("\(outcome.status): \(outcome.path)", metadata: [
                    "chunks": "\(outcome.chunks)", "entities": "\(outcome.entities)", "error": "\(outcome.error ?? "")"])
                outcomes.append(outcome)
                bytesRead += bytes
                chunks += outcome.chunks
                progress(IngestProgress(done: outcomes.count, total: sources.count, chunks: chunks, bytes: bytesRead,
                                        seconds: (clock.now - started).seconds))
                startNext()
            }
        }
        var report = IngestReport(outcomes: outcomes, bytesRead: bytesRead, seconds: (clock.now - started).seconds)
        report.modelCalls = counter.modelCalls - callsBefore
        report.cacheHits = counter.cacheHits - hitsBefore
        if let embedder {
            do {
                report.embedded = try await embedder.embedPending().values.reduce(0, +)
            } catch {
                report.embeddingError = "\(error)"
                logger.error("embedding failed; the vectors stay pending for the next run: \(error)")
            }
        }
        report.seconds = (clock.now - started).seconds
        return report
    }

    /// Removes a document (by path or id) and everything only it supported from the graph.
    public func delete(_ pathOrID: String) async throws -> StoredDocument {
        let stored = try store.document(pathOrID)
        try await updater.delete(documentID: stored.id)
        return stored
    }

    /// A source after the concurrent part of the work.
    enum PreparedSource: Sendable {
        case done(IngestOutcome)
        case ready(ExtractedDocument)
        case failed(path: String, id: String, format: DocumentFormat, hash: String, reason: String)
    }

    /// Loads, reads, chunks and extracts one source (everything that can run concurrently).
    func prepare(_ source: IngestSource) async -> (PreparedSource, Int) {
        let path = source.storedPath
        let id = SQLiteStore.documentID(forPath: path)
        let bytes: [UInt8]
        let forcedFormat: DocumentFormat?
        do {
            switch source {
            case .file(let file):
                bytes = try readers.load(fileAt: file.url)
                forcedFormat = nil
            case .bytes(let data, _, let format):
                bytes = data
                forcedFormat = format
            }
        } catch {
            return (.failed(path: path, id: id, format: .text, hash: "", reason: error.description), 0)
        }
        let hash = DocumentReaders.contentHash(of: bytes)
        let format = forcedFormat ?? DocumentReaders.detectFormat(path: path, bytes: bytes)
        do {
            let earlier = try store.fingerprint(ofPath: path)
            if let earlier, earlier.contentHash == hash, earlier.status == .processed {
                return (.done(IngestOutcome(path: path, status: .unchanged)), bytes.count)
            }
            let document = try readers.read(bytes, sourcePath: path, format: format)
            let chunks = chunker.chunks(of: document, documentID: id)
            try store.markProcessing(path: path, id: id, format: format, contentHash: hash)
            let extracted = try await ChunkExtractionStage(store: store, extractor: extractor)
                .extract(document: document, chunks: chunks)
            return (.ready(ExtractedDocument(document: document, id: id, chunks: chunks, extractions: extracted.all,
                                             fresh: extracted.fresh, wasProcessed: earlier?.status == .processed)),
                    bytes.count)
        } catch let error as ReadingError {
            return (.failed(path: path, id: id, format: format, hash: hash, reason: error.description), bytes.count)
        } catch {
            return (.failed(path: path, id: id, format: format, hash: hash, reason: "\(error)"), bytes.count)
        }
    }

    /// Commits a prepared source (one at a time), or records its failure.
    func merge(_ prepared: PreparedSource) async -> IngestOutcome {
        switch prepared {
        case .done(let outcome):
            return outcome
        case .failed(let path, let id, let format, let hash, let reason):
            recordFailure(path: path, id: id, format: format, hash: hash, reason: reason)
            return .failure(path, reason)
        case .ready(let ready):
            do {
                try await updater.replace(ready.document, id: ready.id, chunks: ready.chunks,
                                          extractions: ready.extractions, fresh: ready.fresh)
                return ready.outcome
            } catch {
                let reason = "\(error)"
                recordFailure(path: ready.document.sourcePath, id: ready.id, format: ready.document.format,
                              hash: ready.document.contentHash, reason: reason)
                return .failure(ready.document.sourcePath, reason)
            }
        }
    }

    /// Failures are recorded so `status` shows them and the next ingest retries them; a store error
    /// here is not worth failing the batch over (the outcome already says what went wrong).
    private func recordFailure(path: String, id: String, format: DocumentFormat, hash: String, reason: String) {
        do {
            try store.recordFailure(path: path, id: id, format: format, contentHash: hash, reason: reason)
        } catch {
            logger.warning("could not record the failure of \(path) in the store: \(error)")
        }
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    /// The duration in milliseconds as a floating-point number.
    public var milliseconds: Double { seconds * 1000 }
}
