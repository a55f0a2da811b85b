import Foundation
import Testing
@testable import Rhizome

/// `CurrentGraph`: a change whose commit another writer overtook is worked out again from the new graph.
@Suite struct CurrentGraphTests {
    @Test func aChangeOvertakenByAnotherWriterIsWorkedOutAgainAndBothLand() async throws {
        let store = try makeStore()
        let chunker = try Chunker(tokenizer: sharedTokenizer)
        func document(_ name: String) throws -> (Document, String, [Chunk]) {
            var document = try readFixture("docbook.xml")
            document.sourcePath = name
            let id = StoredDocument.id(forPath: name)
            return (document, id, chunker.chunks(of: document, documentID: id))
        }
        let (mine, other) = (try document("mine.xml"), try document("other.xml"))
        var attempts: [Int] = []
        try await CurrentGraph.change(in: store) { version in
            attempts.append(version)
            if attempts.count == 1 {
                // Another writer commits after this change read the graph.
                try await store.commit(.documentOnly(.replace(other.0, id: other.1, chunks: other.2)))
            }
            var commit = GraphCommit.documentOnly(.replace(mine.0, id: mine.1, chunks: mine.2))
            commit.basedOnVersion = version
            try await store.commit(commit)
        }
        #expect(attempts.count == 2 && attempts[1] == attempts[0] + 1)
        #expect(try await store.documents().map(\.path).sorted() == ["mine.xml", "other.xml"])
    }

    @Test func otherFailuresAreNotRetried() async throws {
        let store = try makeStore()
        struct Broken: Error {}
        var attempts = 0
        await #expect(throws: Broken.self) {
            try await CurrentGraph.change(in: store) { _ in attempts += 1; throw Broken() }
        }
        #expect(attempts == 1)
    }
}
