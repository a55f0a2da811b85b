/// What happened to one source during an ingest.
public struct IngestOutcome: Codable, Sendable, Equatable {
    /// `duplicate`: the same bytes as a document stored under another path, recorded as another path of
    /// it; `removed`: a stored document whose file vanished, deleted by `prune`.
    public enum Status: String, Codable, Sendable { case added, updated, unchanged, duplicate, removed, failed }

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
    /// What reading recovered from or left out (one line each); the document was stored.
    public var warnings: [String]
    /// For a duplicate: the stored path whose document holds the same bytes.
    public var duplicateOf: String?

    public init(path: String, status: Status, chunks: Int = 0, tokens: Int = 0, entities: Int = 0, relations: Int = 0,
                extracted: Int = 0, droppedRecords: Int = 0, truncatedAnswers: Int = 0, error: String? = nil,
                warnings: [String] = [], duplicateOf: String? = nil) {
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
        self.warnings = warnings
        self.duplicateOf = duplicateOf
    }

    /// A source that failed (unreadable, bad content, model unavailable).
    public static func failure(_ path: String, _ reason: String) -> IngestOutcome {
        IngestOutcome(path: path, status: .failed, error: reason)
    }
}

/// A file found under a directory but not ingested, and why.
public struct SkippedSource: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable {
        /// Not one of the known extensions, and no `include` pattern asked for it.
        case unknownExtension = "unknown_extension"
        /// `include` patterns were given and none matched.
        case notIncluded = "not_included"
        /// An `exclude` pattern matched.
        case excluded
    }

    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }
}

/// The result of `rhizome ingest`: one outcome per source (sorted by path) and totals.
public struct IngestReport: Codable, Sendable, Equatable {
    public var outcomes: [IngestOutcome]
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var duplicates: Int
    public var removed: Int
    public var failed: Int
    /// Sources stored with warnings (counted among added/updated, never among failed).
    public var warned: Int
    /// Files under the given directories that were not ingested.
    public var skipped: [SkippedSource] = []
    /// Stored documents under the given directories whose files no longer exist (and were not pruned).
    public var vanished: [String] = []
    /// Chunks and tokens written by this run (unchanged documents count zero).
    public var chunks: Int
    public var tokens: Int
    public var extractedChunks: Int
    public var droppedRecords: Int
    public var truncatedAnswers: Int
    /// Model calls actually made, and prompts answered from the cache instead.
    public var modelCalls: Int = 0
    public var cacheHits: Int = 0
    /// Tokens the model servers counted for this run's calls (0 when they do not say).
    public var modelInputTokens: Int = 0
    public var modelOutputTokens: Int = 0
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
        duplicates = outcomes.count { $0.status == .duplicate }
        removed = outcomes.count { $0.status == .removed }
        failed = outcomes.count { $0.status == .failed }
        warned = outcomes.count { $0.status != .failed && !$0.warnings.isEmpty }
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
        report.modelInputTokens = modelInputTokens
        report.modelOutputTokens = modelOutputTokens
        report.embedded = embedded
        report.embeddingError = embeddingError
        report.skipped = skipped
        report.vanished = vanished
        return report
    }

    /// True when every source was stored or unchanged and embedding worked (warnings do not count).
    public var succeeded: Bool { failed == 0 && embeddingError == nil }
}

/// Progress of a running ingest, reported after each source.
public struct IngestProgress: Sendable, Equatable {
    /// Sources finished (stored, unchanged or failed), of `total`.
    public var done: Int
    public var total: Int
    /// Chunks of finished sources, and chunks extracted so far (also inside documents still running).
    public var chunks: Int
    public var extractedChunks: Int
    public var bytes: Int
    public var seconds: Double
    /// Vectors computed so far by the embedding pass that follows the documents (nil before it starts).
    public var embedded: Int?
    /// Tokens the model servers generated so far in this run (their usage counts).
    public var modelOutputTokens = 0

    public init(done: Int, total: Int, chunks: Int, extractedChunks: Int = 0, bytes: Int, seconds: Double) {
        self.done = done
        self.total = total
        self.chunks = chunks
        self.extractedChunks = extractedChunks
        self.bytes = bytes
        self.seconds = seconds
    }
}
