import Foundation
import Logging
import Synchronization

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

    /// Ingests `sources`, calling `progress` after each one, then embeds what is new or changed. Files
    /// with the same bytes as another file of the batch or a stored document are recorded as another
    /// path of that document, not stored twice.
    public func ingest(_ sources: [IngestSource],
                       progress: @escaping @Sendable (IngestProgress) -> Void = { _ in }) async -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        let (callsBefore, hitsBefore, tokensBefore) = (counter.modelCalls, counter.cacheHits, counter.tokens)
        var (outcomes, bytesRead, repeated) = await ingestOnce(sources, started: started, clock: clock, progress: progress)
        // An alias whose document changed in this batch no longer holds, nor a duplicate of a file that
        // changed: such paths are read in their own right.
        let stale = Set((try? await store.dropStaleAliases()) ?? []).union(repeated)
        let reread = sources.filter { stale.contains($0.storedPath) }
        if !reread.isEmpty {
            let again = await ingestOnce(reread, started: started, clock: clock, progress: { _ in })
            let paths = Set(reread.map(\.storedPath))
            outcomes = outcomes.filter { !paths.contains($0.path) } + again.outcomes
                + again.reread.map { IngestOutcome.failure($0, "its bytes match a document that changed during the ingest") }
            bytesRead += again.bytes
        }
        var report = IngestReport(outcomes: outcomes, bytesRead: bytesRead, seconds: (clock.now - started).seconds)
        report.modelCalls = counter.modelCalls - callsBefore
        report.cacheHits = counter.cacheHits - hitsBefore
        report.modelInputTokens = counter.tokens.input - tokensBefore.input
        report.modelOutputTokens = counter.tokens.output - tokensBefore.output
        if let embedder {
            do {
                let last = IngestProgress(done: sources.count, total: sources.count, chunks: 0, bytes: bytesRead,
                                          seconds: (clock.now - started).seconds)
                report.embedded = try await embedder.embedPending { count in
                    var current = last
                    current.embedded = count
                    current.seconds = (clock.now - started).seconds
                    progress(current)
                }.values.reduce(0, +)
            } catch {
                report.embeddingError = "\(error)"
                logger.error("embedding failed; the vectors stay pending for the next run: \(error)")
            }
        }
        report.seconds = (clock.now - started).seconds
        return report
    }

    /// Prepares sources concurrently and merges them one at a time; duplicates are recorded last, once
    /// the documents they repeat are stored.
    private func ingestOnce(_ sources: [IngestSource], started: ContinuousClock.Instant, clock: ContinuousClock,
                            progress: @escaping @Sendable (IngestProgress) -> Void)
        async -> (outcomes: [IngestOutcome], bytes: Int, reread: [String]) {
        let state = Mutex(IngestProgress(done: 0, total: sources.count, chunks: 0, bytes: 0, seconds: 0))
        let (counter, outputBefore) = (counter, counter.tokens.output)
        let report: @Sendable (_ change: (inout IngestProgress) -> Void) -> Void = { change in
            let current = state.withLock { progress in
                change(&progress)
                progress.seconds = (clock.now - started).seconds
                progress.modelOutputTokens = counter.tokens.output - outputBefore
                return progress
            }
            progress(current)
        }
        let originals = DuplicateFiles.originals(among: sources.compactMap { if case .file(let file) = $0 { file } else { nil } })
        var outcomes: [IngestOutcome] = []
        var duplicates: [PendingAlias] = []
        var bytesRead = 0
        var chunks = 0
        var stopReason: String?
        await withTaskGroup(of: (PreparedSource, Int).self) { group in
            var next = 0
            func startNext() {
                guard next < sources.count, stopReason == nil else { return }
                let source = sources[next]
                next += 1
                group.addTask {
                    await prepare(source, duplicateOf: originals[source.storedPath]) { report { $0.extractedChunks += 1 } }
                }
            }
            for _ in 0..<min(concurrency, sources.count) { startNext() }
            while let (prepared, bytes) = await group.next() {
                if case .duplicate(let alias) = prepared {
                    duplicates.append(alias)
                } else if case .stopped(_, _, _, _, let reason) = prepared {
                    // Sources still running would fail the same way: they are stopped, their answers kept,
                    // and the store says "failed" as the report does (the next run retries them).
                    if stopReason == nil { stopReason = reason; group.cancelAll() }
                    outcomes.append(await merge(prepared))
                } else {
                    let outcome = await merge(prepared)
                    logger.debug("\(outcome.status): \(outcome.path)", metadata: [
                        "chunks": "\(outcome.chunks)", "entities": "\(outcome.entities)", "error": "\(outcome.error ?? "")"])
                    outcomes.append(outcome)
                    chunks += outcome.chunks
                }
                bytesRead += bytes
                let (done, merged, read) = (outcomes.count + duplicates.count, chunks, bytesRead)
                report { $0.done = done; $0.chunks = merged; $0.bytes = read }
                startNext()
            }
        }
        if let stopReason {
            let done = Set(outcomes.map(\.path) + duplicates.map(\.path))
            for source in sources where !done.contains(source.storedPath) {
                let reason = "not read: the ingest stopped (\(stopReason))"
                await recordFailure(path: source.storedPath, id: StoredDocument.id(forPath: source.storedPath),
                              format: DocumentReaders.detectFormat(path: source.storedPath, bytes: []), hash: "", reason: reason)
                outcomes.append(.failure(source.storedPath, reason))
            }
        }
        var reread: [String] = []
        for alias in duplicates.sorted(by: { $0.path < $1.path }) {
            if let outcome = await record(alias) { outcomes.append(outcome) } else { reread.append(alias.path) }
        }
        return (outcomes, bytesRead, reread)
    }
}

extension Duration {
    /// The duration in seconds as a floating-point number.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    /// The duration in milliseconds as a floating-point number.
    public var milliseconds: Double { seconds * 1000 }
}
