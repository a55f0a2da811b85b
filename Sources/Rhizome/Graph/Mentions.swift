/// One chunk's contribution to an entity: the provenance row that the entity is rebuilt from.
public struct EntityMention: Sendable, Hashable {
    public var chunkID: String
    public var key: String
    public var name: String
    public var type: String
    public var description: String
    /// Where the chunk sits, so fragments are ordered the same way whatever order documents arrived in.
    public var documentPath: String
    public var chunkOrder: Int
    /// Other names this chunk gives the entity (`양자화(Quantization)`).
    public var aliases: [String] = []
}

extension EntityMention {
    /// The stored row's identity: one mention per chunk and entity key.
    var rowID: String { chunkID + "\u{0}" + key }
}

extension RelationMention {
    /// The stored row's identity: one mention per chunk and relation.
    var rowID: String { [chunkID, key.source, key.target].joined(separator: "\u{0}") }
}

/// One chunk's contribution to a relation (endpoint keys smaller first, surface names as written).
public struct RelationMention: Sendable, Hashable {
    public var chunkID: String
    public var key: RelationKey
    public var sourceName: String
    public var targetName: String
    public var keywords: [String]
    public var description: String
    public var documentPath: String
    public var chunkOrder: Int
}

/// The mentions a chunk's extraction yields, ready to store.
public struct ChunkMentions: Sendable {
    public var entities: [EntityMention]
    public var relations: [RelationMention]

    public init(entities: [EntityMention], relations: [RelationMention]) {
        self.entities = entities
        self.relations = relations
    }

    public init(chunkID: String, extraction: ChunkExtraction, documentPath: String, chunkOrder: Int) {
        var entities: [String: EntityMention] = [:]
        var entityOrder: [String] = []
        for entity in extraction.entities {
            let key = EntityKey.of(entity.name)
            guard !key.isEmpty, entities[key] == nil else { continue }
            entityOrder.append(key)
            entities[key] = EntityMention(chunkID: chunkID, key: key, name: entity.name, type: entity.type,
                                          description: entity.description, documentPath: documentPath,
                                          chunkOrder: chunkOrder, aliases: entity.aliases)
        }
        var relations: [RelationKey: RelationMention] = [:]
        var relationOrder: [RelationKey] = []
        for relation in extraction.relations {
            let key = EntityKey.pair(relation.source, relation.target)
            guard key.source != key.target, !key.source.isEmpty, relations[key] == nil else { continue }
            relationOrder.append(key)
            let sourceFirst = EntityKey.of(relation.source) == key.source
            relations[key] = RelationMention(chunkID: chunkID, key: key,
                                             sourceName: sourceFirst ? relation.source : relation.target,
                                             targetName: sourceFirst ? relation.target : relation.source,
                                             keywords: relation.keywords, description: relation.description,
                                             documentPath: documentPath, chunkOrder: chunkOrder)
        }
        self.entities = entityOrder.compactMap { entities[$0] }
        self.relations = relationOrder.compactMap { relations[$0] }
    }

    /// Every entity key this chunk touches, endpoints of its relations included.
    public var entityKeys: Set<String> {
        Set(entities.map(\.key)).union(relations.flatMap { [$0.key.source, $0.key.target] })
    }
}

/// Orders mentions by document path, chunk order and chunk id: the same set always merges the same way.
func provenanceOrder(_ a: (String, Int, String), _ b: (String, Int, String)) -> Bool { a < b }
