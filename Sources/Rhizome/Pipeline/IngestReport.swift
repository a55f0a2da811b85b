/// What happened to one source during an ingest.
public struct IngestOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case added, updated, unchanged, failed }

    public var path: String
    public var status: Status
    public var chunks: Int
    public var tokens: Int
    /// Distinct entities and relations the document's chunks mention.
    public var entities: Int
    public var relations: Int
    /// Chunks extracted by this run (the others reused stored records).
    public var extracted: Int
    /// Records the parser threw away, and answers that lacked the completion marker.
    public var droppedRecords: Int
    public var truncatedAnswers: Int
    /// One line, for failures.
    public var error: String?

    public init(path: String, status: Status, chunks: Int = 0, tokens: Int = 0, entities: Int = 0, relations: Int = 0,
                extracted: Int = 0, droppedRecords: Int = 0, truncatedAnswers: Int = 0, error: String? = nil) {
        self.path = path
        self.status = status
        self.chunks = chunks
        self.tokens = tokens
        self.entities = entities
        self.relations = relations
        self.extracted = extracted
        self.droppedRecords = droppedRecords
        self.truncatedAnswers = truncatedAnswers
        self.error = error
    }

    /// A source that failed (unreadable, bad content, model unavailable).
    public static func failure(_ path: String, _ reason: String) -> IngestOutcome {
        IngestOutcome(path: path, status: .failed, error: reason)
    }
}

/// The result of `rhizome ingest`: one outcome per source (sorted by path) and totals.
public struct IngestReport: Codable, Sendable, Equatable {
    public var outcomes: [IngestOutcome]
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var failed: Int
    /// Chunks and tokens written by this run (unchanged documents count zero).
    public var chunks: Int
    public var tokens: Int
    public var extractedChunks: Int
    public var droppedRecords: Int
    public var truncatedAnswers: Int
    /// Model calls actually made, and prompts answered from the cache instead.
    public var modelCalls: Int = 0
    public var cacheHits: Int = 0
    /// Vectors computed for new or changed entities, relations and chunks.
    public var embedded: Int = 0
    public var embeddingError: String?
    public var bytesRead: Int
    public var seconds: Double

    public init(outcomes: [IngestOutcome], bytesRead: Int, seconds: Double) {
        self.outcomes = outcomes.sorted { $0.path < $1.path }
        added = outcomes.count { $0.status == .added }
        updated = outcomes.count { $0.status == .updated }
        unchanged = outcomes.count { $0.status == .unchanged }
        failed = outcomes.count { $0.status == .failed }
        chunks = outcomes.reduce(0) { $0 + $1.chunks }
        tokens = outcomes.reduce(0) { $0 + $1.tokens }
        extractedChunks = outcomes.reduce(0) { $0 + $1.extracted }
        droppedRecords = outcomes.reduce(0) { $0 + $1.droppedRecords }
        truncatedAnswers = outcomes.reduce(0) { $0 + $1.truncatedAnswers }
        self.bytesRead = bytesRead
        self.seconds = seconds
    }

    /// The same report with more outcomes (e.g. paths that did not exist).
    public func adding(_ more: [IngestOutcome]) -> IngestReport {
        var report = IngestReport(outcomes: outcomes + more, bytesRead: bytesRead, seconds: seconds)
        report.modelCalls = modelCalls
        report.cacheHits = cacheHits
        report.embedded = embedded
        report.embeddingError = embeddingError
        return report
    }

    /// True when every source was stored or unchanged and embedding worked.
    public var succeeded: Bool { failed == 0 && embeddingError == nil }
}

/// Progress of a running ingest, reported after each source.
public struct IngestProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var chunks: Int
    public var bytes: Int
    public var seconds: Double
}
