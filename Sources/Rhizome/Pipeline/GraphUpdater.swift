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
        try await retryingConcurrentChanges { () async throws -> PlannedChange in
            let rules = try await store.graphRules()
            let old = Set(try await store.chunkIDs(ofDocument: id))
            let removed = old.subtracting(chunks.map(\.id)).sorted()
            let added = chunks.filter { !old.contains($0.id) }.map { chunk in
                rules.apply(to: ChunkMentions(chunkID: chunk.id, extraction: extractions[chunk.id] ?? ChunkExtraction(),
                                              documentPath: document.sourcePath, chunkOrder: chunk.order))
            }
            return PlannedChange(document: .replace(document, id: id, chunks: chunks),
                                 mentions: MentionChanges(removedChunks: removed, added: added), rules: rules, fresh: fresh)
        }
    }

    /// Removes the document and everything only it supported.
    public func delete(documentID id: String) async throws {
        try await retryingConcurrentChanges { () async throws -> PlannedChange in
            PlannedChange(document: .delete(id: id), mentions: MentionChanges(removedChunks: try await store.chunkIDs(ofDocument: id)),
                          rules: try await store.graphRules(), fresh: [])
        }
    }

    /// What one document change does, worked out from the store as it was read.
    struct PlannedChange {
        var document: GraphCommit.DocumentChange
        var mentions: MentionChanges
        var rules: GraphRules
        var fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]
    }

    /// Reads the graph, works the change out (`plan`), rebuilds what it touches and commits it against the
    /// version it read (see `CurrentGraph`).
    private func retryingConcurrentChanges(_ plan: () async throws -> PlannedChange) async throws {
        try await CurrentGraph.change(in: store) { version in
            let planned = try await plan()
            let (keys, pairs) = try await rebuilder.touched(by: planned.mentions)
            let graph = try await rebuilder.rebuild(keys: keys, pairs: pairs, changes: planned.mentions, rules: planned.rules)
            var commit = GraphCommit(documents: [planned.document], mentions: planned.mentions, extractions: planned.fresh, graph: graph)
            commit.basedOnVersion = version
            try await store.commit(commit)
        }
    }
}
