import Foundation

/// The export formats.
public enum ExportFormat: String, Sendable, CaseIterable {
    case graphml, json, jsonl, dot, csv, cypher, mermaid
}

/// Writes a graph in one format, node by node then edge by edge.
public protocol GraphWriter {
    func begin(note: String?) throws
    func node(_ node: ExportNode) throws
    func edge(_ edge: ExportEdge) throws
    /// A supporting chunk's text (only when asked for, after every edge).
    func chunk(_ chunk: ExportChunk) throws
    func end() throws
}

extension GraphWriter {
    /// Formats without a place for source text leave chunks out.
    public func chunk(_ chunk: ExportChunk) throws {}
}

/// Streams the selected part of the store through `writer`: memory stays bounded whatever the graph size.
public enum GraphExporter {
    /// - Parameters:
    ///   - withText: also write the text of every chunk the exported nodes and edges cite.
    ///   - progress: called every 1,000 items with the nodes and edges written so far.
    ///   - written: called after each item, so a caller can pass on what the writer wrote (to a network
    ///     client) while the export goes on.
    public static func export(_ selection: GraphSelection, from store: any ExportStore, to writer: any GraphWriter,
                              withText: Bool = false,
                              progress: (_ nodes: Int, _ edges: Int) -> Void = { _, _ in },
                              written: () async throws -> Void = {}) async throws -> (nodes: Int, edges: Int) {
        var counts = (nodes: 0, edges: 0)
        var cited: Set<String> = []
        let snapshot = try await store.snapshot()
        try writer.begin(note: selection.note)
        try await snapshot.forEachNode(selection) { node in
            try writer.node(node)
            if withText { cited.formUnion(node.chunks) }
            counts.nodes += 1
            if counts.nodes % 1000 == 0 { progress(counts.nodes, counts.edges) }
            try await written()
        }
        // With a type filter the edges must stay between exported nodes; the store checks types itself.
        try await snapshot.forEachEdge(selection) { edge in
            try writer.edge(edge)
            if withText { cited.formUnion(edge.chunks) }
            counts.edges += 1
            if counts.edges % 1000 == 0 { progress(counts.nodes, counts.edges) }
            try await written()
        }
        if withText {
            try await snapshot.forEachChunk(cited) { chunk in
                try writer.chunk(chunk)
                try await written()
            }
        }
        try writer.end()
        return counts
    }
}

/// Rhizome's JSON (`Schemas/graph.schema.json`): `{"graph": {…}, "nodes": […], "edges": […]}`.
public final class JSONGraphWriter: GraphWriter {
    let sink: TextSink
    private let encoder: JSONEncoder
    private var count = 0
    private var inEdges = false
    private var inChunks = false

    public init(sink: TextSink) {
        self.sink = sink
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    func encode(_ value: some Encodable) throws -> String { String(decoding: try encoder.encode(value), as: UTF8.self) }

    public func begin(note: String?) throws {
        struct Header: Encodable { let format = "rhizome-graph"; let version = 1; let note: String? }
        try sink.write("{\"graph\": \(try encode(Header(note: note))),\n\"nodes\": [")
    }

    public func node(_ node: ExportNode) throws {
        try sink.write((count == 0 ? "\n" : ",\n") + (try encode(node)))
        count += 1
    }

    public func edge(_ edge: ExportEdge) throws {
        if !inEdges { try sink.write("\n],\n\"edges\": ["); inEdges = true; count = 0 }
        try sink.write((count == 0 ? "\n" : ",\n") + (try encode(edge)))
        count += 1
    }

    public func chunk(_ chunk: ExportChunk) throws {
        if !inEdges { try sink.write("\n],\n\"edges\": ["); inEdges = true }
        if !inChunks { try sink.write("\n],\n\"chunks\": ["); inChunks = true; count = 0 }
        try sink.write((count == 0 ? "\n" : ",\n") + (try encode(chunk)))
        count += 1
    }

    public func end() throws {
        if !inEdges { try sink.write("\n],\n\"edges\": [") }
        try sink.write("\n]}\n")
        try sink.finish()
    }
}

/// JSON Lines: one `{"kind": "node", …}` or `{"kind": "edge", …}` object per line (a `graph` line first).
public final class JSONLinesGraphWriter: GraphWriter {
    let sink: TextSink
    private let json: JSONGraphWriter

    public init(sink: TextSink) {
        self.sink = sink
        json = JSONGraphWriter(sink: sink)
    }

    private func line(kind: String, _ object: String) throws {
        try sink.write("{\"kind\":\"\(kind)\"," + object.dropFirst() + "\n")
    }

    public func begin(note: String?) throws {
        struct Header: Encodable { let format = "rhizome-graph"; let version = 1; let note: String? }
        try line(kind: "graph", try json.encode(Header(note: note)))
    }
    public func node(_ node: ExportNode) throws { try line(kind: "node", try json.encode(node)) }
    public func edge(_ edge: ExportEdge) throws { try line(kind: "edge", try json.encode(edge)) }
    public func chunk(_ chunk: ExportChunk) throws { try line(kind: "chunk", try json.encode(chunk)) }
    public func end() throws { try sink.finish() }
}
