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
