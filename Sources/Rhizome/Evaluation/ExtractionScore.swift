import Foundation

/// What one extraction run made of one chunk, whichever system made it (Rhizome, or a peer such as
/// LightRAG whose records were written to a file): the records, and what they cost.
public struct ChunkRecords: Sendable, Codable, Equatable {
    public struct Entity: Sendable, Codable, Equatable {
        public var name: String
        public var type: String
        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    public struct Relation: Sendable, Codable, Equatable {
        public var source: String
        public var target: String
        public init(source: String, target: String) {
            self.source = source
            self.target = target
        }
    }

    public var id: String
    public var entities: [Entity]
    public var relations: [Relation]
    /// Records the system itself dropped as unreadable, when it says.
    public var dropped: Int?
    /// The answer was cut by the token limit or stopped as a loop.
    public var truncated: Bool?
    public var outputTokens: Int?
    public var seconds: Double
    public var error: String?

    public init(id: String, entities: [Entity], relations: [Relation], dropped: Int? = nil, truncated: Bool? = nil,
                outputTokens: Int? = nil, seconds: Double, error: String? = nil) {
        self.id = id
        self.entities = entities
        self.relations = relations
        self.dropped = dropped
        self.truncated = truncated
        self.outputTokens = outputTokens
        self.seconds = seconds
        self.error = error
    }
}

/// One rule for every system: an entity is valid when its name is a name (not a template word or an
/// entity type, at most 80 characters) that occurs in the chunk's text; a relation is valid when both
/// ends are different valid names of that chunk.
public struct ExtractionScore: Sendable, Equatable {
    public var chunks = 0
    public var chunksWithEntity = 0
    public var validEntities = 0
    public var validRelations = 0
    public var invalidRecords = 0
    public var droppedRecords = 0
    public var truncatedAnswers = 0
    public var failedChunks = 0
    public var outputTokens = 0
    public var seconds = 0.0
    public var slowestSeconds = 0.0

    public init() {}

    public var validRecordsPerChunk: Double { chunks == 0 ? 0 : Double(validEntities + validRelations) / Double(chunks) }
    public var shareWithEntity: Double { chunks == 0 ? 0 : Double(chunksWithEntity) / Double(chunks) }

    /// Scores `records` against the texts of their chunks (by id).
    public static func score(_ records: [ChunkRecords], texts: [String: String]) -> ExtractionScore {
        var score = ExtractionScore()
        for record in records {
            let text = normalised(texts[record.id] ?? "")
            score.chunks += 1
            if record.error != nil { score.failedChunks += 1 }
            let names = Set(record.entities.map(\.name).filter { isValidName($0, in: text) }.map(normalised))
            let invalidEntities = Set(record.entities.map { normalised($0.name) }).count - names.count
            let relations = Set(record.relations.filter { relation in
                let (source, target) = (normalised(relation.source), normalised(relation.target))
                return source != target && isValidName(relation.source, in: text) && isValidName(relation.target, in: text)
            }.map { [normalised($0.source), normalised($0.target)].sorted().joined(separator: "\t") })
            score.validEntities += names.count
            score.validRelations += relations.count
            score.invalidRecords += max(0, invalidEntities) + (record.relations.count - relations.count)
            if !names.isEmpty { score.chunksWithEntity += 1 }
            score.droppedRecords += record.dropped ?? 0
            if record.truncated == true { score.truncatedAnswers += 1 }
            score.outputTokens += record.outputTokens ?? 0
            score.seconds += record.seconds
            score.slowestSeconds = max(score.slowestSeconds, record.seconds)
        }
        return score
    }

    static func isValidName(_ name: String, in text: String) -> Bool {
        let key = normalised(name)
        return !key.isEmpty && key.count <= 80 && !ExtractionParser.isPlaceholder(name) && text.contains(key)
    }

    /// Lower case, NFKC, quotes and runs of white space made plain: a name matches the text it came from.
    static func normalised(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
            .replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "'", with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
