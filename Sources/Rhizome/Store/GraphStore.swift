/// Everything one change does to the store, applied in a single transaction: document rows and their
/// chunks, the mentions that go and come, the rebuilt entities and relations, and the graph's rules.
public struct GraphCommit: Sendable {
    public enum DocumentChange: Sendable {
        /// Store this version (status `processed`): chunks not in `chunks` are removed, new ones added.
        case replace(Document, id: String, chunks: [Chunk])
        /// Remove the document, its chunks and their mentions.
        case delete(id: String)
    }

    /// The documents this change stores or removes (none for an edit of the graph itself).
    public var documents: [DocumentChange]
    /// Mention rows to delete (single rows; a removed document's chunks take theirs along) and to insert.
    public var mentions: MentionChanges
    /// Extraction records to keep for reuse, with the extractor fingerprint that made them.
    public var extractions: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]
    public var graph: RebuiltGraph
    /// The graph's rules after this change, when the change decides something (an edit or an import).
    public var rules: GraphRules?
    /// The graph version (`GraphStore.graphVersion()`) the change was worked out from: the commit is refused
    /// with `StoreError.concurrentChange` when another commit came in between. Nil: commit regardless.
    public var basedOnVersion: Int?
    /// Ids to give new entities and relations when no other row has them (an import keeps the file's ids).
    public var preferredEntityIDs: [String: Int64] = [:]
    public var preferredRelationIDs: [RelationKey: Int64] = [:]

    public init(documents: [DocumentChange], mentions: MentionChanges, extractions: [(chunkID: String, extractor: String, extraction: ChunkExtraction)] = [],
                graph: RebuiltGraph, rules: GraphRules? = nil) {
        self.documents = documents
        self.mentions = mentions
        self.extractions = extractions
        self.graph = graph
        self.rules = rules
    }
}

/// The graph side of the store (a seam, so another backend can take its place).
public protocol GraphStore: Sendable {
    func chunkIDs(ofDocument id: String) async throws(StoreError) -> [String]
    func storedExtractions(chunkIDs: [String], extractor: String) async throws(StoreError) -> [String: ChunkExtraction]
    func entityMentions(keys: Set<String>) async throws(StoreError) -> [EntityMention]
    /// Relation mentions with either endpoint in `keys`.
    func relationMentions(touching keys: Set<String>) async throws(StoreError) -> [RelationMention]
    /// The mentions of exactly these relations.
    func relationMentions(pairs: Set<RelationKey>) async throws(StoreError) -> [RelationMention]
    /// For each of `keys`, how many relation mentions name it with each surface form, leaving out the
    /// mentions of `excludedChunks` (counted in SQL, so a hot entity costs no rows in memory).
    func endpointNameCounts(keys: Set<String>, excludingChunks excludedChunks: [String]) async throws(StoreError) -> [String: [String: Int]]
    /// The entity keys and relation keys the given chunks mention.
    func mentionKeys(ofChunks chunkIDs: [String]) async throws(StoreError) -> (entities: Set<String>, relations: Set<RelationKey>)
    /// The key and name of the entity called `name` (its key, or one of its aliases in any case), if any.
    func entity(named name: String) async throws(StoreError) -> (key: String, name: String)?
    /// Which of these entity keys have an entity.
    func existingEntityKeys(_ keys: Set<String>) async throws(StoreError) -> Set<String>
    /// Where each of these chunks sits (document path and order), for those that exist.
    func chunkPlaces(_ ids: Set<String>) async throws(StoreError) -> [String: (path: String, order: Int)]
    /// Which of these document paths are stored.
    func storedDocumentPaths(_ paths: Set<String>) async throws(StoreError) -> Set<String>
    /// Every decision people made about the graph.
    func graphRules() async throws(StoreError) -> GraphRules
    /// A counter every graph commit raises (by any process writing the store).
    func graphVersion() async throws(StoreError) -> Int
    func commit(_ commit: GraphCommit) async throws(StoreError)
}
