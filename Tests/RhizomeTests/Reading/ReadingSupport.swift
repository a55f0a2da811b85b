import Foundation
@testable import Rhizome

/// Reads a file from `Tests/Fixtures/reading` through the real readers.
func readFixture(_ name: String, maxFileSize: Int = DocumentReaders.defaultMaxFileSize) throws -> Document {
    let url = fixturesDirectory.appendingPathComponent("reading").appendingPathComponent(name)
    return try DocumentReaders(maxFileSize: maxFileSize).read(fileAt: url, sourcePath: "reading/\(name)")
}

/// The error a fixture fails with, or nil if it reads.
func readingError(_ name: String, maxFileSize: Int = DocumentReaders.defaultMaxFileSize) -> ReadingError? {
    do { _ = try readFixture(name, maxFileSize: maxFileSize); return nil } catch let error as ReadingError {
        return error
    } catch { return .unreadable("\(error)") }
}
