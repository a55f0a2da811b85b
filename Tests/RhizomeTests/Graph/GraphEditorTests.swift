import Foundation
import GRDB
import Testing
@testable import Rhizome

/// Hand edits of the graph: each keeps the graph consistent and is kept by later ingests.
@Suite struct GraphEditorTests {
    let alpha = """
        # Alpha

        Henry David Thoreau built a cabin near Walden Pond in 1845. Ralph Waldo Emerson owned the land near Walden Pond.
        """
    let beta = """
        # Beta

        In 1838 Waldo Emerson lectured at Harvard University. Later, Waldo Emerson met Henry Thoreau near Concord.
        """
    let gamma = """
        # Gamma

        Harvard University is in Cambridge. In 1836 Waldo Emerson wrote Nature near Walden Pond. Henry Thoreau studied at Harvard University.
        """

    func ingest(_ files: [String: String], into fixture: IngestFixture) async throws {
        for (name, text) in files { try fixture.write(name, text) }
        let report = await fixture.ingest()
        #expect(report.failed == 0)
    }

    func editor(_ store: SQLiteStore) -> GraphEditor {
        GraphEditor(store: store, merger: GraphMerger(summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: sharedTokenizer))))
    }

    /// Everything derived agrees with the mentions: each mention's entity exists, each relation mention's
    /// relation exists with the weight of its chunks, no self-loops, and nothing exists without a mention.
    func consistencyProblems(_ store: SQLiteStore) throws -> [String] {
        try store.pool.read { db in
            let checks = [
                "mention of a missing entity": "SELECT COUNT(*) FROM entity_chunks m WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.key = m.entity_key)",
                "relation mention of a missing relation": """
                    SELECT COUNT(*) FROM (SELECT DISTINCT source_key, target_key FROM relation_chunks) m WHERE NOT EXISTS (
                        SELECT 1 FROM relations r JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
                        WHERE (s.key = m.source_key AND t.key = m.target_key) OR (s.key = m.target_key AND t.key = m.source_key))
                    """,
                "self-loop mention": "SELECT COUNT(*) FROM relation_chunks WHERE source_key = target_key",
                "relation weight differs from its chunks": """
                    SELECT COUNT(*) FROM relations r JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id
                    WHERE r.weight != (SELECT COUNT(DISTINCT chunk_id) FROM relation_chunks m
                                       WHERE (m.source_key = s.key AND m.target_key = t.key) OR (m.source_key = t.key AND m.target_key = s.key))
                    """,
                "entity without any mention": """
                    SELECT COUNT(*) FROM entities e WHERE NOT EXISTS (SELECT 1 FROM entity_chunks m WHERE m.entity_key = e.key)
                        AND NOT EXISTS (SELECT 1 FROM relation_chunks m WHERE m.source_key = e.key OR m.target_key = e.key)
                    """,
            ]
            return try checks.compactMap { label, sql in try Int.fetchOne(db, sql: sql)! > 0 ? label : nil }
        }
    }

    @Test func mergeRedirectsRelationsDropsSelfLoopsAndKeepsEveryNameAndSource() async throws {
        let fixture = try await IngestFixture()
        try await ingest(["a.md": alpha, "b.md": beta], into: fixture)
        let met = try await #require(try fixture.store.entityDetails(named: "Waldo Emerson"))
        #expect(met.relations.contains { $0.entity == "Henry Thoreau" })
        let report = try await editor(fixture.store).merge(["Waldo Emerson", "Henry Thoreau"], into: "Ralph Waldo Emerson")
        #expect(report.removedEntities.sorted() == ["henry thoreau", "waldo emerson"])

        let merged = try await #require(try fixture.store.entityDetails(named: "ralph waldo emerson"))
        #expect(merged.name == "Ralph Waldo Emerson")
        #expect(Set(merged.aliases).isSuperset(of: ["Waldo Emerson", "Henry Thoreau", "Ralph Waldo Emerson"]))
        #expect(Set(merged.sources.map(\.documentPath)) == ["corpus/a.md", "corpus/b.md"])
        #expect(merged.relations.contains { $0.entity == "Harvard University" })
        #expect(!merged.relations.contains { $0.entity == merged.name })
        await #expect(try fixture.store.entityDetails(named: "Henry Thoreau")?.name == "Ralph Waldo Emerson")
        #expect(try consistencyProblems(fixture.store) == [])
    }

    @Test func aMergeMadeBeforeAnIngestEqualsTheSameMergeMadeAfterIt() async throws {
        let after = try await IngestFixture()
        try await ingest(["a.md": alpha, "b.md": beta, "c.md": gamma], into: after)
        _ = try await editor(after.store).merge(["Waldo Emerson"], into: "Ralph Waldo Emerson")

        let before = try await IngestFixture()
        try await ingest(["a.md": alpha, "b.md": beta], into: before)
        _ = try await editor(before.store).merge(["Waldo Emerson"], into: "Ralph Waldo Emerson")
        try await ingest(["c.md": gamma], into: before)

        #expect(try graphSnapshot(before.store) == graphSnapshot(after.store))
        #expect(try await before.store.entity(named: "Waldo Emerson")?.key == "ralph waldo emerson")
        #expect(try count(before.store, "SELECT COUNT(*) FROM entities WHERE key = 'waldo emerson'") == 0)
        let merged = try await #require(try before.store.entityDetails(named: "Ralph Waldo Emerson"))
        #expect(merged.sources.map(\.documentPath).contains("corpus/c.md"))
        #expect(try consistencyProblems(before.store) == [])
    }

    @Test func aRenamedEntityKeepsItsNewNameWhenDocumentsUseTheOldOne() async throws {
        let fixture = try await IngestFixture()
        try await ingest(["a.md": alpha], into: fixture)
        _ = try await editor(fixture.store).rename("Henry David Thoreau", to: "H. D. Thoreau")
        try await ingest(["c.md": "Henry David Thoreau wrote Walden. Henry David Thoreau lived near Concord."], into: fixture)

        let renamed = try await #require(try fixture.store.entityDetails(named: "Henry David Thoreau"))
        #expect(renamed.name == "H. D. Thoreau")
        #expect(Set(renamed.sources.map(\.documentPath)) == ["corpus/a.md", "corpus/c.md"])
        #expect(try count(fixture.store, "SELECT COUNT(*) FROM entities WHERE key = 'henry david thoreau'") == 0)
        #expect(try consistencyProblems(fixture.store) == [])

        // Renaming back undoes it: the old key is live again and collects every mention.
        _ = try await editor(fixture.store).rename("H. D. Thoreau", to: "Henry David Thoreau")
        #expect(try await fixture.store.entity(named: "Henry David Thoreau")?.key == "henry david thoreau")
        #expect(try count(fixture.store, "SELECT COUNT(*) FROM entities WHERE key = 'h d thoreau'") == 0)
        await #expect(try fixture.store.graphRules().mergedInto == ["h d thoreau": "henry david thoreau"])
        #expect(try consistencyProblems(fixture.store) == [])
    }

    @Test func deletedEntitiesAndRelationsStayDeletedAfterALaterIngest() async throws {
        let fixture = try await IngestFixture()
        try await ingest(["a.md": alpha, "b.md": beta], into: fixture)
        let harvard = try await #require(try fixture.store.entityDetails(named: "Harvard University"))
        #expect(!harvard.relations.isEmpty)
        _ = try await editor(fixture.store).delete("Harvard University")
        _ = try await editor(fixture.store).deleteRelation("Ralph Waldo Emerson", "Walden Pond")
        await #expect(try fixture.store.entityDetails(named: "Harvard University") == nil)
        #expect(try consistencyProblems(fixture.store) == [])

        try await ingest(["c.md": gamma, "d.md": "Ralph Waldo Emerson walked around Walden Pond."], into: fixture)
        await #expect(try fixture.store.entityDetails(named: "Harvard University") == nil)
        let emerson = try await #require(try fixture.store.entityDetails(named: "Ralph Waldo Emerson"))
        #expect(emerson.sources.map(\.documentPath).contains("corpus/d.md"))
        #expect(!emerson.relations.contains { $0.entity == "Walden Pond" })
        #expect(try consistencyProblems(fixture.store) == [])
    }

    @Test func editedFieldsSurviveNewMentions() async throws {
        let fixture = try await IngestFixture()
        try await ingest(["a.md": alpha], into: fixture)
        _ = try await editor(fixture.store).edit("Walden Pond", type: "Lake", description: "A kettle pond in Concord.")
        #expect(try count(fixture.store, "SELECT COUNT(*) FROM entities WHERE key = 'walden pond' AND embedding IS NULL") == 1)
        _ = try await editor(fixture.store).editRelation("Henry David Thoreau", "Walden Pond", keywords: ["cabin"], description: "He lived there.")
        try await ingest(["b.md": "Henry David Thoreau swam in Walden Pond. Walden Pond is deep."], into: fixture)

        let pond = try await #require(try fixture.store.entityDetails(named: "walden pond"))
        #expect(pond.type == "lake")
        #expect(pond.description == "A kettle pond in Concord.")
        #expect(pond.sources.count == 2)
        let relation = try #require(pond.relations.first { $0.entity == "Henry David Thoreau" })
        #expect(relation.keywords == ["cabin"] && relation.description == "He lived there.")
        #expect(relation.weight == 2)
    }

    @Test func editsExplainWhatIsWrong() async throws {
        let fixture = try await IngestFixture()
        try await ingest(["a.md": alpha], into: fixture)
        let edit = editor(fixture.store)
        await #expect(throws: EditError.unknownEntity("Nobody")) { try await edit.delete("Nobody") }
        await #expect(throws: EditError.nameTaken("Walden Pond")) { try await edit.rename("Henry David Thoreau", to: "Walden Pond") }
        await #expect(throws: EditError.unknownRelation("Henry David Thoreau", "Henry David Thoreau")) {
            try await edit.deleteRelation("Henry David Thoreau", "Henry David Thoreau")
        }
        await #expect(throws: EditError.nothingToChange) { try await edit.edit("Walden Pond") }
        let before = try graphSnapshot(fixture.store)
        #expect(before.count > 3)
        #expect(try graphSnapshot(fixture.store) == before)
    }
}
