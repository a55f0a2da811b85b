/// Fields a person set on an entity; nil keeps what the mentions say.
public struct EntityOverride: Sendable, Equatable, Codable {
    public var name: String?
    public var type: String?
    public var description: String?
    /// Surface forms listed besides those the mentions use.
    public var aliases: [String] = []

    public init(name: String? = nil, type: String? = nil, description: String? = nil, aliases: [String] = []) {
        self.name = name
        self.type = type
        self.description = description
        self.aliases = aliases
    }

    var isEmpty: Bool { name == nil && type == nil && description == nil && aliases.isEmpty }
}

/// Fields a person set on a relation; nil keeps what the mentions say.
public struct RelationOverride: Sendable, Equatable, Codable {
    public var keywords: [String]?
    public var description: String?

    public init(keywords: [String]? = nil, description: String? = nil) {
        self.keywords = keywords
        self.description = description
    }

    var isEmpty: Bool { keywords == nil && description == nil }
}

/// The decisions people made about the graph: merged and deleted entities, deleted relations, edited
/// fields. Every mention passes through them, those already stored when a decision is taken and those
/// later ingests bring, so an edit is never undone by new documents that use the old names.
public struct GraphRules: Sendable, Equatable {
    /// Entity key → the key its mentions now belong to. Targets never have a rule of their own.
    public var mergedInto: [String: String] = [:]
    public var deletedEntities: Set<String> = []
    public var deletedRelations: Set<RelationKey> = []
    public var entityOverrides: [String: EntityOverride] = [:]
    public var relationOverrides: [RelationKey: RelationOverride] = [:]

    public init() {}

    /// Where mentions of `key` go: the key itself, the entity it was merged into, or nil when deleted.
    public func resolve(_ key: String) -> String? {
        let target = mergedInto[key] ?? key
        return deletedEntities.contains(target) ? nil : target
    }

    /// The relation a mention of `pair` belongs to, or nil when an endpoint or the relation was deleted
    /// or a merge made it a self-loop.
    public func resolve(_ pair: RelationKey) -> RelationKey? {
        guard let source = resolve(pair.source), let target = resolve(pair.target), source != target else { return nil }
        let resolved = RelationKey(source, target)
        return deletedRelations.contains(resolved) ? nil : resolved
    }

    /// Moves `key` (and everything already merged into it) into `target`, which becomes a live entity.
    public mutating func merge(_ key: String, into target: String, keepingFields: Bool) {
        guard key != target else { return }
        for (merged, into) in mergedInto where into == key { mergedInto[merged] = target }
        mergedInto[target] = nil
        deletedEntities.remove(target)
        deletedEntities.remove(key)
        mergedInto[key] = target
        if let moved = entityOverrides.removeValue(forKey: key) {
            var kept = entityOverrides[target] ?? EntityOverride()
            if keepingFields {
                kept.name = kept.name ?? moved.name
                kept.type = kept.type ?? moved.type
                kept.description = kept.description ?? moved.description
            }
            kept.aliases = Array(Set(kept.aliases).union(moved.aliases)).sorted()
            entityOverrides[target] = kept
        }
        dropRelationDecisions(touching: key)
    }

    /// Deletes `key` for good: its mentions (and those of entities merged into it) are dropped.
    public mutating func delete(entity key: String) {
        mergedInto[key] = nil
        deletedEntities.insert(key)
        entityOverrides[key] = nil
        dropRelationDecisions(touching: key)
    }

    public mutating func delete(relation pair: RelationKey) {
        deletedRelations.insert(pair)
        relationOverrides[pair] = nil
    }

    /// Sets the given override fields of `key` (nil fields are left as they were).
    public mutating func override(entity key: String, with change: EntityOverride) {
        var current = entityOverrides[key] ?? EntityOverride()
        current.name = change.name ?? current.name
        current.type = change.type ?? current.type
        current.description = change.description ?? current.description
        current.aliases = Array(Set(current.aliases).union(change.aliases)).sorted()
        entityOverrides[key] = current.isEmpty ? nil : current
    }

    public mutating func override(relation pair: RelationKey, with change: RelationOverride) {
        var current = relationOverrides[pair] ?? RelationOverride()
        current.keywords = change.keywords ?? current.keywords
        current.description = change.description ?? current.description
        relationOverrides[pair] = current.isEmpty ? nil : current
    }

    private mutating func dropRelationDecisions(touching key: String) {
        deletedRelations = deletedRelations.filter { $0.source != key && $0.target != key }
        relationOverrides = relationOverrides.filter { $0.key.source != key && $0.key.target != key }
    }

    // MARK: Applying the rules

    /// A chunk's mentions after the rules: keys moved, deleted ones dropped, mentions that now share a key
    /// (or a relation) in the chunk combined into one.
    public func apply(to mentions: ChunkMentions) -> ChunkMentions {
        ChunkMentions(entities: apply(toEntities: mentions.entities), relations: apply(toRelations: mentions.relations))
    }

    func apply(toEntities mentions: [EntityMention]) -> [EntityMention] {
        var combined: [String: EntityMention] = [:]
        var order: [String] = []
        for var mention in mentions {
            guard let key = resolve(mention.key) else { continue }
            mention.key = key
            let identity = mention.rowID
            if var existing = combined[identity] {
                existing.description = Self.joined(existing.description, mention.description)
                if existing.type == "unknown" { existing.type = mention.type }
                combined[identity] = existing
            } else {
                combined[identity] = mention
                order.append(identity)
            }
        }
        return order.map { combined[$0]! }
    }

    func apply(toRelations mentions: [RelationMention]) -> [RelationMention] {
        var combined: [String: RelationMention] = [:]
        var order: [String] = []
        for var mention in mentions {
            guard let key = resolve(mention.key) else { continue }
            if resolve(mention.key.source) != key.source {
                swap(&mention.sourceName, &mention.targetName)
            }
            mention.key = key
            let identity = mention.rowID
            if var existing = combined[identity] {
                existing.description = Self.joined(existing.description, mention.description)
                existing.keywords += mention.keywords.filter { !existing.keywords.contains($0) }
                combined[identity] = existing
            } else {
                combined[identity] = mention
                order.append(identity)
            }
        }
        return order.map { combined[$0]! }
    }

    /// The record with the fields a person set.
    func apply(to record: EntityRecord) -> EntityRecord {
        guard let change = entityOverrides[record.key] else { return record }
        var record = record
        record.name = change.name ?? record.name
        record.type = change.type ?? record.type
        record.description = change.description ?? record.description
        record.aliases = Array(Set(record.aliases).union(change.aliases).union([record.name])).sorted()
        return record
    }

    func apply(to record: RelationRecord) -> RelationRecord {
        guard let change = relationOverrides[record.key] else { return record }
        var record = record
        record.keywords = change.keywords ?? record.keywords
        record.description = change.description ?? record.description
        return record
    }

    private static func joined(_ a: String, _ b: String) -> String {
        if b.isEmpty || a.localizedCaseInsensitiveContains(b) { return a }
        if a.isEmpty { return b }
        return a + " " + b
    }
}
