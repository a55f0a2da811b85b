import Foundation
@testable import Rhizome

/// Where the repository's test fixtures live.
let fixturesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

/// One tokenizer for the whole test run: loading the vocabulary is the slow part.
let sharedTokenizer: O200kTokenizer = {
    do { return try O200kTokenizer() } catch { preconditionFailure("embedded vocabulary: \(error)") }
}()

/// A fresh empty directory under the system temporary directory.
func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension GraphCommit {
    /// A commit that only writes or deletes a document (no graph contributions).
    static func documentOnly(_ change: DocumentChange) -> GraphCommit {
        GraphCommit(change: change, addedMentions: [], extractions: [], entities: [], removedEntityKeys: [],
                    relations: [], removedRelationKeys: [])
    }
}

/// An ingestor that needs no model: heuristic extraction, ranking summaries, hashed embeddings.
func offlineIngestor(_ store: SQLiteStore, concurrency: Int = 4) throws -> Ingestor {
    try Ingestor.assemble(store: store, providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer,
                          concurrency: concurrency)
}
