/// GraphML with typed keys, readable by networkx, Gephi, Cytoscape and yEd. Lists (aliases, keywords,
/// documents, chunks) are JSON arrays in string attributes.
public final class GraphMLWriter: GraphWriter {
    let sink: TextSink

    public init(sink: TextSink) { self.sink = sink }

    static let nodeKeys: [(id: String, name: String, type: String)] = [
        ("name", "name", "string"), ("type", "type", "string"), ("description", "description", "string"),
        ("aliases", "aliases", "string"), ("degree", "degree", "int"), ("documents", "documents", "string"),
        ("chunks", "chunks", "string"),
    ]
    static let edgeKeys: [(id: String, name: String, type: String)] = [
        ("e_keywords", "keywords", "string"), ("e_description", "description", "string"), ("e_weight", "weight", "double"),
        ("e_documents", "documents", "string"), ("e_chunks", "chunks", "string"),
    ]

    public func begin(note: String?) throws {
        var head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """
        for key in Self.nodeKeys { head += "  <key id=\"\(key.id)\" for=\"node\" attr.name=\"\(key.name)\" attr.type=\"\(key.type)\"/>\n" }
        for key in Self.edgeKeys { head += "  <key id=\"\(key.id)\" for=\"edge\" attr.name=\"\(key.name)\" attr.type=\"\(key.type)\"/>\n" }
        head += "  <graph id=\"rhizome\" edgedefault=\"undirected\">\n"
        if let note { head += "    <desc>\(Escaping.xml(note))</desc>\n" }
        try sink.write(head)
    }

    public func node(_ node: ExportNode) throws {
        let data: [(String, String)] = [("name", node.name), ("type", node.type), ("description", node.description),
                                        ("aliases", Escaping.jsonArray(node.aliases)), ("degree", "\(node.degree)"),
                                        ("documents", Escaping.jsonArray(node.documents)), ("chunks", Escaping.jsonArray(node.chunks))]
        try sink.write("    <node id=\"n\(node.id)\">" + data.map { "<data key=\"\($0.0)\">\(Escaping.xml($0.1))</data>" }.joined() + "</node>\n")
    }

    public func edge(_ edge: ExportEdge) throws {
        let data: [(String, String)] = [("e_keywords", Escaping.jsonArray(edge.keywords)), ("e_description", edge.description),
                                        ("e_weight", "\(edge.weight)"), ("e_documents", Escaping.jsonArray(edge.documents)),
                                        ("e_chunks", Escaping.jsonArray(edge.chunks))]
        try sink.write("    <edge id=\"e\(edge.id)\" source=\"n\(edge.sourceID)\" target=\"n\(edge.targetID)\">"
                       + data.map { "<data key=\"\($0.0)\">\(Escaping.xml($0.1))</data>" }.joined() + "</edge>\n")
    }

    public func end() throws {
        try sink.write("  </graph>\n</graphml>\n")
        try sink.finish()
    }
}

/// Graphviz DOT: an undirected graph, names as labels, every string quoted and escaped.
public final class DOTWriter: GraphWriter {
    let sink: TextSink

    public init(sink: TextSink) { self.sink = sink }

    public func begin(note: String?) throws {
        try sink.write("graph rhizome {\n" + (note.map { "  // \($0.onOneLine)\n" } ?? "") + "  node [shape=box];\n")
    }

    public func node(_ node: ExportNode) throws {
        try sink.write("  n\(node.id) [label=\(Escaping.dot(node.name)), type=\(Escaping.dot(node.type))];\n")
    }

    public func edge(_ edge: ExportEdge) throws {
        try sink.write("  n\(edge.sourceID) -- n\(edge.targetID) [label=\(Escaping.dot(edge.keywords.joined(separator: ", "))), weight=\(edge.weight)];\n")
    }

    public func end() throws {
        try sink.write("}\n")
        try sink.finish()
    }
}

/// Mermaid flowchart, for Markdown documents (best for small subgraphs).
public final class MermaidWriter: GraphWriter {
    let sink: TextSink

    public init(sink: TextSink) { self.sink = sink }

    public func begin(note: String?) throws {
        try sink.write((note.map { "%% \($0.onOneLine)\n" } ?? "") + "graph LR\n")
    }

    public func node(_ node: ExportNode) throws {
        try sink.write("  n\(node.id)[\"\(Escaping.mermaid(node.name))\"]\n")
    }

    public func edge(_ edge: ExportEdge) throws {
        let label = Escaping.mermaid(edge.keywords.joined(separator: ", "))
        try sink.write(label.isEmpty ? "  n\(edge.sourceID) --- n\(edge.targetID)\n" : "  n\(edge.sourceID) ---|\"\(label)\"| n\(edge.targetID)\n")
    }

    public func end() throws { try sink.finish() }
}
