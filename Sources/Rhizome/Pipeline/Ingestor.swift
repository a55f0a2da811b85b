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

/// Reads, chunks and stores sources: unchanged ones (same path and content hash) are skipped without
/// parsing, changed ones replace their earlier version, and each document is written in one transaction.
/// Sources are processed concurrently up to `concurrency`; one bad file never stops the others.
public struct Ingestor: Sendable {
    public let store: any DocumentStore
    public let readers: DocumentReaders
    public let chunker: Chunker
    public let concurrency: Int
    public let logger: Logger

    public init(store: any DocumentStore, readers: DocumentReaders, chunker: Chunker,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
                logger: Logger = Logger(label: "rhizome.ingest")) {
        self.store = store
        self.readers = readers
        self.chunker = chunker
        self.concurrency = max(1, concurrency)
        self.logger = logger
    }

    /// Ingests `sources`, calling `progress` after each one, and reports what happened.
    public func ingest(_ sources: [IngestSource],
                       progress: @Sendable (IngestProgress) -> Void = { _ in }) async -> IngestReport {
        let clock = ContinuousClock()
        let started = clock.now
        var outcomes: [IngestOutcome] = []
        var bytesRead = 0
        var chunks = 0
        await withTaskGroup(of: (IngestOutcome, Int).self) { group in
            var next = 0
            func startNext() {
                guard next < sources.count else { return }
                let source = sources[next]
                next += 1
                group.addTask { ingestOne(source) }
            }
            for _ in 0..<min(concurrency, sources.count) { startNext() }
            while let (outcome, bytes) = await group.next() {
                logger.debug("\(outcome.status): \(outcome.path)", metadata: [
                    "chunks": "\(outcome.chunks)", "bytes": "\(bytes)", "error": "\(outcome.error ?? "")"])
                outcomes.append(outcome)
                bytesRead += bytes
                chunks += outcome.chunks
                progress(IngestProgress(done: outcomes.count, total: sources.count, chunks: chunks, bytes: bytesRead,
                                        seconds: (clock.now - started).seconds))
                startNext()
            }
        }
        return IngestReport(outcomes: outcomes, bytesRead: bytesRead, seconds: (clock.now - started).seconds)
    }

    /// Ingests one source; returns its outcome and the number of bytes read.
    func ingestOne(_ source: IngestSource) -> (IngestOutcome, Int) {
        let path = source.storedPath
        let id = SQLiteStore.documentID(forPath: path)
        func failure(_ reason: String, bytes: Int) -> (IngestOutcome, Int) { (.failure(path, reason), bytes) }
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
            recordFailure(path: path, id: id, format: .text, hash: "", reason: error.description)
            return failure(error.description, bytes: 0)
        }
        let hash = DocumentReaders.contentHash(of: bytes)
        let earlier: DocumentFingerprint?
        do { earlier = try store.fingerprint(ofPath: path) } catch { return failure(error.description, bytes: bytes.count) }
        if let earlier, earlier.contentHash == hash, earlier.status == .processed {
            return (IngestOutcome(path: path, status: .unchanged, chunks: 0, tokens: 0, error: nil), bytes.count)
        }
        let format = forcedFormat ?? DocumentReaders.detectFormat(path: path, bytes: bytes)
        do {
            let document = try readers.read(bytes, sourcePath: path, format: format)
            let chunks = chunker.chunks(of: document, documentID: id)
            try store.replaceDocument(document, id: id, chunks: chunks)
            let status: IngestOutcome.Status = earlier?.status == .processed ? .updated : .added
            return (IngestOutcome(path: path, status: status, chunks: chunks.count,
                                  tokens: chunks.reduce(0) { $0 + $1.tokenCount }, error: nil), bytes.count)
        } catch let error as ReadingError {
            recordFailure(path: path, id: id, format: format, hash: hash, reason: error.description)
            return failure(error.description, bytes: bytes.count)
        } catch {
            return failure("\(error)", bytes: bytes.count)
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
}
