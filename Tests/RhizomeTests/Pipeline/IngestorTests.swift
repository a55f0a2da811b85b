import Foundation
import Testing
@testable import Rhizome

/// A folder with a store and a corpus folder beside it, and an ingestor over them.
struct IngestFixture {
    let folder: URL
    let corpus: URL
    let store: SQLiteStore
    let ingestor: Ingestor

    init(chunkTokens: Int = 1200) async throws {
        folder = try makeTemporaryDirectory()
        corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        store = try makeStore(in: folder, maxTokens: chunkTokens)
        ingestor = try await offlineIngestor(store)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: corpus.appendingPathComponent(name))
    }

    func copyFixture(_ name: String) throws {
        try FileManager.default.copyItem(at: fixturesDirectory.appendingPathComponent("reading/\(name)"),
                                         to: corpus.appendingPathComponent(name))
    }

    func ingest() async -> IngestReport {
        let files = SourceDiscovery(storeDirectory: folder).files(in: [corpus.path]).files
        return await ingestor.ingest(files.map(IngestSource.file))
    }
}

@Suite struct IngestorTests {
    @Test func unchangedFilesAreSkippedChangedReplacedDeletedRemoved() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("a.html", "<h1>Alpha</h1><p>The alpha document talks about rivers.</p>")
        try fixture.write("b.md", "# Beta\n\nThe beta document talks about mountains.")
        let first = await fixture.ingest()
        #expect((first.added, first.updated, first.unchanged, first.failed) == (2, 0, 0, 0))
        #expect(first.outcomes.map(\.path) == ["corpus/a.html", "corpus/b.md"])
        let stampBefore = try await fixture.store.document("corpus/a.html").updatedAt

        let second = await fixture.ingest()
        #expect((second.added, second.updated, second.unchanged) == (0, 0, 2))
        #expect(second.chunks == 0)
        await #expect(try fixture.store.document("corpus/a.html").updatedAt == stampBefore)

        let oldChunks = try await fixture.store.chunks(ofDocument: StoredDocument.id(forPath: "corpus/a.html"))
        try fixture.write("a.html", "<h1>Alpha</h1><p>The alpha document now talks about lakes.</p>")
        let third = await fixture.ingest()
        #expect((third.updated, third.unchanged) == (1, 1))
        let newChunks = try await fixture.store.chunks(ofDocument: StoredDocument.id(forPath: "corpus/a.html"))
        #expect(newChunks.map(\.text) == ["Alpha\n\nThe alpha document now talks about lakes."])
        #expect(Set(newChunks.map(\.id)).isDisjoint(with: oldChunks.map(\.id)))
        await #expect(try fixture.store.statistics().chunks == 2)

        let deleted = try await fixture.ingestor.delete("corpus/b.md")
        #expect(deleted.chunkCount == 1)
        let statistics = try await fixture.store.statistics()
        #expect((statistics.documents, statistics.chunks) == (1, 1))
    }

    @Test func oneBadFileNeverStopsTheBatch() async throws {
        let fixture = try await IngestFixture()
        for name in ["article.html", "bomb.xml", "binary.html", "empty.txt", "malformed.xml", "tei.xml"] {
            try fixture.copyFixture(name)
        }
        let report = await fixture.ingest()
        #expect((report.added, report.failed, report.warned) == (3, 3, 1))
        #expect(!report.succeeded)
        let failures = Dictionary(uniqueKeysWithValues: report.outcomes.filter { $0.status == .failed }
            .map { ($0.path, $0.error ?? "") })
        #expect(failures["corpus/empty.txt"] == "empty file")
        #expect(failures["corpus/bomb.xml"]?.hasPrefix("refused unsafe XML") == true)
        let statistics = try await fixture.store.statistics()
        #expect(statistics.documentsByStatus["failed"] == 3)
        #expect(statistics.documentsByStatus["processed"] == 3)
        // Broken markup is recovered: its text is stored and the outcome warns with the line.
        let recovered = report.outcomes.first { $0.path == "corpus/malformed.xml" }
        #expect(recovered?.status == .added)
        #expect(recovered?.warnings.contains { $0.contains("line 2") } == true)
    }

    @Test func failedFilesAreRetriedAndAGoodVersionIsNeverLostToABadOne() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("doc.xml", "<?xml version='1.0'?><root><p/></root>")
        #expect(await fixture.ingest().failed == 1)
        try fixture.write("doc.xml", "<?xml version='1.0'?><root><p>Fixed text.</p></root>")
        let fixed = await fixture.ingest()
        #expect(fixed.added == 1)
        await #expect(try fixture.store.document("corpus/doc.xml").status == .processed)

        try fixture.write("doc.xml", "<?xml version='1.0'?><root>  </root>")
        #expect(await fixture.ingest().failed == 1)
        let kept = try await fixture.store.document("corpus/doc.xml")
        #expect(kept.status == .processed)
        let chunks = try await fixture.store.chunks(ofDocument: kept.id)
        #expect(chunks.map(\.text) == ["root: Fixed text."] || chunks.count == 1)
    }

    @Test func concurrencyDoesNotChangeTheResult() async throws {
        var snapshots: [[String]] = []
        for concurrency in [1, 8] {
            let fixture = try await IngestFixture(chunkTokens: 64)
            for name in ["article.html", "docbook.xml", "jats.xml", "atom.xml", "rss.xml", "tei.xml"] {
                try fixture.copyFixture(name)
            }
            let ingestor = try await offlineIngestor(fixture.store, concurrency: concurrency)
            let files = SourceDiscovery(storeDirectory: fixture.folder).files(in: [fixture.corpus.path]).files
            _ = await ingestor.ingest(files.map(IngestSource.file))
            var chunks: [String] = []
            for document in try await fixture.store.documents() { chunks += try await fixture.store.chunks(ofDocument: document.id).map(\.id) }
            snapshots.append(chunks)
        }
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0].count > 6)
    }

    @Test func discoveryFiltersByExtensionAndGlobs() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("keep.html", "<p>x</p>")
        try fixture.write("image.png", "not text")
        try fixture.write("draft.html", "<p>y</p>")
        try FileManager.default.createDirectory(at: fixture.corpus.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("<p>z</p>".utf8).write(to: fixture.corpus.appendingPathComponent(".git/hidden.html"))
        let plain = SourceDiscovery(storeDirectory: fixture.folder).files(in: [fixture.corpus.path])
        #expect(plain.files.map(\.storedPath) == ["corpus/draft.html", "corpus/keep.html"])
        let filtered = SourceDiscovery(include: ["*.html", "*.png"], exclude: ["draft*"], storeDirectory: fixture.folder)
            .files(in: [fixture.corpus.path, fixture.folder.appendingPathComponent("missing").path])
        #expect(filtered.files.map(\.storedPath) == ["corpus/image.png", "corpus/keep.html"])
        #expect(filtered.missing == [fixture.folder.appendingPathComponent("missing").path])
        #expect(filtered.skipped == [SkippedSource(path: "corpus/draft.html", reason: .excluded)])
        #expect(plain.skipped == [SkippedSource(path: "corpus/image.png", reason: .unknownExtension)])
        let outside = SourceDiscovery(storeDirectory: URL(fileURLWithPath: "/nonexistent")).files(in: [fixture.corpus.path])
        #expect(outside.files.first?.storedPath.hasPrefix("/") == true)
    }
}
