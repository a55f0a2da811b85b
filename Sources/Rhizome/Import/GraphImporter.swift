import Crypto
import Foundation

/// What an import did.
public struct ImportReport: Sendable, Codable, Equatable {
    public var entities: Int
    public var relations: Int
    /// Documents created from the file's chunks (or for facts without any chunk).
    public var documents: Int
    public var chunks: Int
    /// Fields kept as the file states them because the mentions alone would not give them (see `GraphRules`).
    public var keptFields: Int
    public var embedded = 0

    enum CodingKeys: String, CodingKey {
        case entities, relations, documents, chunks, embedded
        case keptFields = "kept_fields"
    }
}

/// Merges a graph file into the store exactly as extracted knowledge is merged: each entity and relation
/// becomes a mention in each chunk that supports it (the file's chunks are stored as documents; facts
/// without a chunk get one line each in a document named after the file), names go through entity keys
/// and the graph's rules, aliases with another key become merge rules, and everything is rebuilt and
/// committed in one transaction. For an entity or relation new to the store, fields the mentions cannot
/// reproduce (a summary, extra aliases) are kept as stated, so export → import → export is exact.
public struct GraphImporter: Sendable {
    public let store: any GraphStore
    public let rebuilder: GraphRebuilder
    public let tokenizer: any Tokenizer

    public init(store: any GraphStore, merger: GraphMerger, tokenizer: any Tokenizer) {
        self.store = store
        self.rebuilder = GraphRebuilder(store: store, merger: merger)
        self.tokenizer = tokenizer
    }

    /// Imports `file`; `name` (the file's name) names the document that holds facts without a chunk.
    public func importGraph(_ file: ImportFile, name: String) async throws -> ImportReport {
        try await CurrentGraph.change(in: store) { version in try await importGraph(file, name: name, basedOn: version) }
    }

    /// The import worked out from the graph at `version`, committed only if no other writer came in between.
    private func importGraph(_ file: ImportFile, name: String, basedOn version: Int) async throws -> ImportReport {
        var rules = try await store.graphRules()
        let entityKeys = file.entities.map { EntityKey.of($0.name) }
        var keyByID: [String: String] = [:]
        for (entity, key) in zip(file.entities, entityKeys) { if let id = entity.id { keyByID[id] = key } }
        let relationPairs = file.relations.map { relation in
            RelationKey(relation.sourceID.flatMap { keyByID[$0] } ?? EntityKey.of(relation.source),
                        relation.targetID.flatMap { keyByID[$0] } ?? EntityKey.of(relation.target))
        }

        // Aliases under another key say "these names are this entity": later mentions of them merge into it.
        let fileKeys = Set(entityKeys)
        var aliasKeys: Set<String> = []
        for (entity, key) in zip(file.entities, entityKeys) where !key.isEmpty {
            for alias in entity.aliases {
                let aliasKey = EntityKey.of(alias)
                guard !aliasKey.isEmpty, aliasKey != key, !fileKeys.contains(aliasKey), rules.resolve(aliasKey) != rules.resolve(key) else { continue }
                rules.merge(aliasKey, into: key, keepingFields: false)
                aliasKeys.insert(aliasKey)
            }
        }

        var sources = try await SourceBuilder(file: file, fallbackPath: "import/\(name)", store: store, tokenizer: tokenizer)
        let names = entityNames(file, entityKeys)
        var entityMentions: [EntityMention] = []
        for (entity, key) in zip(file.entities, entityKeys) where !key.isEmpty {
            let line = "\(entity.name) (\(entity.type))" + (entity.description.isEmpty ? "" : ": \(entity.description)")
            for place in sources.places(for: entity.chunks, fallbackLine: line) {
                entityMentions.append(EntityMention(chunkID: place.chunkID, key: key, name: entity.name, type: entity.type,
                                                    description: entity.description, documentPath: place.path, chunkOrder: place.order))
            }
        }
        var relationMentions: [RelationMention] = []
        for (relation, pair) in zip(file.relations, relationPairs) where pair.source != pair.target && !pair.source.isEmpty {
            let sourceName = names[pair.source] ?? (EntityKey.of(relation.source) == pair.source ? relation.source : relation.target)
            let targetName = names[pair.target] ?? (EntityKey.of(relation.target) == pair.target ? relation.target : relation.source)
            let line = "\(sourceName) — \(targetName)" + (relation.description.isEmpty ? "" : ": \(relation.description)")
            for place in sources.places(for: relation.chunks, fallbackLine: line) {
                relationMentions.append(RelationMention(chunkID: place.chunkID, key: pair, sourceName: sourceName, targetName: targetName,
                                                        keywords: relation.keywords, description: relation.description,
                                                        documentPath: place.path, chunkOrder: place.order))
            }
        }
        let documents = try await sources.finish()

        // Rows the file replaces: stored mentions of the same chunk and key, and everything the alias rules move.
        var changes = try await rebuilder.rewrite(under: rules, entities: aliasKeys)
        let added = rules.apply(to: ChunkMentions(entities: entityMentions, relations: relationMentions))
        let replacedChunks = Set(documents.removedChunks)
        let addedEntityRows = Set(added.entities.map(\.rowID))
        let addedRelationRows = Set(added.relations.map(\.rowID))
        changes.removedChunks = documents.removedChunks
        changes.removedEntities += try await store.entityMentions(keys: Set(added.entities.map(\.key))).filter {
            !replacedChunks.contains($0.chunkID) && addedEntityRows.contains($0.rowID)
        }
        changes.removedRelations += try await store.relationMentions(pairs: Set(added.relations.map(\.key))).filter {
            !replacedChunks.contains($0.chunkID) && addedRelationRows.contains($0.rowID)
        }
        changes.added.append(added)

        // Entities and relations new to the store keep the file's ids and, where mentions cannot give them, its fields.
        let existing = try await store.existingEntityKeys(fileKeys)
        let existingPairs = Set(try await store.relationMentions(pairs: Set(relationPairs)).filter { !replacedChunks.contains($0.chunkID) }.map(\.key))
        let (keys, pairs) = try await rebuilder.touched(by: changes)
        var graph = try await rebuilder.rebuild(keys: keys.union(aliasKeys), pairs: pairs, changes: changes, rules: rules)
        var kept = 0
        var preferredEntityIDs: [String: Int64] = [:]
        let entityIndex = Dictionary(graph.entities.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for (entity, key) in zip(file.entities, entityKeys) {
            guard let index = entityIndex[key] else { continue }
            let record = graph.entities[index]
            let isNew = !existing.contains(key)
            // Stated aliases are always listed; stated fields only win for an entity the store did not have.
            let change = EntityOverride(name: !isNew || entity.name == record.name ? nil : entity.name,
                                        type: !isNew || entity.type == record.type ? nil : entity.type,
                                        description: !isNew || entity.description == record.description ? nil : entity.description,
                                        aliases: Array(Set(entity.aliases).subtracting(record.aliases)).sorted())
            if !change.isEmpty {
                kept += [change.name, change.type, change.description].compactMap { $0 }.count + (change.aliases.isEmpty ? 0 : 1)
                rules.override(entity: key, with: change)
                graph.entities[index] = rules.apply(to: record)
            }
            if isNew, let id = entity.id.flatMap(Int64.init) { preferredEntityIDs[key] = id }
        }
        var preferredRelationIDs: [RelationKey: Int64] = [:]
        let relationIndex = Dictionary(graph.relations.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for (relation, pair) in zip(file.relations, relationPairs) where !existingPairs.contains(pair) {
            guard let index = relationIndex[pair] else { continue }
            let record = graph.relations[index]
            let change = RelationOverride(keywords: relation.keywords == record.keywords ? nil : relation.keywords,
                                          description: relation.description == record.description ? nil : relation.description)
            if !change.isEmpty {
                kept += [change.keywords == nil ? 0 : 1, change.description == nil ? 0 : 1].reduce(0, +)
                rules.override(relation: pair, with: change)
                graph.relations[index] = rules.apply(to: record)
            }
            if let id = relation.id.flatMap(Int64.init) { preferredRelationIDs[pair] = id }
        }

        var commit = GraphCommit(documents: documents.changes, mentions: changes, graph: graph, rules: rules)
        commit.preferredEntityIDs = preferredEntityIDs
        commit.preferredRelationIDs = preferredRelationIDs
        commit.basedOnVersion = version
        try await store.commit(commit)
        return ImportReport(entities: graph.entities.count, relations: graph.relations.count, documents: documents.changes.count,
                            chunks: documents.chunkCount, keptFields: kept)
    }

    private func entityNames(_ file: ImportFile, _ keys: [String]) -> [String: String] {
        var names: [String: String] = [:]
        for (entity, key) in zip(file.entities, keys) where names[key] == nil { names[key] = entity.name }
        return names
    }
}
