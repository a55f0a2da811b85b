import Foundation
import Testing
@testable import Rhizome

/// The store conformance suite run against the SQLite store.
@Suite struct SQLiteStoreConformanceTests {
    let conformance = StoreConformance { folder in
        try SQLiteStore(path: folder.appendingPathComponent("rhizome.sqlite").path, mode: .createIfMissing,
                        request: StoreSettingsRequest(tokenizer: sharedTokenizer.name, maxTokens: 300, overlapTokens: 30))
    }

    @Test func aDocumentIsWrittenWholeOrNotAtAll() async throws { try await conformance.aDocumentIsWrittenWholeOrNotAtAll() }

    @Test func deletingADocumentLeavesWhatNeverIngestingItWould() async throws {
        try await conformance.deletingADocumentLeavesWhatNeverIngestingItWould()
    }

    @Test func aChangedDocumentEqualsAFreshIngestOfTheNewVersion() async throws {
        try await conformance.aChangedDocumentEqualsAFreshIngestOfTheNewVersion()
    }

    @Test func neitherConcurrencyNorFileOrderChangesTheStore() async throws {
        try await conformance.neitherConcurrencyNorFileOrderChangesTheStore()
    }

    @Test func aCommitWorkedOutFromAStaleGraphIsRefusedWhole() async throws {
        try await conformance.aCommitWorkedOutFromAStaleGraphIsRefusedWhole()
    }

    @Test func ingestingTheSameFilesAgainChangesNothing() async throws { try await conformance.ingestingTheSameFilesAgainChangesNothing() }
}
