/// Why an edit could not be made.
public enum EditError: Error, Equatable, CustomStringConvertible {
    case unknownEntity(String)
    case unknownRelation(String, String)
    case nameTaken(String)
    case nothingToChange

    public var description: String {
        switch self {
        case .unknownEntity(let name): "no entity named '\(name)' (names and aliases are matched without regard to case)"
        case .unknownRelation(let a, let b): "no relation between '\(a)' and '\(b)'"
        case .nameTaken(let name): "an entity called '\(name)' already exists; merge the two into it instead"
        case .nothingToChange: "nothing to change: give at least one field to set"
        }
    }
}

/// What an edit changed.
public struct EditReport: Sendable, Codable, Equatable {
    /// Names of the entities written (created or changed).
    public var entities: [String]
    /// Keys of the entities that no longer exist.
    public var removedEntities: [String]
    public var relations: Int
    public var removedRelations: Int
    /// Mention rows rewritten (moved to another entity or relation, combined, or dropped).
    public var rewrittenMentions: Int
    /// Vectors recomputed afterwards (set by whoever runs the embedding pass).
    public var embedded = 0

    enum CodingKeys: String, CodingKey {
        case entities, relations, embedded
        case removedEntities = "removed_entities", removedRelations = "removed_relations", rewrittenMentions = "rewritten_mentions"
    }
}

/// Renames, merges, deletes and edits entities and relations. Each edit records a rule (so later ingests
/// follow it), rewrites the stored mentions the rule affects, rebuilds what they support exactly as an
/// ingest would, and commits all of it in one transaction. Changed records lose their vectors, so the next
/// embedding pass re-embeds exactly them.
public struct GraphEditor: Sendable {
    public let store: any GraphStore
    public let rebuilder: GraphRebuilder

    public init(store: any GraphStore, merger: GraphMerger) {
        self.store = store
        self.rebuilder = GraphRebuilder(store: store, merger: merger)
    }

    /// Gives the entity a new name; when the name's key differs, mentions of the old name follow it from now on.
    public func rename(_ name: String, to newName: String) async throws -> EditReport {
        try await onCurrentGraph { version in
            let key = try await entityKey(name)
            let cleaned = NameCleaner.clean(newName)
            let newKey = EntityKey.of(cleaned)
            guard !newKey.isEmpty else { throw EditError.nothingToChange }
            var rules = try await store.graphRules()
            if newKey != key {
                if try await !store.existingEntityKeys([newKey]).isEmpty { throw EditError.nameTaken(cleaned) }
                rules.merge(key, into: newKey, keepingFields: true)
            }
            rules.override(entity: newKey, with: EntityOverride(name: cleaned))
            return try await apply(rules, basedOn: version, entities: [key, newKey])
        }
    }

    /// Unites entities into `target` (an existing entity's name or alias, or a new name): relations are
    /// redirected, self-loops dropped, parallel relations combined, descriptions, aliases and provenance united.
    public func merge(_ names: [String], into target: String) async throws -> EditReport {
        try await onCurrentGraph { version in
            var sources: [String] = []
            for name in names { sources.append(try await entityKey(name)) }
            let existing = try await store.entity(named: target)
            let cleaned = NameCleaner.clean(target)
            let targetKey = existing?.key ?? EntityKey.of(cleaned)
            guard !targetKey.isEmpty else { throw EditError.nothingToChange }
            var rules = try await store.graphRules()
            for key in sources { rules.merge(key, into: targetKey, keepingFields: false) }
            // Two names in one chunk become one mention: their surface forms are kept as aliases here.
            let names = Set(try await store.entityMentions(keys: Set(sources)).map(\.name))
            rules.override(entity: targetKey, with: EntityOverride(name: existing?.name ?? cleaned, aliases: names.sorted()))
            return try await apply(rules, basedOn: version, entities: Set(sources + [targetKey]))
        }
    }

    /// Sets the entity's type and/or description; they stay as set whatever later documents say.
    public func edit(_ name: String, type: String? = nil, description: String? = nil) async throws -> EditReport {
        try await onCurrentGraph { version in
            guard type != nil || description != nil else { throw EditError.nothingToChange }
            let key = try await entityKey(name)
            var rules = try await store.graphRules()
            rules.override(entity: key, with: EntityOverride(type: type.map(NameCleaner.type), description: description))
            return try await apply(rules, basedOn: version, entities: [key])
        }
    }

    /// Deletes the entity with its relations; later documents that mention it do not bring it back.
    public func delete(_ name: String) async throws -> EditReport {
        try await onCurrentGraph { version in
            let key = try await entityKey(name)
            var rules = try await store.graphRules()
            rules.delete(entity: key)
            return try await apply(rules, basedOn: version, entities: [key])
        }
    }

    /// Deletes the relation between two entities; later documents do not bring it back.
    public func deleteRelation(_ a: String, _ b: String) async throws -> EditReport {
        try await onCurrentGraph { version in
            let pair = try await relationKey(a, b)
            var rules = try await store.graphRules()
            rules.delete(relation: pair)
            return try await apply(rules, basedOn: version, relations: [pair])
        }
    }

    /// Sets the relation's keywords and/or description.
    public func editRelation(_ a: String, _ b: String, keywords: [String]? = nil, description: String? = nil) async throws -> EditReport {
        try await onCurrentGraph { version in
            guard keywords != nil || description != nil else { throw EditError.nothingToChange }
            let pair = try await relationKey(a, b)
            var rules = try await store.graphRules()
            rules.override(relation: pair, with: RelationOverride(keywords: keywords, description: description))
            return try await apply(rules, basedOn: version, relations: [pair])
        }
    }

    private func entityKey(_ name: String) async throws -> String {
        guard let found = try await store.entity(named: name) else { throw EditError.unknownEntity(name) }
        return found.key
    }

    private func relationKey(_ a: String, _ b: String) async throws -> RelationKey {
        let pair = RelationKey(try await entityKey(a), try await entityKey(b))
        guard pair.source != pair.target, try await !store.relationMentions(pairs: [pair]).isEmpty else {
            throw EditError.unknownRelation(a, b)
        }
        return pair
    }

    /// Runs an edit against the graph as it is now (`version`); when another process committed before the
    /// edit did, the edit is worked out again from the new state.
    private func onCurrentGraph(_ edit: (_ version: Int) async throws -> EditReport) async throws -> EditReport {
        try await CurrentGraph.change(in: store, edit)
    }

    /// Rewrites the stored mentions of `entities` and `relations` under `rules`, rebuilds everything those
    /// mentions support and commits mentions, records and rules together (refused when the graph moved
    /// past `version`).
    private func apply(_ rules: GraphRules, basedOn version: Int, entities: Set<String> = [], relations: Set<RelationKey> = []) async throws -> EditReport {
        let changes = try await rebuilder.rewrite(under: rules, entities: entities, relations: relations)
        var (keys, pairs) = try await rebuilder.touched(by: changes)
        keys.formUnion(entities.compactMap(rules.resolve))
        keys.formUnion(entities)
        pairs.formUnion(relations)
        let graph = try await rebuilder.rebuild(keys: keys, pairs: pairs, changes: changes, rules: rules)
        let existing = try await store.existingEntityKeys(Set(graph.removedEntityKeys))
        let removed = graph.removedEntityKeys.filter(existing.contains)
        var commit = GraphCommit(documents: [], mentions: changes, graph: graph, rules: rules)
        commit.basedOnVersion = version
        try await store.commit(commit)
        return EditReport(entities: graph.entities.map(\.name), removedEntities: removed, relations: graph.relations.count,
                          removedRelations: graph.removedRelationKeys.count,
                          rewrittenMentions: changes.removedEntities.count + changes.removedRelations.count)
    }
}
