/// The storage seam for documents and chunks: the ingest pipeline and the CLI use only this, so another
/// backend (e.g. PostgreSQL) can stand in for SQLite.
///
/// Contract: every write is atomic — the document is stored completely in its new state or left exactly
/// as it was. New versions and deletions go through `GraphStore.commit`, which keeps the graph in step.
public protocol DocumentStore: Sendable {
    /// The settings the store was created with.
    var settings: StoreSettings { get }
    /// Path, content hash and status of the document stored for `path`, if any.
    func fingerprint(ofPath path: String) async throws(StoreError) -> DocumentFingerprint?
    /// Records that `path` is being processed (status `processing`); a processed earlier version is kept.
    func markProcessing(path: String, id: String, format: DocumentFormat, contentHash: String) async throws(StoreError)
    /// Records that reading `path` failed. An earlier processed version is kept untouched.
    func recordFailure(path: String, id: String, format: DocumentFormat, contentHash: String,
                       reason: String) async throws(StoreError)
    /// All documents, by path.
    func documents() async throws(StoreError) -> [StoredDocument]
    /// One document by path or id.
    func document(_ pathOrID: String) async throws(StoreError) -> StoredDocument
    /// A document's chunks in order.
    func chunks(ofDocument id: String) async throws(StoreError) -> [StoredChunk]
    /// The full text a document's chunk offsets point into.
    func text(ofDocument id: String) async throws(StoreError) -> String
    /// Store-wide counts.
    func statistics() async throws(StoreError) -> StoreStatistics
}

/// Enough of a stored document to decide whether a file changed.
public struct DocumentFingerprint: Sendable, Equatable {
    public var id: String
    public var contentHash: String
    public var status: DocumentStatus
}

/// Everything the ingest pipeline needs from a store.
public typealias KnowledgeStore = DocumentStore & DocumentAliasStore & GraphStore & EmbeddingStore & ModelCallCache

/// Another path of a stored document: a file with the same bytes (a copy or a symlink), stored once.
public struct DocumentAlias: Sendable, Equatable, Codable {
    public var path: String
    public var documentID: String
    /// The path the document itself is stored (and cited) under.
    public var documentPath: String
    /// The bytes' hash when the alias was recorded, and the document's now: an alias is valid while equal.
    public var contentHash: String
    public var documentHash: String

    public var isValid: Bool { contentHash == documentHash }
}

/// Other paths of documents (identical files stored once).
public protocol DocumentAliasStore: Sendable {
    /// The alias recorded for `path`, if any.
    func alias(ofPath path: String) async throws(StoreError) -> DocumentAlias?
    /// Every other path of a document, sorted.
    func aliases(ofDocument id: String) async throws(StoreError) -> [String]
    /// A processed document with these bytes stored under another path.
    func processedDocument(withContentHash hash: String, otherThan path: String) async throws(StoreError) -> StoredDocument?
    /// Records `path` as another path of document `id`, whose bytes hash to `contentHash`.
    func recordAlias(path: String, ofDocument id: String, contentHash: String) async throws(StoreError)
    /// Forgets the alias `path`; false when there was none.
    func removeAlias(path: String) async throws(StoreError) -> Bool
    /// Removes aliases whose document changed or is no longer processed, returning their paths.
    func dropStaleAliases() async throws(StoreError) -> [String]
}
