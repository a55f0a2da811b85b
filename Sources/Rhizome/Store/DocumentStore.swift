/// The storage seam for documents and chunks: the ingest pipeline and the CLI use only this, so another
/// backend (e.g. PostgreSQL) can stand in for SQLite.
///
/// Contract: `replaceDocument` and `recordFailure` are atomic — after either, the document is stored
/// completely in its new state or left exactly as it was.
public protocol DocumentStore: Sendable {
    /// The settings the store was created with.
    var settings: StoreSettings { get }
    /// Path, content hash and status of the document stored for `path`, if any.
    func fingerprint(ofPath path: String) throws(StoreError) -> DocumentFingerprint?
    /// Stores `document` with `chunks` as processed, replacing any earlier version of the same path.
    func replaceDocument(_ document: Document, id: String, chunks: [Chunk]) throws(StoreError)
    /// Records that reading `path` failed. An earlier processed version is kept untouched.
    func recordFailure(path: String, id: String, format: DocumentFormat, contentHash: String,
                       reason: String) throws(StoreError)
    /// Deletes a document by path or id with everything derived from it; returns what was deleted.
    func deleteDocument(_ pathOrID: String) throws(StoreError) -> StoredDocument
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
