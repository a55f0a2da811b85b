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
        let keys = ImportKeys(file)
        let aliasKeys = keys.aliasRules(file, into: &rules)
        var sources = try await SourceBuilder(file: file, fallbackPath: "import/\(name)", store: store, tokenizer: tokenizer)
        let mentions = keys.mentions(file, placedBy: &sources)
        let documents = try await sources.finish()
        let replacedChunks = Set(documents.removedChunks)
        let changes = try await mentionChanges(adding: rules.apply(to: mentions), movedBy: rules, aliasKeys: aliasKeys,
                                               replacing: documents.removedChunks)

        let existing = try await store.existingEntityKeys(Set(keys.entities))
        let existingPairs = Set(try await store.relationMentions(pairs: Set(keys.relations))
            .filter { !replacedChunks.contains($0.chunkID) }.map(\.key))
        let (touchedKeys, pairs) = try await rebuilder.touched(by: changes)
        var graph = try await rebuilder.rebuild(keys: touchedKeys.union(aliasKeys), pairs: pairs, changes: changes, rules: rules)
        var commit = GraphCommit(documents: documents.changes, mentions: changes, graph: graph, rules: rules)
        let keptEntityFields = keys.keepEntityFields(file, newTo: existing, in: &graph, rules: &rules, ids: &commit.preferredEntityIDs)
        let keptRelationFields = keys.keepRelationFields(file, newTo: existingPairs, in: &graph, rules: &rules,
                                                         ids: &commit.preferredRelationIDs)
        commit.graph = graph
        commit.rules = rules
        commit.basedOnVersion = version
        try await store.commit(commit)
        return ImportReport(entities: graph.entities.count, relations: graph.relations.count, documents: documents.changes.count,
                            chunks: documents.chunkCount, keptFields: keptEntityFields + keptRelationFields)
    }

    /// The mention rows the import writes and removes: stored mentions of the same chunk and key give way to
    /// the file's, chunks the file replaces lose theirs, and everything the alias rules move is rewritten.
    private func mentionChanges(adding added: ChunkMentions, movedBy rules: GraphRules, aliasKeys: Set<String>,
                                replacing removedChunks: [String]) async throws -> MentionChanges {
        var changes = try await rebuilder.rewrite(under: rules, entities: aliasKeys)
        let replacedChunks = Set(removedChunks)
        let addedEntityRows = Set(added.entities.map(\.rowID))
        let addedRelationRows = Set(added.relations.map(\.rowID))
        changes.removedChunks = removedChunks
        changes.removedEntities += try await store.entityMentions(keys: Set(added.entities.map(\.key))).filter {
            !replacedChunks.contains($0.chunkID) && addedEntityRows.contains($0.rowID)
        }
        changes.removedRelations += try await store.relationMentions(pairs: Set(added.relations.map(\.key))).filter {
            !replacedChunks.contains($0.chunkID) && addedRelationRows.contains($0.rowID)
        }
        changes.added.append(added)
        return changes
    }
}
