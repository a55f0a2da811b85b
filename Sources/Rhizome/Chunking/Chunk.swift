/// A token-bounded window of one document's text: what extraction reads and retrieval cites.
public struct Chunk: Codable, Sendable, Equatable {
    /// Stable id: a hash of (document id, occurrence, text), so unchanged text keeps its id across edits.
    public var id: String
    public var documentID: String
    /// Position in the document, from 0.
    public var order: Int
    public var text: String
    public var tokenCount: Int
    /// Heading path of the section where the chunk's own (non-overlap) text begins.
    public var headingPath: [String]
    /// Unicode scalar offset of the chunk's first character in the document text (Python `str` indexing).
    public var startOffset: Int
    /// Unicode scalar offset just past the chunk's last character.
    public var endOffset: Int

    public init(id: String, documentID: String, order: Int, text: String, tokenCount: Int, headingPath: [String],
                startOffset: Int, endOffset: Int) {
        self.id = id
        self.documentID = documentID
        self.order = order
        self.text = text
        self.tokenCount = tokenCount
        self.headingPath = headingPath
        self.startOffset = startOffset
        self.endOffset = endOffset
    }
}

/// Chunk size and overlap in tokens.
public struct ChunkingOptions: Sendable, Equatable, Codable {
    public var maxTokens: Int
    public var overlapTokens: Int

    /// LightRAG's defaults: 1200-token chunks overlapping by 100.
    public static let `default` = ChunkingOptions(maxTokens: 1200, overlapTokens: 100)

    public init(maxTokens: Int, overlapTokens: Int) {
        self.maxTokens = maxTokens
        self.overlapTokens = overlapTokens
    }

    /// The options, if `16 <= maxTokens` and `0 <= overlapTokens < maxTokens`; else `.invalidOptions`.
    public func validated() throws(ChunkingError) -> ChunkingOptions {
        guard maxTokens >= 16 else { throw .invalidOptions("chunk size must be at least 16 tokens, got \(maxTokens)") }
        guard overlapTokens >= 0, overlapTokens < maxTokens else {
            throw .invalidOptions("overlap (\(overlapTokens)) must be at least 0 and smaller than the chunk size (\(maxTokens))")
        }
        return self
    }
}

/// Why chunking could not run.
public enum ChunkingError: Error, Equatable, CustomStringConvertible {
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .invalidOptions(let why): "invalid chunking options: \(why)"
        }
    }
}
