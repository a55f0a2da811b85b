import Foundation
import Testing
@testable import Rhizome

/// Import merges like extraction, round-trips Rhizome's own export exactly and refuses bad files whole.
@Suite struct ImportTests {
    let alpha = """
        # Alpha

        Henry David Thoreau built a cabin near Walden Pond in 1845. Ralph Waldo Emerson owned the land near Walden Pond.
        """

    func merger() -> GraphMerger { GraphMerger(summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: sharedTokenizer))) }

    func importer(_ store: SQLiteStore) -> GraphImporter { GraphImporter(store: store, merger: merger(), tokenizer: sharedTokenizer) }

    func exported(_ store: SQLiteStore, lines: Bool = false) async throws -> String {
        let sink = TextSink()
        let writer: any GraphWriter = lines ? JSONLinesGraphWriter(sink: sink) : JSONGraphWriter(sink: sink)
        _ = try await GraphExporter.export(GraphSelection(), from: store, to: writer, withText: true)
        return sink.collected
    }

    func emptyStore() throws -> SQLiteStore { try makeStore(in: try makeTemporaryDirectory()) }

    /// A store with structure worth round-tripping: several documents, hand edits (a merge, a pinned
    /// description, a deleted relation) and hostile names.
    func editedStore() async throws -> SQLiteStore {
        let fixture = try await IngestFixture(chunkTokens: 40)
        for name in ["article.html", "docbook.xml", "jats.xml"] { try fixture.copyFixture(name) }
        try fixture.write("a.md", alpha)
        try fixture.write("b.md", "In 1838 Waldo Emerson lectured at Harvard University. \"Quote\" & <Angle> met Emerson 🌲 at Walden Pond.")
        #expect(await fixture.ingest().failed == 0)
        let editor = GraphEditor(store: fixture.store, merger: merger())
        _ = try await editor.merge(["Waldo Emerson"], into: "Ralph Waldo Emerson")
        _ = try await editor.edit("Walden Pond", type: "lake", description: "A pond.\nWith a \"cabin\" & <trees>.")
        _ = try await editor.deleteRelation("Henry David Thoreau", "Walden Pond")
        return fixture.store
    }

    @Test func exportThenImportIntoAnEmptyStoreThenExportIsExact() async throws {
        let source = try await editedStore()
        for lines in [false, true] {
            let first = try await exported(source, lines: lines)
            #expect(first.count > 5000 && first.contains("A pond.\\nWith a \\\"cabin\\\" & <trees>.") && first.contains("🌲"))
            let target = try emptyStore()
            _ = try await importer(target).importGraph(try ImportFile.parse(Data(first.utf8)), name: "graph.json")
            #expect(try await exported(target, lines: lines) == first)
            #expect(try count(target, "SELECT COUNT(*) FROM documents") == count(source, "SELECT COUNT(*) FROM documents WHERE chunk_count > 0"))
        }
        #expect(try await exported(source).contains("\"chunks\": ["))
    }

    @Test func aHandWrittenGraphMergesLikeExtractedKnowledgeAndIsSearchable() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("a.md", alpha)
        #expect(await fixture.ingest().failed == 0)
        let file = """
            {"entities": [{"name": "Henry David Thoreau", "type": "person", "aliases": ["H. D. Thoreau"],
                           "description": "American naturalist and essayist."},
                          {"name": "Concord Lyceum", "type": "organization", "description": "A lecture hall.", "chunks": ["c1"]}],
             "relations": [{"source": "h. d. thoreau", "target": "Walden Pond", "keywords": "lived at, cabin",
                            "description": "Thoreau lived two years at Walden Pond."},
                           {"source": "Concord Lyceum", "target": "Henry David Thoreau", "keywords": ["lectures"],
                            "description": "Thoreau lectured at the Concord Lyceum.", "chunks": ["c1"]}],
             "chunks": [{"id": "c1", "text": "Thoreau gave lectures at the Concord Lyceum."}]}
            """
        let report = try await importer(fixture.store).importGraph(try ImportFile.parse(Data(file.utf8)), name: "notes.json")
        #expect(report.documents == 1)
        let thoreau = try await #require(try fixture.store.entityDetails(named: "H. D. Thoreau"))
        #expect(thoreau.name == "Henry David Thoreau")
        #expect(thoreau.description.contains("cabin") && thoreau.description.contains("naturalist"))
        #expect(Set(thoreau.sources.map(\.documentPath)) == ["corpus/a.md", "import/notes.json"])
        let pond = try #require(thoreau.relations.first { $0.entity == "Walden Pond" })
        #expect(pond.weight == 2 && pond.keywords.contains("lived at"))
        #expect(try await fixture.store.searchEntities("naturalist", limit: 5).first?.name == "Henry David Thoreau")

        let before = try graphSnapshot(fixture.store)
        _ = try await importer(fixture.store).importGraph(try ImportFile.parse(Data(file.utf8)), name: "notes.json")
        #expect(try graphSnapshot(fixture.store) == before)

        try fixture.write("b.md", "H. D. Thoreau wrote Walden. H. D. Thoreau lived near Concord.")
        #expect(await fixture.ingest().failed == 0)
        #expect(try count(fixture.store, "SELECT COUNT(*) FROM entities WHERE key = 'h d thoreau'") == 0)
        await #expect(try fixture.store.entityDetails(named: "Henry David Thoreau")!.sources.map(\.documentPath).contains("corpus/b.md"))
    }

    @Test func badFilesAreRefusedWithAReason() throws {
        let cases: [(String, String)] = [
            ("{\"entities\": [{\"type\": \"person\"}]}", "entities[0]: an entity needs a \"name\""),
            ("{\"relations\": [{\"source\": \"A\"}]}", "relations[0]: a relation needs a \"source\" and a \"target\""),
            ("{\"entities\": 3}", "\"entities\" must be an array of objects"),
            ("{}", "no entities or relations"),
            ("{\"kind\":\"node\",\"name\":\"A\"}\nnot json", "line 2 is not a JSON object"),
            ("\u{0}\u{1}binary", "neither a JSON object nor JSON Lines"),
        ]
        for (text, reason) in cases {
            #expect(throws: ImportError.self) { try ImportFile.parse(Data(text.utf8)) }
            do { _ = try ImportFile.parse(Data(text.utf8)) } catch { #expect("\(error)".contains(reason), "\(error)") }
        }
    }
}
