/// Applies one document change to the graph: works out which entities and relations the change touches
/// (those mentioned by vanished or new chunks), rebuilds exactly those from all the chunks that still
/// mention them, and commits document, chunks, mentions and graph in one transaction. Untouched parts of
/// the graph are never read, so the cost follows the document, not the store.
public struct GraphUpdater: Sendable {
    public let store: any GraphStore
    public let merger: GraphMerger

    public init(store: any GraphStore, merger: GraphMerger) {
        self.store = store
        self.merger = merger
    }

    /// Stores `chunks` as the document's new version; `extractions` holds the records of every chunk, and
    /// `fresh` the ones just produced (to keep for reuse).
    public func replace(_ document: Document, id: String, chunks: [Chunk], extractions: [String: ChunkExtraction],
                        fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]) async throws {
        let old = Set(try store.chunkIDs(ofDocument: id))
        let removed = old.subtracting(chunks.map(\.id)).sorted()
        let added = chunks.filter { !old.contains($0.id) }.map { chunk in
            ChunkMentions(chunkID: chunk.id, extraction: extractions[chunk.id] ?? ChunkExtraction(),
                          documentPath: document.sourcePath, chunkOrder: chunk.order)
        }
        try await apply(.replace(document, id: id, chunks: chunks), removed: removed, added: added, fresh: fresh)
    }

    /// Removes the document and everything only it supported.
    public func delete(documentID id: String) async throws {
        try await apply(.delete(id: id), removed: try store.chunkIDs(ofDocument: id), added: [], fresh: [])
    }

    private func apply(_ change: GraphCommit.DocumentChange, removed: [String], added: [ChunkMentions],
                       fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]) async throws {
        let before = try store.mentionKeys(ofChunks: removed)
        var pairs = before.relations
        var keys = before.entities
        for chunk in added {
            keys.formUnion(chunk.entityKeys)
            pairs.formUnion(chunk.relations.map(\.key))
        }
        for pair in pairs { keys.formUnion([pair.source, pair.target]) }

        let gone = Set(removed)
        let addedEntities = added.flatMap(\.entities)
        let addedRelations = added.flatMap(\.relations)
        let entityMentions = Dictionary(grouping: try store.entityMentions(keys: keys).filter { !gone.contains($0.chunkID) }
                                        + addedEntities, by: \.key)
        let relationMentions = try store.relationMentions(touching: keys).filter { !gone.contains($0.chunkID) } + addedRelations
        var relationsByEntity: [String: [RelationMention]] = [:]
        for mention in relationMentions {
            relationsByEntity[mention.key.source, default: []].append(mention)
            relationsByEntity[mention.key.target, default: []].append(mention)
        }
        let relationsByPair = Dictionary(grouping: relationMentions, by: \.key)

        var entities: [EntityRecord] = []
        var removedEntities: [String] = []
        var names: [String: String] = [:]
        for key in keys.sorted() {
            if let record = try await merger.entity(key: key, mentions: entityMentions[key] ?? [],
                                                   relationMentions: relationsByEntity[key] ?? []) {
                entities.append(record)
                names[key] = record.name
            } else {
                removedEntities.append(key)
            }
        }
        var relations: [RelationRecord] = []
        var removedRelations: [RelationKey] = []
        for pair in pairs.sorted() {
            let names = (names[pair.source] ?? pair.source, names[pair.target] ?? pair.target)
            if let record = try await merger.relation(key: pair, mentions: relationsByPair[pair] ?? [], names: names) {
                relations.append(record)
            } else {
                removedRelations.append(pair)
            }
        }
        try store.commit(GraphCommit(change: change, addedMentions: added, extractions: fresh, entities: entities,
                                     removedEntityKeys: removedEntities, relations: relations,
                                     removedRelationKeys: removedRelations))
    }
}
