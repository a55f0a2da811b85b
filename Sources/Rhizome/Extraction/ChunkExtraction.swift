/// An entity as one chunk describes it.
public struct ExtractedEntity: Sendable, Hashable, Codable {
    public var name: String
    public var type: String
    public var description: String
    /// Other names the chunk gives the entity: `Quantization` for `양자화(Quantization)`.
    public var aliases: [String]

    public init(name: String, type: String, description: String, aliases: [String] = []) {
        self.name = name
        self.type = type
        self.description = description
        self.aliases = aliases
    }

    private enum CodingKeys: String, CodingKey { case name, type, description, aliases }

    /// Extractions stored before aliases existed have none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(String.self, forKey: .type)
        description = try container.decode(String.self, forKey: .description)
        aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(type, forKey: .type)
        try container.encode(description, forKey: .description)
        if !aliases.isEmpty { try container.encode(aliases, forKey: .aliases) }
    }
}

/// A relation as one chunk describes it; direction is kept as written, the graph treats it as undirected.
public struct ExtractedRelation: Sendable, Hashable, Codable {
    public var source: String
    public var target: String
    public var keywords: [String]
    public var description: String

    public init(source: String, target: String, keywords: [String], description: String) {
        self.source = source
        self.target = target
        self.keywords = keywords
        self.description = description
    }
}

/// What one chunk yielded: its records plus what the parser had to throw away.
public struct ChunkExtraction: Sendable, Hashable, Codable {
    public var entities: [ExtractedEntity]
    public var relations: [ExtractedRelation]
    /// Records dropped for wrong arity, empty names or self-loops.
    public var droppedRecords: Int
    /// The answer had no completion marker (the model probably ran out of tokens).
    public var truncated: Bool

    public init(entities: [ExtractedEntity] = [], relations: [ExtractedRelation] = [], droppedRecords: Int = 0,
                truncated: Bool = false) {
        self.entities = entities
        self.relations = relations
        self.droppedRecords = droppedRecords
        self.truncated = truncated
    }

    /// Adds a later pass (gleaning): new records are appended; for a repeated entity or relation the
    /// longer description wins and keywords are united.
    public mutating func absorb(_ other: ChunkExtraction) {
        for entity in other.entities {
            if let index = entities.firstIndex(where: { EntityKey.of($0.name) == EntityKey.of(entity.name) }) {
                if entity.description.count > entities[index].description.count { entities[index].description = entity.description }
            } else {
                entities.append(entity)
            }
        }
        for relation in other.relations {
            let pair = EntityKey.pair(relation.source, relation.target)
            if let index = relations.firstIndex(where: { EntityKey.pair($0.source, $0.target) == pair }) {
                if relation.description.count > relations[index].description.count {
                    relations[index].description = relation.description
                }
                for keyword in relation.keywords where !relations[index].keywords.contains(keyword) {
                    relations[index].keywords.append(keyword)
                }
            } else {
                relations.append(relation)
            }
        }
        droppedRecords += other.droppedRecords
        truncated = truncated || other.truncated
    }
}

/// Turns one chunk into entities and relations: a language model with prompts, or the offline heuristics.
public protocol Extractor: Sendable {
    /// Identifies the extractor and its options; a chunk's stored records are reused only for the same one.
    var fingerprint: String { get }
    func extract(_ chunk: ExtractionInput) async throws -> ChunkExtraction
}

/// A chunk as the extractor sees it.
public struct ExtractionInput: Sendable {
    public var text: String
    public var headingPath: [String]
    public var documentTitle: String

    public init(text: String, headingPath: [String], documentTitle: String) {
        self.text = text
        self.headingPath = headingPath
        self.documentTitle = documentTitle
    }
}
