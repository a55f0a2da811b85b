import Foundation
import Testing

/// `rhizome import`, `entity …` and `relation …` end to end, with hostile names through every check.
@Suite struct ImportEditCLITests {
    static let hostile = ["Say \"hi\" & <bye>", "Line one\nLine two", "Emoji 🌿 Rhizome", "O'Brien, Ltd; \\ back\\slash",
                          String(repeating: "Long name ", count: 200) + "end", "Tab\there|pipe", "]]> --> <!-- &amp;"]

    /// A hand-written graph file: a chain of hostile names.
    func hostileGraphFile(in folder: URL) throws -> URL {
        let entities = Self.hostile.map { ["name": $0, "type": "concept", "description": "About \($0)."] }
        let relations = zip(Self.hostile, Self.hostile.dropFirst()).map {
            ["source": $0, "target": $1, "keywords": "links <to>, & more", "description": "\($0) links to \($1)."]
        }
        let url = folder.appendingPathComponent("hostile.json")
        try JSONSerialization.data(withJSONObject: ["entities": entities, "relations": relations]).write(to: url)
        return url
    }

    @Test func hostileNamesImportAndExportAsValidGraphMLAndJSON() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        let imported = try rhizome(["import", try hostileGraphFile(in: folder).path, "--json", "--store", store], in: folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try decodeJSON(imported.stdout)["entities"] as? Int == Self.hostile.count)
        if let verdict = try validateAgainstSchema(imported.stdout, schema: "import-report.schema.json") { #expect(verdict == "valid") }

        let json = try rhizome(["export", "--format", "json", "--with-text", "--store", store], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let names = (try decodeJSON(json.stdout)["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        // Names are cleaned as extracted names are (whitespace runs become one space); descriptions keep theirs.
        #expect(Set(names) == Set(Self.hostile.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }))
        #expect(json.stdout.contains("About Line one\\nLine two."))
        if let verdict = try validateAgainstSchema(json.stdout, schema: "graph.schema.json") { #expect(verdict == "valid") }

        let schema = repositoryRoot.appendingPathComponent("Tests/Fixtures/graphml/graphml-structure.xsd").path
        let graphml = try rhizome(["export", "--format", "graphml", "--store", store], in: folder)
        #expect(graphml.status == 0 && graphml.stdout.contains("Say &quot;hi&quot; &amp; &lt;bye&gt;"))
        #expect(xmlSchemaViolation(graphml.stdout, schemaPath: schema) == nil)
        // The check can fail: an edge to a node that is not there, or an undeclared data key, is refused.
        let dangling = graphml.stdout.replacingOccurrences(of: #"target="n\d+""#, with: #"target="n999999""#, options: .regularExpression)
        #expect(dangling != graphml.stdout && xmlSchemaViolation(dangling, schemaPath: schema) != nil)
        let undeclared = graphml.stdout.replacingOccurrences(of: "<data key=\"type\">", with: "<data key=\"kind\">")
        #expect(xmlSchemaViolation(undeclared, schemaPath: schema) != nil)
    }

    @Test func theExamplesGraphMLValidatesAndRoundTripsThroughImport() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("a.sqlite").path
        #expect(try rhizome(["ingest", repositoryRoot.appendingPathComponent("Examples/documents").path, "--store", store], in: folder).status == 0)
        let graphml = try rhizome(["export", "--entity", "SQLite", "--depth", "2", "--format", "graphml", "--store", store], in: folder)
        let schema = repositoryRoot.appendingPathComponent("Tests/Fixtures/graphml/graphml-structure.xsd").path
        #expect(graphml.status == 0 && xmlSchemaViolation(graphml.stdout, schemaPath: schema) == nil)

        let first = folder.appendingPathComponent("first.json").path
        #expect(try rhizome(["export", "--with-text", "-o", first, "--store", store], in: folder).status == 0)
        let copy = folder.appendingPathComponent("b.sqlite").path
        let imported = try rhizome(["import", first, "--store", copy], in: folder)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        // Re-merged from the file's mentions, nearly every field comes out as stated; the few kept as stated
        // are aliases that only a relation's surface form gave (`deflateEnd` beside `deflateEnd()`).
        let kept = imported.stdout.firstMatch(of: /([0-9,]+) fields? kept as stated/).map { Int($0.1.replacingOccurrences(of: ",", with: "")) ?? -1 } ?? 0
        let entities = imported.stdout.firstMatch(of: /Imported ([0-9,]+) entities/).map { Int($0.1.replacingOccurrences(of: ",", with: "")) ?? 0 } ?? 0
        #expect(kept >= 0 && kept * 100 < entities, "\(imported.stdout)")
        let second = try rhizome(["export", "--with-text", "--store", copy], in: folder)
        #expect(second.stdout == (try String(contentsOfFile: first, encoding: .utf8)))

        let bad = folder.appendingPathComponent("bad.json")
        try Data("{\"entities\": [{\"type\": \"person\"}]}".utf8).write(to: bad)
        let refused = try rhizome(["import", bad.path, "--store", copy], in: folder)
        #expect(refused.status != 0 && refused.stderr.contains("an entity needs a \"name\""))
    }

    @Test func editsThroughTheCLIAreKeptByALaterIngest() throws {
        let folder = try makeTemporaryDirectory()
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try Data("Henry David Thoreau built a cabin near Walden Pond. Ralph Waldo Emerson owned the land near Walden Pond.".utf8)
            .write(to: corpus.appendingPathComponent("a.txt"))
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        #expect(try rhizome(["ingest", corpus.path, "--store", store], in: folder).status == 0)

        let merged = try rhizome(["entity", "merge", "Ralph Waldo Emerson", "--into", "Emerson", "--json", "--store", store], in: folder)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try decodeJSON(merged.stdout)["removed_entities"] as? [String] == ["ralph waldo emerson"])
        if let verdict = try validateAgainstSchema(merged.stdout, schema: "edit-report.schema.json") { #expect(verdict == "valid") }
        #expect(try rhizome(["entity", "rename", "Henry David Thoreau", "Thoreau", "--store", store], in: folder).status == 0)
        #expect(try rhizome(["entity", "edit", "Walden Pond", "--type", "lake", "--store", store], in: folder).status == 0)
        #expect(try rhizome(["relation", "delete", "Emerson", "Walden Pond", "--store", store], in: folder).status == 0)

        try Data("Ralph Waldo Emerson met Henry David Thoreau at Walden Pond.".utf8).write(to: corpus.appendingPathComponent("b.txt"))
        #expect(try rhizome(["ingest", corpus.path, "--store", store], in: folder).status == 0)
        let emerson = try decodeJSON(try rhizome(["graph", "entity", "Ralph Waldo Emerson", "--json", "--store", store], in: folder).stdout)
        #expect(emerson["name"] as? String == "Emerson")
        let relations = (emerson["relations"] as? [[String: Any]] ?? []).compactMap { $0["entity"] as? String }
        #expect(relations.contains("Thoreau") && !relations.contains("Walden Pond"))
        let pond = try decodeJSON(try rhizome(["graph", "entity", "Walden Pond", "--json", "--store", store], in: folder).stdout)
        #expect(pond["type"] as? String == "lake")

        let unknown = try rhizome(["entity", "delete", "Nobody", "--store", store], in: folder)
        #expect(unknown.status == 1 && unknown.stderr.contains("no entity named 'Nobody'"))
        let taken = try rhizome(["entity", "rename", "Thoreau", "Walden Pond", "--store", store], in: folder)
        #expect(taken.status == 1 && taken.stderr.contains("entity merge"))
    }
}
