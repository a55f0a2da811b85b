/// Everything one document change does to the store, applied in a single transaction: the document row
/// and its chunks, the mentions its new chunks bring, and the rebuilt entities and relations.
public struct GraphCommit: Sendable {
    public enum DocumentChange: Sendable {
        /// Store this version (status `processed`): chunks not in `chunks` are removed, new ones added.
        case replace(Document, id: String, chunks: [Chunk])
        /// Remove the document, its chunks and their mentions.
        case delete(id: String)
    }

    public var change: DocumentChange
    /// Mentions of the chunks that are new in this version.
    public var addedMentions: [ChunkMentions]
    /// Extraction records to keep for reuse, with the extractor fingerprint that made them.
    public var extractions: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]
    public var entities: [EntityRecord]
    public var removedEntityKeys: [String]
    public var relations: [RelationRecord]
    public var removedRelationKeys: [RelationKey]
}

/// The graph side of the store (a seam, so another backend can take its place).
public protocol GraphStore: Sendable {
    func chunkIDs(ofDocument id: String) throws(StoreError) -> [String]
    func storedExtractions(chunkIDs: [String], extractor: String) throws(StoreError) -> [String: ChunkExtraction]
    func entityMentions(keys: Set<String>) throws(StoreError) -> [EntityMention]
    /// Relation mentions with either endpoint in `keys`.
    func relationMentions(touching keys: Set<String>) throws(StoreError) -> [RelationMention]
    /// The mentions of exactly these relations.
    func relationMentions(pairs: Set<RelationKey>) throws(StoreError) -> [RelationMention]
    /// For each of `keys`, how many relation mentions name it with each surface form, leaving out the
    /// mentions of `excludedChunks` (counted in SQL, so a hot entity costs no rows in memory).
    func endpointNameCounts(keys: Set<String>, excludingChunks excludedChunks: [String]) throws(StoreError) -> [String: [String: Int]]
    /// The entity keys and relation keys the given chunks mention.
    func mentionKeys(ofChunks chunkIDs: [String]) throws(StoreError) -> (entities: Set<String>, relations: Set<RelationKey>)
    func commit(_ commit: GraphCommit) throws(StoreError)
}
