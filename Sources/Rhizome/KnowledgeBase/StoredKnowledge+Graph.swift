import Foundation

/// A part of the graph as a front end draws it: nodes and edges with what a reader needs to click on.
public struct GraphView: Sendable, Codable, Equatable {
    public var nodes: [ExportNode]
    public var edges: [ExportEdge]
    /// Set when a limit cut the selection short, saying how.
    public var note: String?
}

extension StoredKnowledge {
    /// Entities whose names, aliases or descriptions hold every word of `text`.
    public func searchEntities(_ text: String, limit: Int) async throws(StoreError) -> [EntitySummary] {
        try await store.searchEntities(text, limit: limit)
    }

    /// The entity called `name` (key or alias, any case) with its relations and sources; nil when none is.
    public func entity(named name: String) async throws(StoreError) -> EntityDetails? {
        try await store.entityDetails(named: name)
    }

    /// The most connected entities.
    public func topEntities(limit: Int) async throws(StoreError) -> [EntitySummary] { try await store.topEntities(limit: limit) }

    /// The best-supported relations.
    public func topRelations(limit: Int) async throws(StoreError) -> [RelationSummary] { try await store.topRelations(limit: limit) }

    /// Entities within `depth` hops of the one called `name`, nearest first; nil when no entity is called so.
    public func neighbourhood(of name: String, depth: Int, limit: Int) async throws -> [EntitySummary]? {
        try await store.neighbourhood(of: name, depth: depth, limit: limit)
    }

    public func graphStatistics() async throws(StoreError) -> GraphStatistics { try await store.graphStatistics() }

    /// The selection of everything within `depth` hops of the entity called `name`, at most `maxNodes`
    /// entities (nearest and best connected first); the whole graph when `name` is nil.
    public func selection(around name: String?, depth: Int, maxNodes: Int) async throws -> GraphSelection {
        guard let name else { return GraphSelection() }
        return try await SubgraphSelector(store: store).around(name, depth: depth, maxNodes: maxNodes)
    }

    /// What the documents have provenance in: their chunks' entities and relations.
    public func selection(ofDocuments documents: [LocatedDocument]) async throws -> GraphSelection {
        var selection = GraphSelection(entityIDs: [], relationIDs: [])
        for located in documents {
            let part = try await SubgraphSelector(store: store).document(located.document.id)
            selection.entityIDs?.formUnion(part.entityIDs ?? [])
            selection.relationIDs?.formUnion(part.relationIDs ?? [])
        }
        return selection
    }

    /// The `limit` best-connected entities and the relations between them (a first view of a large graph).
    public func selection(mostConnected limit: Int) async throws -> GraphSelection {
        let total = try await store.statistics().entities
        guard total > limit else { return GraphSelection() }
        var ids: [Int64] = []
        for entity in try await store.topEntities(limit: limit) {
            if let id = try await store.entityID(named: entity.name) { ids.append(id) }
        }
        return GraphSelection(entityIDs: Set(ids), note: "the \(ids.count) best-connected of \(total) entities")
    }

    /// The selected nodes and edges, in memory (for a view; `export` streams instead).
    public func view(_ selection: GraphSelection) async throws -> GraphView {
        var view = GraphView(nodes: [], edges: [], note: selection.note)
        let snapshot = try await store.snapshot()
        try await snapshot.forEachNode(selection) { view.nodes.append($0) }
        try await snapshot.forEachEdge(selection) { view.edges.append($0) }
        return view
    }

    /// Streams the selection through `writer` (see `GraphExporter.export` for `progress` and `written`).
    public func export(_ selection: GraphSelection, to writer: any GraphWriter, withText: Bool = false,
                       progress: (_ nodes: Int, _ edges: Int) -> Void = { _, _ in },
                       written: () async throws -> Void = {}) async throws -> (nodes: Int, edges: Int) {
        try await GraphExporter.export(selection, from: store, to: writer, withText: withText, progress: progress, written: written)
    }
}

extension ExportFormat {
    /// The writer of this format into one sink; nil for `csv`, which is two files (see `CSVGraphWriter`).
    public func writer(into sink: TextSink) -> (any GraphWriter)? {
        switch self {
        case .graphml: GraphMLWriter(sink: sink)
        case .json: JSONGraphWriter(sink: sink)
        case .jsonl: JSONLinesGraphWriter(sink: sink)
        case .dot: DOTWriter(sink: sink)
        case .cypher: CypherWriter(sink: sink)
        case .mermaid: MermaidWriter(sink: sink)
        case .csv: nil
        }
    }

    /// The media type a response in this format carries.
    public var mediaType: String {
        switch self {
        case .graphml: "application/xml"
        case .json: "application/json"
        case .jsonl: "application/x-ndjson"
        case .dot: "text/vnd.graphviz"
        case .cypher, .mermaid: "text/plain"
        case .csv: "text/csv"
        }
    }
}
