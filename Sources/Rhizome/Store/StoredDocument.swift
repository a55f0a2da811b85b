import Crypto
import Foundation

/// Where a document is in its life: its status row is its commit record.
public enum DocumentStatus: String, Codable, Sendable, CaseIterable {
    case pending, processing, processed, failed
}

/// A document as the store knows it (without its text, which can be large).
public struct StoredDocument: Codable, Sendable, Equatable {
    public var id: String
    public var path: String
    public var title: String
    public var format: DocumentFormat
    public var contentHash: String
    public var byteCount: Int
    public var status: DocumentStatus
    public var error: String?
    public var chunkCount: Int
    public var tokenCount: Int
    public var createdAt: String
    public var updatedAt: String

    /// The id of the document stored for `path`: `doc-` and the first 32 hex digits of its SHA-256.
    public static func id(forPath path: String) -> String {
        "doc-" + SHA256.hash(data: Data(path.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// A chunk as stored, for `documents show` and citations.
public struct StoredChunk: Codable, Sendable, Equatable {
    public var id: String
    public var order: Int
    public var tokenCount: Int
    public var headingPath: [String]
    public var startOffset: Int
    public var endOffset: Int
    public var text: String
}

/// Counts over the whole store, for `rhizome status`.
public struct StoreStatistics: Codable, Sendable, Equatable {
    public var documents: Int
    /// Documents per status; every status is present, zero when none.
    public var documentsByStatus: [String: Int]
    public var chunks: Int
    public var tokens: Int
    public var bytes: Int
    public var entities: Int
    public var relations: Int
    public var settings: StoreSettings
}
