/// CSV (RFC 4180): `nodes.csv` and `edges.csv`, lists as JSON arrays in one field.
public final class CSVGraphWriter: GraphWriter {
    let nodes: TextSink
    let edges: TextSink

    public init(nodes: TextSink, edges: TextSink) {
        self.nodes = nodes
        self.edges = edges
    }

    public func begin(note: String?) throws {
        try nodes.write("id,name,type,description,aliases,degree,documents,chunks\r\n")
        try edges.write("id,source_id,target_id,source,target,keywords,description,weight,documents,chunks\r\n")
    }

    public func node(_ node: ExportNode) throws {
        try nodes.write([String(node.id), node.name, node.type, node.description, Escaping.jsonArray(node.aliases), String(node.degree),
                         Escaping.jsonArray(node.documents), Escaping.jsonArray(node.chunks)].map(Escaping.csv).joined(separator: ",") + "\r\n")
    }

    public func edge(_ edge: ExportEdge) throws {
        try edges.write([String(edge.id), String(edge.sourceID), String(edge.targetID), edge.source, edge.target,
                         Escaping.jsonArray(edge.keywords), edge.description, String(edge.weight), Escaping.jsonArray(edge.documents),
                         Escaping.jsonArray(edge.chunks)].map(Escaping.csv).joined(separator: ",") + "\r\n")
    }

    public func end() throws {
        try nodes.finish()
        try edges.finish()
    }
}

/// Cypher for Neo4j: `MERGE` per entity (keyed by `rhizome_id`) and per relation, strings escaped.
public final class CypherWriter: GraphWriter {
    let sink: TextSink

    public init(sink: TextSink) { self.sink = sink }

    public func begin(note: String?) throws {
        try sink.write((note.map { "// \($0.onOneLine)\n" } ?? "")
                       + "CREATE CONSTRAINT rhizome_entity IF NOT EXISTS FOR (n:Entity) REQUIRE n.rhizome_id IS UNIQUE;\n")
    }

    public func node(_ node: ExportNode) throws {
        try sink.write("MERGE (n:Entity {rhizome_id: \(node.id)}) SET n.name = \(Escaping.cypher(node.name)), "
                       + "n.type = \(Escaping.cypher(node.type)), n.description = \(Escaping.cypher(node.description)), "
                       + "n.aliases = \(Escaping.cypherList(node.aliases)), n.documents = \(Escaping.cypherList(node.documents));\n")
    }

    public func edge(_ edge: ExportEdge) throws {
        try sink.write("MATCH (a:Entity {rhizome_id: \(edge.sourceID)}), (b:Entity {rhizome_id: \(edge.targetID)}) "
                       + "MERGE (a)-[r:RELATED {rhizome_id: \(edge.id)}]-(b) SET r.keywords = \(Escaping.cypherList(edge.keywords)), "
                       + "r.description = \(Escaping.cypher(edge.description)), r.weight = \(edge.weight), "
                       + "r.documents = \(Escaping.cypherList(edge.documents));\n")
    }

    public func end() throws { try sink.finish() }
}
