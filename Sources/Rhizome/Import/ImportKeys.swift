import Foundation

/// A graph file's entities and relations under the store's entity keys, and the steps of an import that
/// depend only on the file: alias rules, mentions placed in chunks, and fields kept as the file states them.
struct ImportKeys {
    /// The key of each entity of the file, in file order.
    let entities: [String]
    /// The key pair of each relation, its ends found by the file's entity ids where it gives them.
    let relations: [RelationKey]
    /// The first name the file gives each key.
    let names: [String: String]

    init(_ file: ImportFile) {
        entities = file.entities.map { EntityKey.of($0.name) }
        var keyByID: [String: String] = [:]
        var names: [String: String] = [:]
        for (entity, key) in zip(file.entities, entities) {
            if let id = entity.id { keyByID[id] = key }
            if names[key] == nil { names[key] = entity.name }
        }
        relations = file.relations.map { relation in
            RelationKey(relation.sourceID.flatMap { keyByID[$0] } ?? EntityKey.of(relation.source),
                        relation.targetID.flatMap { keyByID[$0] } ?? EntityKey.of(relation.target))
        }
        self.names = names
    }

    /// Aliases under another key say "these names are this entity": each becomes a merge rule, so later
    /// mentions of it merge into the entity. Returns the alias keys.
    func aliasRules(_ file: ImportFile, into rules: inout GraphRules) -> Set<String> {
        let fileKeys = Set(entities)
        var aliasKeys: Set<String> = []
        for (entity, key) in zip(file.entities, entities) where !key.isEmpty {
            for alias in entity.aliases {
                let aliasKey = EntityKey.of(alias)
                guard !aliasKey.isEmpty, aliasKey != key, !fileKeys.contains(aliasKey),
                      rules.resolve(aliasKey) != rules.resolve(key) else { continue }
                rules.merge(aliasKey, into: key, keepingFields: false)
                aliasKeys.insert(aliasKey)
            }
        }
        return aliasKeys
    }

    /// One mention per entity and relation per chunk that supports it (a line of its own when none does).
    func mentions(_ file: ImportFile, placedBy sources: inout SourceBuilder) -> ChunkMentions {
        var entityMentions: [EntityMention] = []
        for (entity, key) in zip(file.entities, entities) where !key.isEmpty {
            let line = "\(entity.name) (\(entity.type))" + (entity.description.isEmpty ? "" : ": \(entity.description)")
            for place in sources.places(for: entity.chunks, fallbackLine: line) {
                entityMentions.append(EntityMention(chunkID: place.chunkID, key: key, name: entity.name, type: entity.type,
                                                    description: entity.description, documentPath: place.path, chunkOrder: place.order))
            }
        }
        var relationMentions: [RelationMention] = []
        for (relation, pair) in zip(file.relations, relations) where pair.source != pair.target && !pair.source.isEmpty {
            let sourceName = names[pair.source] ?? (EntityKey.of(relation.source) == pair.source ? relation.source : relation.target)
            let targetName = names[pair.target] ?? (EntityKey.of(relation.target) == pair.target ? relation.target : relation.source)
            let line = "\(sourceName) — \(targetName)" + (relation.description.isEmpty ? "" : ": \(relation.description)")
            for place in sources.places(for: relation.chunks, fallbackLine: line) {
                relationMentions.append(RelationMention(chunkID: place.chunkID, key: pair, sourceName: sourceName, targetName: targetName,
                                                        keywords: relation.keywords, description: relation.description,
                                                        documentPath: place.path, chunkOrder: place.order))
            }
        }
        return ChunkMentions(entities: entityMentions, relations: relationMentions)
    }

    /// For entities new to the store, the file's name, type and description win over the rebuilt ones and
    /// its id is kept; stated aliases are always listed. Returns how many fields were kept.
    func keepEntityFields(_ file: ImportFile, newTo existing: Set<String>, in graph: inout RebuiltGraph,
                          rules: inout GraphRules, ids: inout [String: Int64]) -> Int {
        var kept = 0
        let index = Dictionary(graph.entities.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for (entity, key) in zip(file.entities, entities) {
            guard let position = index[key] else { continue }
            let record = graph.entities[position]
            let isNew = !existing.contains(key)
            let change = EntityOverride(name: !isNew || entity.name == record.name ? nil : entity.name,
                                        type: !isNew || entity.type == record.type ? nil : entity.type,
                                        description: !isNew || entity.description == record.description ? nil : entity.description,
                                        aliases: Array(Set(entity.aliases).subtracting(record.aliases)).sorted())
            if !change.isEmpty {
                kept += [change.name, change.type, change.description].compactMap { $0 }.count + (change.aliases.isEmpty ? 0 : 1)
                rules.override(entity: key, with: change)
                graph.entities[position] = rules.apply(to: record)
            }
            if isNew, let id = entity.id.flatMap(Int64.init) { ids[key] = id }
        }
        return kept
    }

    /// For relations new to the store, the file's keywords and description win and its id is kept.
    func keepRelationFields(_ file: ImportFile, newTo existing: Set<RelationKey>, in graph: inout RebuiltGraph,
                            rules: inout GraphRules, ids: inout [RelationKey: Int64]) -> Int {
        var kept = 0
        let index = Dictionary(graph.relations.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        for (relation, pair) in zip(file.relations, relations) where !existing.contains(pair) {
            guard let position = index[pair] else { continue }
            let record = graph.relations[position]
            let change = RelationOverride(keywords: relation.keywords == record.keywords ? nil : relation.keywords,
                                          description: relation.description == record.description ? nil : relation.description)
            if !change.isEmpty {
                kept += [change.keywords == nil ? 0 : 1, change.description == nil ? 0 : 1].reduce(0, +)
                rules.override(relation: pair, with: change)
                graph.relations[position] = rules.apply(to: record)
            }
            if let id = relation.id.flatMap(Int64.init) { ids[pair] = id }
        }
        return kept
    }
}
