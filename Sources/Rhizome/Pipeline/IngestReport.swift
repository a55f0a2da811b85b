/// What happened to one source during an ingest.
public struct IngestOutcome: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable { case added, updated, unchanged, failed }

    public var path: String
    public var status: Status
    public var chunks: Int
    public var tokens: Int
    /// One line, for failures.
    public var error: String?

    public init(path: String, status: Status, chunks: Int, tokens: Int, error: String?) {
        self.path = path
        self.status = status
        self.chunks = chunks
        self.tokens = tokens
        self.error = error
    }

    /// A source that failed before it could be read (missing path, unreadable directory).
    public static func failure(_ path: String, _ reason: String) -> IngestOutcome {
        IngestOutcome(path: path, status: .failed, chunks: 0, tokens: 0, error: reason)
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
        self.bytesRead = bytesRead
        self.seconds = seconds
    }

    /// The same report with more outcomes (e.g. paths that did not exist).
    public func adding(_ more: [IngestOutcome]) -> IngestReport {
        IngestReport(outcomes: outcomes + more, bytesRead: bytesRead, seconds: seconds)
    }

    /// True when every source was stored or unchanged.
    public var succeeded: Bool { failed == 0 }
}

/// Progress of a running ingest, reported after each source.
public struct IngestProgress: Sendable, Equatable {
    public var done: Int
    public var total: Int
    public var chunks: Int
    public var bytes: Int
    public var seconds: Double
}
