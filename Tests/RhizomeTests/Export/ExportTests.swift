import Foundation
import Testing
@testable import Rhizome

/// Export: selection modes and every format on a graph with hostile names.
@Suite struct ExportTests {
    static let hostile = ["Say \"hi\" & <bye>", "Line one\nLine two", "Emoji 🌿 Rhizome", "O'Brien, Ltd; \\ back\\slash",
                          String(repeating: "Long name ", count: 200) + "end", "Tab\there|pipe"]

    /// A store whose graph is a chain of hostile names plus a small star around "Hub".
    static func store() async throws -> SQLiteStore {
        let store = try makeStore()
        func relation(_ a: String, _ b: String) -> ExtractedRelation {
            ExtractedRelation(source: a, target: b, keywords: ["links \"to\""], description: "\(a) links to \(b).")
        }
        var hostileChain = ChunkExtraction()
        hostileChain.entities = hostile.map { ExtractedEntity(name: $0, type: "concept", description: "About \($0).") }
        hostileChain.relations = zip(hostile, hostile.dropFirst()).map { relation($0, $1) }
        var star = ChunkExtraction()
        star.entities = [ExtractedEntity(name: "Hub", type: "organization", description: "The hub.")]
            + (1...5).map { ExtractedEntity(name: "Spoke \($0)", type: "person", description: "Spoke \($0).") }
        star.relations = (1...5).map { relation("Hub", "Spoke \($0)") } + [relation("Spoke 1", "Far Away")]
        let twice = ChunkExtraction(entities: [], relations: [relation("Hub", "Spoke 1")])
        let updater = GraphUpdater(store: store, merger: GraphMerger(summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: sharedTokenizer))))
        for (path, records) in [("hostile.txt", [hostileChain]), ("star.txt", [star, twice])] {
            let id = StoredDocument.id(forPath: path)
            let chunks = records.indices.map { Chunk(id: "\(id)-\($0)", documentID: id, order: $0, text: "chunk \($0)", tokenCount: 2,
                                                     headingPath: [], startOffset: $0 * 9, endOffset: $0 * 9 + 7) }
            let document = Document(sourcePath: path, title: path, format: .text, contentHash: path, byteCount: 20,
                                    blocks: [Block(kind: .paragraph, text: chunks.map(\.text).joined(separator: "\n\n"), headingPath: [])])
            try await updater.replace(document, id: id, chunks: chunks, extractions: Dictionary(uniqueKeysWithValues: zip(chunks.map(\.id), records)), fresh: [])
        }
        return store
    }

    func export(_ store: SQLiteStore, _ selection: GraphSelection = GraphSelection()) async throws -> (names: [String], edges: [ExportEdge]) {
        let sink = TextSink()
        _ = try await GraphExporter.export(selection, from: store, to: JSONGraphWriter(sink: sink))
        let decoder = JSONDecoder()
        struct Graph: Decodable { let nodes: [ExportNode]; let edges: [ExportEdge] }
        let graph = try decoder.decode(Graph.self, from: Data(sink.collected.utf8))
        return (graph.nodes.map(\.name), graph.edges)
    }

    @Test func jsonKeepsEveryHostileNameExactly() async throws {
        let store = try await Self.store()
        let (names, edges) = try await export(store)
        for name in Self.hostile { #expect(names.contains(name)) }
        #expect(edges.contains { $0.source == Self.hostile[0] && $0.target == Self.hostile[1] || $0.target == Self.hostile[0] && $0.source == Self.hostile[1] })
        #expect(edges.allSatisfy { !$0.documents.isEmpty && !$0.chunks.isEmpty })
    }

    @Test func aroundAnEntityIsBreadthFirstAndSaysWhenTruncated() async throws {
        let store = try await Self.store()
        let selector = SubgraphSelector(store: store)
        let one = try await export(store, try selector.around("hub", depth: 1, maxNodes: 100))
        #expect(Set(one.names) == Set(["Hub"] + (1...5).map { "Spoke \($0)" }))
        #expect(one.edges.count == 5)
        let two = try await selector.around("HUB", depth: 2, maxNodes: 100)
        #expect(try await export(store, two).names.contains("Far Away") && two.note == nil)
        let cut = try await selector.around("Hub", depth: 2, maxNodes: 3)
        #expect(cut.entityIDs?.count == 3 && cut.note?.contains("--max-nodes 3") == true)
        // The best-connected spoke (Spoke 1: Hub and Far Away) is kept first.
        #expect(try await export(store, cut).names.contains("Spoke 1"))
        await #expect(throws: ExportError.unknownEntity("Nobody")) { try await selector.around("Nobody", depth: 1, maxNodes: 5) }
    }

    @Test func documentTypeAndWeightFiltersSelectTheRightParts() async throws {
        let store = try await Self.store()
        let document = try await SubgraphSelector(store: store).document("star.txt")
        await #expect(Set(try export(store, document).names) == Set(["Hub", "Far Away"] + (1...5).map { "Spoke \($0)" }))
        var people = GraphSelection(types: ["person"])
        await #expect(Set(try export(store, people).names) == Set((1...5).map { "Spoke \($0)" }))
        #expect(try await export(store, people).edges.isEmpty)   // no relation between two people
        people.types = ["person", "organization"]
        #expect(try await export(store, people).edges.count == 5)
        let heavy = try await export(store, GraphSelection(minWeight: 2))
        #expect(heavy.edges.map { Set([$0.source, $0.target]) } == [["Hub", "Spoke 1"]])
    }

    @Test func eachFormatEscapesHostileText() async throws {
        let store = try await Self.store()
        func render(_ make: (TextSink) -> any GraphWriter) async throws -> String {
            let sink = TextSink()
            _ = try await GraphExporter.export(GraphSelection(), from: store, to: make(sink))
            return sink.collected
        }
        let graphml = try await render { GraphMLWriter(sink: $0) }
        #expect(graphml.contains("Say &quot;hi&quot; &amp; &lt;bye&gt;") && !graphml.contains("<bye>"))
        let dot = try await render { DOTWriter(sink: $0) }
        #expect(dot.contains(#"label="Say \"hi\" & <bye>""#) && dot.contains(#"label="Line one\nLine two""#))
        #expect(dot.contains(#"O'Brien, Ltd; \\ back\\slash"#))
        let cypher = try await render { CypherWriter(sink: $0) }
        #expect(cypher.contains(#"n.name = 'O\'Brien, Ltd; \\ back\\slash'"#) && cypher.contains(#"'Line one\nLine two'"#))
        let mermaid = try await render { MermaidWriter(sink: $0) }
        #expect(mermaid.contains("[\"Say #quot;hi#quot; & <bye>\"]") && mermaid.contains("Tab\there#124;pipe"))
        #expect(!mermaid.contains("Line one\nLine two"))
        let nodes = TextSink(), edges = TextSink()
        _ = try await GraphExporter.export(GraphSelection(), from: store, to: CSVGraphWriter(nodes: nodes, edges: edges))
        #expect(nodes.collected.contains("\"Say \"\"hi\"\" & <bye>\"") && nodes.collected.contains("\"Line one\nLine two\""))
        #expect(nodes.collected.hasPrefix("id,name,type,description,aliases,degree,documents,chunks\r\n"))
        let lines = try await render { JSONLinesGraphWriter(sink: $0) }.split(separator: "\n")
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil })
        #expect(lines.first?.hasPrefix("{\"kind\":\"graph\"") == true && lines.filter { $0.hasPrefix("{\"kind\":\"node\"") }.count == 13)
    }
}
