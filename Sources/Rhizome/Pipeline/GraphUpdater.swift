/// Applies one document change to the graph: works out which entities and relations the change touches
/// (those mentioned by vanished or new chunks), rebuilds exactly those from all the chunks that still
/// mention them, and commits document, chunks, mentions and graph in one transaction. Untouched parts of
/// the graph are never read, so the cost follows the document, not the store. New mentions pass through
/// the graph's rules first, so merged, renamed and deleted entities stay that way.
public struct GraphUpdater: Sendable {
    public let store: any GraphStore
    public let rebuilder: GraphRebuilder

    public init(store: any GraphStore, merger: GraphMerger) {
        self.store = store
        self.rebuilder = GraphRebuilder(store: store, merger: merger)
    }

    /// Stores `chunks` as the document's new version; `extractions` holds the records of every chunk, and
    /// `fresh` the ones just produced (to keep for reuse).
    public func replace(_ document: Document, id: String, chunks: [Chunk], extractions: [String: ChunkExtraction],
                        fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]) async throws {
        let rules = try store.graphRules()
        let old = Set(try store.chunkIDs(ofDocument: id))
        let removed = old.subtracting(chunks.map(\.id)).sorted()
        let added = chunks.filter { !old.contains($0.id) }.map { chunk in
            rules.apply(to: ChunkMentions(chunkID: chunk.id, extraction: extractions[chunk.id] ?? ChunkExtraction(),
                                          documentPath: document.sourcePath, chunkOrder: chunk.order))
        }
        try await apply(.replace(document, id: id, chunks: chunks), changes: MentionChanges(removedChunks: removed, added: added),
                        rules: rules, fresh: fresh)
    }

    /// Removes the document and everything only it supported.
    public func delete(documentID id: String) async throws {
        try await apply(.delete(id: id), changes: MentionChanges(removedChunks: try store.chunkIDs(ofDocument: id)),
                        rules: try store.graphRules(), fresh: [])
    }

    private func apply(_ change: GraphCommit.DocumentChange, changes: MentionChanges, rules: GraphRules,
                       fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]) async throws {
        let (keys, pairs) = try rebuilder.touched(by: changes)
        let graph = try await rebuilder.rebuild(keys: keys, pairs: pairs, changes: changes, rules: rules)
        try store.commit(GraphCommit(documents: [change], mentions: changes, extractions: fresh, graph: graph))
    }
}
