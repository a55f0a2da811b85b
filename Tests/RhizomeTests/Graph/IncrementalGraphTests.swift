import Foundation
import GRDB
import Testing
@testable import Rhizome

/// The graph invariants from the design: add/delete is exact, an edit equals a fresh ingest, concurrency
/// does not matter, and one entity from many documents is one node.
@Suite struct IncrementalGraphTests {
    let alpha = """
        # Alpha

        Henry David Thoreau built a cabin near Walden Pond in 1845. Ralph Waldo Emerson owned the land near Walden Pond.
        """
    let beta = """
        # Beta

        Ralph Waldo Emerson lectured at Harvard University. Emerson and Thoreau walked to Concord often.
        """
    let gamma = """
        # Gamma

        Harvard University is in Cambridge. Henry David Thoreau studied at Harvard University.
        """

    func ingest(_ files: [String: String], into fixture: IngestFixture, concurrency: Int = 4) async throws -> IngestReport {
        for (name, text) in files { try fixture.write(name, text) }
        let ingestor = try await offlineIngestor(fixture.store, concurrency: concurrency)
        let sources = SourceDiscovery(storeDirectory: fixture.folder).files(in: [fixture.corpus.path]).files
        return await ingestor.ingest(sources.map(IngestSource.file))
    }

    @Test func oneEntityFromManyDocumentsIsOneNodeWithAllItsSources() async throws {
        let fixture = try await IngestFixture()
        let report = try await ingest(["a.md": alpha, "b.md": beta, "c.md": gamma], into: fixture)
        #expect(report.failed == 0)
        let emerson = try await #require(try fixture.store.entityDetails(named: "ralph waldo emerson"))
        #expect(emerson.type == "person")
        #expect(Set(emerson.sources.map(\.documentPath)) == ["corpus/a.md", "corpus/b.md"])
        let harvard = try await #require(try fixture.store.entityDetails(named: "HARVARD UNIVERSITY"))
        #expect(harvard.type == "organization")
        #expect(harvard.relations.contains { $0.entity == "Henry David Thoreau" })
        let statistics = try await fixture.store.statistics()
        #expect(statistics.entities >= 6 && statistics.relations >= 5)
    }

    @Test func ingestingThenDeletingADocumentLeavesExactlyTheGraphWithoutIt() async throws {
        let reference = try await IngestFixture()
        _ = try await ingest(["a.md": alpha, "c.md": gamma], into: reference)

        let fixture = try await IngestFixture()
        _ = try await ingest(["a.md": alpha, "b.md": beta, "c.md": gamma], into: fixture)
        #expect(try graphSnapshot(fixture.store) != graphSnapshot(reference.store))
        _ = try await offlineIngestor(fixture.store).delete("corpus/b.md")
        #expect(try graphSnapshot(fixture.store) == graphSnapshot(reference.store))
        #expect(try count(fixture.store, "SELECT COUNT(*) FROM entity_chunks") == count(reference.store, "SELECT COUNT(*) FROM entity_chunks"))
    }

    @Test func editingADocumentEqualsAFreshIngestOfTheEditedVersion() async throws {
        let edited = alpha.replacingOccurrences(of: "Ralph Waldo Emerson owned the land", with: "Bronson Alcott visited the cabin")
        let reference = try await IngestFixture()
        _ = try await ingest(["a.md": edited, "b.md": beta], into: reference)

        let fixture = try await IngestFixture()
        _ = try await ingest(["a.md": alpha, "b.md": beta], into: fixture)
        let second = try await ingest(["a.md": edited], into: fixture)
        #expect((second.updated, second.unchanged) == (1, 1))
        #expect(try graphSnapshot(fixture.store) == graphSnapshot(reference.store))
        await #expect(try fixture.store.entityDetails(named: "Bronson Alcott") != nil)
    }

    @Test func theGraphIsTheSameWhateverTheConcurrency() async throws {
        var snapshots: [[String]] = []
        for concurrency in [1, 8] {
            let fixture = try await IngestFixture(chunkTokens: 40)
            for name in ["article.html", "docbook.xml", "jats.xml", "atom.xml", "tei.xml"] { try fixture.copyFixture(name) }
            _ = try await ingest(["a.md": alpha, "b.md": beta, "c.md": gamma], into: fixture, concurrency: concurrency)
            snapshots.append(try graphSnapshot(fixture.store))
        }
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0].count > 20)
    }

    @Test func everyEntityRelationAndChunkGetsAVectorAndChangesAreReembedded() async throws {
        let fixture = try await IngestFixture()
        let first = try await ingest(["a.md": alpha], into: fixture)
        let missing = "SELECT (SELECT COUNT(*) FROM entities WHERE embedding IS NULL) + (SELECT COUNT(*) FROM relations WHERE embedding IS NULL) + (SELECT COUNT(*) FROM chunks WHERE embedding IS NULL)"
        #expect(try count(fixture.store, missing) == 0)
        let statistics = try await fixture.store.statistics()
        #expect(first.embedded == statistics.entities + statistics.relations + statistics.chunks)
        let second = try await ingest(["b.md": beta], into: fixture)
        #expect(second.embedded > 0)
        #expect(second.embedded < first.embedded + 20)   // only what the new document touched
        let unchanged = try await ingest([:], into: fixture)
        #expect(unchanged.embedded == 0)
    }

    @Test func aStoreRefusesAnotherEmbeddingModelAndNamesBoth() async throws {
        let fixture = try await IngestFixture()
        _ = try await ingest(["a.md": alpha], into: fixture)
        let other = EmbeddingSettings(provider: "openai", model: "text-embedding-3-small", dimension: 1536)
        #expect {
            _ = try SQLiteStore(path: fixture.store.path, mode: .existingOnly,
                                request: StoreSettingsRequest(tokenizer: "o200k_base", embedding: other))
        } throws: { error in
            guard case .settingsMismatch(.embeddingModel, let stored, let requested) = error as? StoreError else { return false }
            return stored.hasPrefix("offline:") && requested == other.label
        }
    }

    /// Applies hand-written extractions per document through the updater, so the records are exactly known.
    func apply(_ documents: [(path: String, records: [ChunkExtraction])], to store: SQLiteStore) async throws {
        let updater = GraphUpdater(store: store, merger: GraphMerger(summarizer: RankingSummarizer(
            threshold: SummaryThreshold(tokenizer: sharedTokenizer))))
        for (path, records) in documents {
            let id = StoredDocument.id(forPath: path)
            let chunks = records.indices.map { order in
                Chunk(id: "\(id)-\(order)", documentID: id, order: order, text: "chunk \(order) of \(path)", tokenCount: 4,
                      headingPath: [], startOffset: order * 20, endOffset: order * 20 + 10)
            }
            let document = Document(sourcePath: path, title: path, format: .text, contentHash: path, byteCount: 10,
                                    blocks: [Block(kind: .paragraph, text: chunks.map(\.text).joined(separator: "\n\n"), headingPath: [])])
            try await updater.replace(document, id: id, chunks: chunks,
                                      extractions: Dictionary(uniqueKeysWithValues: zip(chunks.map(\.id), records)), fresh: [])
        }
    }

    @Test func endpointsNamedOnlyByRelationsAreCreatedRenamedAndRemovedExactly() async throws {
        func relation(_ a: String, _ b: String, _ text: String) -> ExtractedRelation {
            ExtractedRelation(source: a, target: b, keywords: ["visits"], description: text)
        }
        let a: [ChunkExtraction] = [ChunkExtraction(entities: [ExtractedEntity(name: "Thoreau", type: "person", description: "A writer.")],
                                                    relations: [relation("Thoreau", "Walden pond", "Thoreau lived at the pond.")])]
        let b: [ChunkExtraction] = [
            ChunkExtraction(entities: [], relations: [relation("Emerson", "WALDEN POND", "Emerson owned the pond."),
                                                      relation("Emerson", "WALDEN POND", "duplicate in one chunk")]),
            ChunkExtraction(entities: [], relations: [relation("Emerson", "Walden Pond", "Emerson walked around it.")]),
        ]
        let reference = try makeStore()
        try await apply([("a.txt", a)], to: reference)
        let walden = try await #require(try reference.entityDetails(named: "walden pond"))
        #expect(walden.type == "unknown" && walden.name == "Walden pond" && walden.description == "Thoreau lived at the pond.")

        let store = try makeStore()
        try await apply([("a.txt", a), ("b.txt", b)], to: store)
        let merged = try await #require(try store.entityDetails(named: "walden pond"))
        #expect(merged.aliases == ["WALDEN POND", "Walden Pond", "Walden pond"])
        await #expect(try store.entityDetails(named: "emerson")?.relations.first?.weight == 2)

        try await GraphUpdater(store: store, merger: GraphMerger(summarizer: RankingSummarizer(
            threshold: SummaryThreshold(tokenizer: sharedTokenizer)))).delete(documentID: StoredDocument.id(forPath: "b.txt"))
        #expect(try graphSnapshot(store) == graphSnapshot(reference))
        await #expect(try store.entityDetails(named: "emerson") == nil)
    }
}
