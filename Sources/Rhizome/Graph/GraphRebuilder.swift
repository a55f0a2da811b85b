/// Mention rows a change takes away or brings. Whole chunks go with `removedChunks`; single rows (an edit
/// rewriting mentions) with `removedEntities` and `removedRelations`.
public struct MentionChanges: Sendable {
    public var removedChunks: [String] = []
    public var removedEntities: [EntityMention] = []
    public var removedRelations: [RelationMention] = []
    public var added: [ChunkMentions] = []

    public init(removedChunks: [String] = [], removedEntities: [EntityMention] = [], removedRelations: [RelationMention] = [],
                added: [ChunkMentions] = []) {
        self.removedChunks = removedChunks
        self.removedEntities = removedEntities
        self.removedRelations = removedRelations
        self.added = added
    }
}

/// The graph records a change produces: what to upsert and what no longer exists.
public struct RebuiltGraph: Sendable {
    public var entities: [EntityRecord] = []
    public var removedEntityKeys: [String] = []
    public var relations: [RelationRecord] = []
    public var removedRelationKeys: [RelationKey] = []
}

/// Rebuilds exactly the given entities and relations from the mentions that remain after a change, with the
/// fields people set applied. Shared by document ingestion and by graph edits, so both merge the same way.
public struct GraphRebuilder: Sendable {
    public let store: any GraphStore
    public let merger: GraphMerger
    /// Records merged at once: a summarizer that calls a model is bounded by the model's own limit too.
    static let mergesAtOnce = 8

    public init(store: any GraphStore, merger: GraphMerger) {
        self.store = store
        self.merger = merger
    }

    /// Every entity key a change touches (endpoints of touched relations included) and every touched relation.
    public func touched(by changes: MentionChanges) async throws -> (keys: Set<String>, pairs: Set<RelationKey>) {
        let before = try await store.mentionKeys(ofChunks: changes.removedChunks)
        var keys = before.entities.union(changes.removedEntities.map(\.key))
        var pairs = before.relations.union(changes.removedRelations.map(\.key))
        for chunk in changes.added {
            keys.formUnion(chunk.entityKeys)
            pairs.formUnion(chunk.relations.map(\.key))
        }
        for pair in pairs { keys.formUnion([pair.source, pair.target]) }
        return (keys, pairs)
    }

    /// The mention rows of `entities` and `relations` that `rules` change: each stored mention is resolved
    /// again (moved, combined with another in its chunk, or dropped), and only rows that differ are returned.
    public func rewrite(under rules: GraphRules, entities: Set<String>, relations: Set<RelationKey> = []) async throws -> MentionChanges {
        let storedEntities = try await store.entityMentions(keys: entities)
        var storedRelations = try await store.relationMentions(touching: entities)
        let seen = Set(storedRelations.map(\.rowID))
        storedRelations += try await store.relationMentions(pairs: relations).filter { !seen.contains($0.rowID) }
        let newEntities = rules.apply(toEntities: storedEntities)
        let newRelations = rules.apply(toRelations: storedRelations)
        let (oldEntitySet, newEntitySet) = (Set(storedEntities), Set(newEntities))
        let (oldRelationSet, newRelationSet) = (Set(storedRelations), Set(newRelations))
        return MentionChanges(
            removedEntities: storedEntities.filter { !newEntitySet.contains($0) },
            removedRelations: storedRelations.filter { !newRelationSet.contains($0) },
            added: [ChunkMentions(entities: newEntities.filter { !oldEntitySet.contains($0) },
                                  relations: newRelations.filter { !oldRelationSet.contains($0) })])
    }

    /// Only what the touched keys need is read: their own mentions, the touched relations' mentions, and counts
    /// of the names relation mentions give each entity (all of an entity's relation mentions are loaded only
    /// when nothing describes the entity itself).
    public func rebuild(keys: Set<String>, pairs: Set<RelationKey>, changes: MentionChanges, rules: GraphRules) async throws -> RebuiltGraph {
        let goneChunks = Set(changes.removedChunks)
        let goneEntities = Set(changes.removedEntities.map(\.rowID))
        let goneRelations = Set(changes.removedRelations.map(\.rowID))
        func remains(_ mention: EntityMention) -> Bool {
            !goneChunks.contains(mention.chunkID) && !goneEntities.contains(mention.rowID)
        }
        func remains(_ mention: RelationMention) -> Bool {
            !goneChunks.contains(mention.chunkID) && !goneRelations.contains(mention.rowID)
        }
        let addedRelations = changes.added.flatMap(\.relations)
        let entityMentions = Dictionary(grouping: try await store.entityMentions(keys: keys).filter(remains)
                                        + changes.added.flatMap(\.entities), by: \.key)
        let relationsByPair = Dictionary(grouping: try await store.relationMentions(pairs: pairs).filter(remains) + addedRelations,
                                         by: \.key)
        var endpointNames = try await store.endpointNameCounts(keys: keys, excludingChunks: changes.removedChunks)
        func count(_ mention: RelationMention, _ sign: Int) {
            for (key, name) in [(mention.key.source, mention.sourceName), (mention.key.target, mention.targetName)] where keys.contains(key) {
                endpointNames[key, default: [:]][name, default: 0] += sign
                if endpointNames[key]![name]! <= 0 { endpointNames[key]![name] = nil }
            }
        }
        for mention in changes.removedRelations where !goneChunks.contains(mention.chunkID) { count(mention, -1) }
        for mention in addedRelations { count(mention, 1) }

        let undescribed = keys.filter { entityMentions[$0] == nil }
        var relationsOfUndescribed: [String: [RelationMention]] = [:]
        let storedOfUndescribed = try await store.relationMentions(touching: undescribed).filter(remains)
        for mention in storedOfUndescribed + addedRelations where undescribed.contains(mention.key.source) || undescribed.contains(mention.key.target) {
            for endpoint in [mention.key.source, mention.key.target] where undescribed.contains(endpoint) {
                relationsOfUndescribed[endpoint, default: []].append(mention)
            }
        }

        let entityRecords = try await keys.sorted().concurrentMap(limit: Self.mergesAtOnce) { [merger, endpointNames, relationsOfUndescribed] key in
            try await merger.entity(key: key, mentions: entityMentions[key] ?? [], endpointNames: endpointNames[key] ?? [:],
                                    relationMentions: relationsOfUndescribed[key] ?? []).map(rules.apply(to:))
        }
        var graph = RebuiltGraph()
        var names: [String: String] = [:]
        for (key, record) in zip(keys.sorted(), entityRecords) {
            if let record {
                graph.entities.append(record)
                names[key] = record.name
            } else {
                graph.removedEntityKeys.append(key)
            }
        }
        let sortedPairs = pairs.sorted()
        let relationRecords = try await sortedPairs.concurrentMap(limit: Self.mergesAtOnce) { [merger, names] pair in
            let names = (names[pair.source] ?? pair.source, names[pair.target] ?? pair.target)
            return try await merger.relation(key: pair, mentions: relationsByPair[pair] ?? [], names: names).map(rules.apply(to:))
        }
        for (pair, record) in zip(sortedPairs, relationRecords) {
            if let record { graph.relations.append(record) } else { graph.removedRelationKeys.append(pair) }
        }
        return graph
    }
}
