/// An entity as exported: every property and its provenance.
public struct ExportNode: Sendable, Codable, Equatable {
    public var id: Int64
    public var name: String
    public var type: String
    public var description: String
    public var aliases: [String]
    public var degree: Int
    /// Chunks that mention the entity.
    public var chunks: [String]
    /// Paths of the documents those chunks belong to.
    public var documents: [String]
}

/// A relation as exported (undirected; `source` has the smaller id).
public struct ExportEdge: Sendable, Codable, Equatable {
    public var id: Int64
    public var sourceID: Int64
    public var targetID: Int64
    public var source: String
    public var target: String
    public var keywords: [String]
    public var description: String
    /// Distinct supporting chunks.
    public var weight: Double
    public var chunks: [String]
    public var documents: [String]

    /// The names in `Schemas/graph.schema.json` (also what import reads back).
    enum CodingKeys: String, CodingKey {
        case id, source, target, keywords, description, weight, chunks, documents
        case sourceID = "source_id", targetID = "target_id"
    }
}

/// A chunk's text and place, exported with `--with-text` so an import can rebuild the sources exactly.
public struct ExportChunk: Sendable, Codable, Equatable {
    public var id: String
    public var document: String
    public var documentTitle: String
    public var order: Int
    public var headingPath: [String]
    /// Unicode scalar offsets of the text in its document.
    public var start: Int
    public var end: Int
    public var text: String

    enum CodingKeys: String, CodingKey {
        case id, document, start, end, text
        case documentTitle = "document_title", order = "ord", headingPath = "heading_path"
    }
}

/// Which part of the graph to export. `nil` sets mean "all".
public struct GraphSelection: Sendable, Equatable {
    public var entityIDs: Set<Int64>?
    /// Only these relations (still only between selected entities); nil: every relation between them.
    public var relationIDs: Set<Int64>?
    public var types: Set<String>?
    public var minWeight: Double = 0
    /// Set when a limit cut the selection short, saying how.
    public var note: String?

    public init(entityIDs: Set<Int64>? = nil, relationIDs: Set<Int64>? = nil, types: Set<String>? = nil, minWeight: Double = 0,
                note: String? = nil) {
        self.entityIDs = entityIDs
        self.relationIDs = relationIDs
        self.types = types
        self.minWeight = minWeight
        self.note = note
    }
}

/// The store reads export needs. The nodes, edges and text of one export come from one `snapshot`, so an
/// ingest committing meanwhile cannot leave an edge without its node.
public protocol ExportStore: Sendable {
    /// A reader of the graph as it is now, unchanged by later commits.
    func snapshot() async throws -> any GraphSnapshot
    /// Entity ids with their degrees for the neighbours of `ids` (for breadth-first selection).
    func neighbours(of ids: Set<Int64>) async throws -> [(id: Int64, degree: Int)]
    /// The entity called `name` (by key or alias), if any.
    func entityID(named name: String) async throws -> Int64?
    /// Entities and relations with provenance in the document (by path or id).
    func documentSubgraph(_ pathOrID: String) async throws -> (entities: Set<Int64>, relations: Set<Int64>)
}

/// One unchanging view of the graph, streamed: a large graph never sits in memory whole, and `body` may
/// suspend (to write to a network client) between items.
public protocol GraphSnapshot: Sendable {
    /// Calls `body` for each selected entity, in id order.
    func forEachNode(_ selection: GraphSelection, _ body: (ExportNode) async throws -> Void) async throws
    /// Calls `body` for each selected relation whose endpoints are both selected, in id order.
    func forEachEdge(_ selection: GraphSelection, _ body: (ExportEdge) async throws -> Void) async throws
    /// Calls `body` for each of the chunks, in document path and chunk order.
    func forEachChunk(_ ids: Set<String>, _ body: (ExportChunk) async throws -> Void) async throws
}
