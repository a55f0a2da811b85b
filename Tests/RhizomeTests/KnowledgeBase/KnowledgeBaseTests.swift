import Foundation
import Testing
@testable import Rhizome

/// The façade the CLI, the server and MCP share: changes one at a time, queries that see them.
@Suite struct KnowledgeBaseTests {
    static func open(_ folder: URL) async throws -> KnowledgeBase {
        try await KnowledgeBase.open(.init(storePath: folder.appendingPathComponent("kb.sqlite").path, createIfMissing: true),
                                     providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer)
    }

    static func page(_ topic: String) -> [UInt8] {
        Array("<html><head><title>\(topic)</title></head><body><p>\(topic) was built by the Zephyr Institute in Lisbon. \(topic) is used by Marta Quintela.</p></body></html>".utf8)
    }

    @Test func aLongLivedSearchSeesVectorsWrittenAfterItLoadedThem() async throws {
        let folder = try makeTemporaryDirectory()
        let knowledgeBase = try await Self.open(folder)
        _ = try await knowledgeBase.ingest([.bytes(Self.page("Quokkadb"), storedPath: "a.html", format: .html)])
        let search = ExactVectorSearch(store: knowledgeBase.store)
        let before = try await search.matrix(.chunk)
        _ = try await knowledgeBase.ingest([.bytes(Self.page("Wombatql"), storedPath: "b.html", format: .html)])
        let after = try await search.matrix(.chunk)
        #expect(after.count == before.count + 1)
        let answer = try await knowledgeBase.query(QueryRequest(query: "Who uses Wombatql?"))
        #expect(answer.references.first?.documentPath == "b.html")
    }

    @Test func concurrentChangesRunOneAfterAnotherAndAllLand() async throws {
        let folder = try makeTemporaryDirectory()
        let knowledgeBase = try await Self.open(folder)
        let topics = (0..<8).map { "Project\($0)x" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, topic) in topics.enumerated() {
                group.addTask { _ = try await knowledgeBase.ingest([.bytes(Self.page(topic), storedPath: "p\(index).html", format: .html)]) }
            }
            try await group.waitForAll()
        }
        await #expect(try knowledgeBase.stored.documents().count == 8)
        let shared = try await #require(try knowledgeBase.stored.entity(named: "Zephyr Institute"))
        #expect(Set(shared.sources.map(\.documentPath)) == Set((0..<8).map { "p\($0).html" }))
        _ = try await knowledgeBase.delete(storedDocument: "p3.html")
        await #expect(try knowledgeBase.stored.entity(named: "Zephyr Institute")?.sources.count == 7)
    }

    /// What another process's writer would meet: its change was worked out before this commit landed.
    @Test func aCommitWorkedOutFromAnOlderGraphIsRefusedAndChangesNothing() async throws {
        let folder = try makeTemporaryDirectory()
        let knowledgeBase = try await Self.open(folder)
        _ = try await knowledgeBase.ingest([.bytes(Self.page("Quokkadb"), storedPath: "a.html", format: .html)])
        let store = knowledgeBase.store
        let stale = try await store.graphVersion()
        _ = try await knowledgeBase.ingest([.bytes(Self.page("Wombatql"), storedPath: "b.html", format: .html)])
        #expect(try await store.graphVersion() == stale + 1)
        let document = try await knowledgeBase.stored.storedDocument("a.html")
        var commit = await GraphCommit(documents: [.delete(id: document.id)], mentions: MentionChanges(removedChunks: try store.chunkIDs(ofDocument: document.id)),
                                 graph: RebuiltGraph())
        commit.basedOnVersion = stale
        await #expect(throws: StoreError.concurrentChange) { try await store.commit(commit) }
        await #expect(try knowledgeBase.stored.documents().map(\.path) == ["a.html", "b.html"])
        #expect(try await store.graphVersion() == stale + 1)
    }
}
