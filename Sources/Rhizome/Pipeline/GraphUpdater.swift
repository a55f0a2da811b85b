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

        // Only what the touched keys need is read: their own mentions, the touched relations' mentions, and
        // counts of the names relation mentions give each entity (all of an entity's relation mentions
        // are loaded only when nothing describes the entity itself).
        let gone = Set(removed)
        let addedRelations = added.flatMap(\.relations)
        let entityMentions = Dictionary(grouping: try store.entityMentions(keys: keys).filter { !gone.contains($0.chunkID) }
                                        + added.flatMap(\.entities), by: \.key)
        let relationsByPair = Dictionary(grouping: try store.relationMentions(pairs: pairs).filter { !gone.contains($0.chunkID) }
                                         + addedRelations, by: \.key)
        var endpointNames = try store.endpointNameCounts(keys: keys, excludingChunks: removed)
        for mention in addedRelations {
            endpointNames[mention.key.source, default: [:]][mention.sourceName, default: 0] += 1
            endpointNames[mention.key.target, default: [:]][mention.targetName, default: 0] += 1
        }
        let undescribed = keys.filter { entityMentions[$0] == nil }
        var relationsOfUndescribed: [String: [RelationMention]] = [:]
        let storedOfUndescribed = try store.relationMentions(touching: undescribed).filter { !gone.contains($0.chunkID) }
        for mention in storedOfUndescribed + addedRelations.filter({ undescribed.contains($0.key.source) || undescribed.contains($0.key.target) }) {
            for endpoint in [mention.key.source, mention.key.target] where undescribed.contains(endpoint) {
                relationsOfUndescribed[endpoint, default: []].append(mention)
            }
        }

        var entities: [EntityRecord] = []
        var removedEntities: [String] = []
        var names: [String: String] = [:]
        for key in keys.sorted() {
            if let record = try await merger.entity(key: key, mentions: entityMentions[key] ?? [],
                                                   endpointNames: endpointNames[key] ?? [:],
                                                   relationMentions: relationsOfUndescribed[key] ?? []) {
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
