/// The storage seam for documents and chunks: the ingest pipeline and the CLI use only this, so another
/// backend (e.g. PostgreSQL) can stand in for SQLite.
///
/// Contract: every write is atomic — the document is stored completely in its new state or left exactly
/// as it was. New versions and deletions go through `GraphStore.commit`, which keeps the graph in step.
public protocol DocumentStore: Sendable {
    /// The settings the store was created with.
    var settings: StoreSettings { get }
    /// Path, content hash and status of the document stored for `path`, if any.
    func fingerprint(ofPath path: String) throws(StoreError) -> DocumentFingerprint?
    /// Records that `path` is being processed (status `processing`); a processed earlier version is kept.
    func markProcessing(path: String, id: String, format: DocumentFormat, contentHash: String) throws(StoreError)
    /// Records that reading `path` failed. An earlier processed version is kept untouched.
    func recordFailure(path: String, id: String, format: DocumentFormat, contentHash: String,
                       reason: String) throws(StoreError)
    /// All documents, by path.
    func documents() throws(StoreError) -> [StoredDocument]
    /// One document by path or id.
    func document(_ pathOrID: String) throws(StoreError) -> StoredDocument
    /// A document's chunks in order.
    func chunks(ofDocument id: String) throws(StoreError) -> [StoredChunk]
    /// The full text a document's chunk offsets point into.
    func text(ofDocument id: String) throws(StoreError) -> String
    /// Store-wide counts.
    func statistics() throws(StoreError) -> StoreStatistics
}

/// Enough of a stored document to decide whether a file changed.
public struct DocumentFingerprint: Sendable, Equatable {
    public var id: String
    public var contentHash: String
    public var status: DocumentStatus
}

/// Everything the ingest pipeline needs from a store.
public typealias KnowledgeStore = DocumentStore & GraphStore & EmbeddingStore & ModelCallCache
