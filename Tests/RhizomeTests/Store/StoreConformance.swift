import Foundation
import Testing
@testable import Rhizome

/// A store as the pipeline, the query engine and the exporters see it: only through these protocols.
typealias ConformingStore = KnowledgeStore & QueryStore & ExportStore

/// The invariants every store must keep — a document is written whole or not at all, deleting a document
/// leaves what never ingesting it would, a changed document equals a fresh ingest of the new version, and
/// neither concurrency nor the order of files changes the result — checked through the protocols alone, so
/// another backend runs the same suite by giving its own `makeStore`.
struct StoreConformance {
    /// A new, empty store whose documents are stored relative to `folder`.
    let makeStore: @Sendable (_ folder: URL) throws -> any ConformingStore

    /// Real documents in three languages (Debian 12 packages, see `Examples/eval/LICENSES.md`); the two disk
    /// pages of each language share entities, so deleting one must keep what the other supports.
    static let corpus: [(from: String, to: String)] = [
        ("en/documents/gnome-help/disk-capacity.page", "en/disk-capacity.page"),
        ("en/documents/gnome-help/disk-repair.page", "en/disk-repair.page"),
        ("en/documents/gnome-help/files-hidden.page", "en/files-hidden.page"),
        ("ko/documents/gnome-help/disk-capacity.page", "ko/disk-capacity.page"),
        ("ko/documents/gnome-help/disk-repair.page", "ko/disk-repair.page"),
        ("ja/documents/gnome-help/power-batterylife.page", "ja/power-batterylife.page"),
    ]

    /// A folder with a fresh store and the corpus files named by `paths` (default: all) under `corpus/`.
    struct Workspace {
        let folder: URL
        let store: any ConformingStore

        var corpus: URL { folder.appendingPathComponent("corpus") }

        func sources(_ names: [String]? = nil) -> [IngestSource] {
            let all = SourceDiscovery(storeDirectory: folder).files(in: [corpus.path]).files
            return all.filter { file in names.map { $0.contains { file.storedPath.hasSuffix($0) } } ?? true }.map(IngestSource.file)
        }

        /// The offline pipeline over this store, assembled from the protocol alone.
        func ingestor(concurrency: Int = 4) throws -> Ingestor {
            Ingestor(store: store, readers: DocumentReaders(),
                     chunker: try Chunker(tokenizer: sharedTokenizer, options: store.settings.chunking),
                     extractor: HeuristicExtractor(tokenizer: sharedTokenizer),
                     summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: sharedTokenizer)),
                     embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer), concurrency: concurrency)
        }

        @discardableResult
        func ingest(_ names: [String]? = nil, concurrency: Int = 4) async throws -> IngestReport {
            let report = await (try ingestor(concurrency: concurrency)).ingest(sources(names))
            #expect(report.failed == 0, "\(report.outcomes.filter { $0.status == .failed })")
            return report
        }
    }

    func workspace(_ names: [String]? = nil) throws -> Workspace {
        let folder = try makeTemporaryDirectory()
        for (from, to) in Self.corpus where names.map({ $0.contains(to) }) ?? true {
            let target = folder.appendingPathComponent("corpus/\(to)")
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: repositoryRootURL.appendingPathComponent("Examples/eval/\(from)"), to: target)
        }
        return Workspace(folder: folder, store: try makeStore(folder))
    }

    // MARK: The invariants

    func aDocumentIsWrittenWholeOrNotAtAll() async throws {
        let space = try workspace(["en/disk-capacity.page"])
        try await space.ingest()
        let before = try await StoreSnapshot(space.store)
        let stored = try #require(try await space.store.documents().first)
        // A new version whose last chunk repeats the first chunk's place is refused halfway through the write.
        let bytes = [UInt8](try Data(contentsOf: space.corpus.appendingPathComponent("en/disk-capacity.page")))
        var edited = try DocumentReaders().read(bytes, sourcePath: stored.path)
        edited.title = "Edited"
        let chunks = try Chunker(tokenizer: sharedTokenizer, options: space.store.settings.chunking).chunks(of: edited, documentID: stored.id)
        var clash = chunks[0]
        clash.id = "chunk-clash"
        await #expect(throws: StoreError.self) {
            try await space.store.commit(GraphCommit(documents: [.replace(edited, id: stored.id, chunks: chunks + [clash])],
                                               mentions: MentionChanges(), graph: RebuiltGraph()))
        }
        #expect(try await space.store.document(stored.id).title == stored.title)
        try await expectUnchanged(space.store, since: before)
        // A relation without its endpoint entities is refused too, and nothing of the commit stays.
        var graph = RebuiltGraph()
        graph.relations = [RelationRecord(key: RelationKey("nowhere a", "nowhere b"), keywords: [], description: "x", weight: 1)]
        await #expect(throws: StoreError.self) {
            try await space.store.commit(GraphCommit(documents: [.delete(id: stored.id)], mentions: MentionChanges(), graph: graph))
        }
        try await expectUnchanged(space.store, since: before)
    }

    func deletingADocumentLeavesWhatNeverIngestingItWould() async throws {
        let kept = ["en/disk-capacity.page", "en/files-hidden.page", "ko/disk-capacity.page", "ja/power-batterylife.page"]
        let reference = try workspace(kept)
        try await reference.ingest()

        let space = try workspace()
        try await space.ingest()
        #expect(try await StoreSnapshot(space.store) != StoreSnapshot(reference.store))
        for path in ["corpus/en/disk-repair.page", "corpus/ko/disk-repair.page"] {
            _ = try await space.ingestor().delete(path)
        }
        try await expectSame(space.store, reference.store)
    }

    func aChangedDocumentEqualsAFreshIngestOfTheNewVersion() async throws {
        let space = try workspace()
        try await space.ingest()
        // The same file name now holds another page: the store must forget everything only the old one said.
        let changed = space.corpus.appendingPathComponent("en/disk-repair.page")
        try FileManager.default.removeItem(at: changed)
        try FileManager.default.copyItem(at: repositoryRootURL.appendingPathComponent("Examples/eval/en/documents/gnome-help/net-findip.page"),
                                         to: changed)
        let second = try await space.ingest()
        #expect(second.updated == 1 && second.unchanged == 5)

        let reference = try workspace()
        try FileManager.default.removeItem(at: reference.corpus.appendingPathComponent("en/disk-repair.page"))
        try FileManager.default.copyItem(at: changed, to: reference.corpus.appendingPathComponent("en/disk-repair.page"))
        try await reference.ingest()
        try await expectSame(space.store, reference.store)
    }

    func neitherConcurrencyNorFileOrderChangesTheStore() async throws {
        let one = try workspace()
        try await one.ingest(concurrency: 1)
        let many = try workspace()
        try await many.ingest(concurrency: 8)
        try await expectSame(one.store, many.store)

        let reversed = try workspace()
        for name in Self.corpus.map(\.to).reversed() { try await reversed.ingest([name], concurrency: 1) }
        try await expectSame(reversed.store, one.store)
        #expect(try await StoreSnapshot(one.store).nodes.count > 30)
    }

    func aCommitWorkedOutFromAStaleGraphIsRefusedWhole() async throws {
        let space = try workspace(["en/disk-capacity.page", "en/disk-repair.page"])
        try await space.ingest(["en/disk-capacity.page"])
        let stale = try await space.store.graphVersion()
        try await space.ingest(["en/disk-repair.page"])
        let before = try await StoreSnapshot(space.store)
        let document = try #require(try await space.store.documents().first)
        var commit = GraphCommit(documents: [.delete(id: document.id)], mentions: MentionChanges(), graph: RebuiltGraph())
        commit.basedOnVersion = stale
        await #expect(throws: StoreError.concurrentChange) { try await space.store.commit(commit) }
        try await expectUnchanged(space.store, since: before)
    }

    func ingestingTheSameFilesAgainChangesNothing() async throws {
        let space = try workspace()
        try await space.ingest()
        let (before, version) = await (try StoreSnapshot(space.store), try space.store.graphVersion())
        let again = try await space.ingest()
        #expect(again.unchanged == Self.corpus.count && again.added + again.updated == 0)
        #expect(try await space.store.graphVersion() == version)
        try await expectUnchanged(space.store, since: before)
    }
}

/// Expects the two stores to hold the same, naming what differs when they do not.
func expectSame(_ store: any ConformingStore, _ reference: any ConformingStore,
                sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let (actual, expected) = await (try StoreSnapshot(store), try StoreSnapshot(reference))
    #expect(actual == expected, "\(actual.differences(from: expected))", sourceLocation: sourceLocation)
}

/// Expects the store to hold what `before` recorded, naming what differs when it does not.
func expectUnchanged(_ store: any ConformingStore, since before: StoreSnapshot, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let now = try await StoreSnapshot(store)
    #expect(now == before, "\(now.differences(from: before))", sourceLocation: sourceLocation)
}
