/// What an ingest would do, worked out without parsing, extracting or writing anything (`--dry-run`).
public struct IngestPlan: Codable, Sendable, Equatable {
    /// What would happen to one path.
    public struct Entry: Codable, Sendable, Equatable {
        public enum Action: String, Codable, Sendable {
            /// New path: read, chunked, extracted, stored.
            case add
            /// Stored path with new bytes: diffed at chunk level.
            case update
            /// Same path, same bytes: skipped.
            case unchanged
            /// Same bytes as another file or stored document: recorded as another path of it.
            case duplicate
            /// The stored document's file is gone: deleted with `prune`, else only reported.
            case remove
            /// The file cannot be loaded (too large, unreadable).
            case fail
        }

        public var path: String
        public var action: Action
        /// For a duplicate, the path whose document holds the same bytes; for a failure, the reason.
        public var detail: String?
    }

    public var entries: [Entry]
    public var skipped: [SkippedSource]

    public func count(_ action: Entry.Action) -> Int { entries.count { $0.action == action } }
}

/// Works out an `IngestPlan` from file hashes and what the store (if there is one yet) holds.
public struct IngestPlanner: Sendable {
    public let store: (any DocumentStore & DocumentAliasStore)?
    public let readers: DocumentReaders

    public init(store: (any DocumentStore & DocumentAliasStore)?, readers: DocumentReaders) {
        self.store = store
        self.readers = readers
    }

    /// The plan for `discovered`; `vanished` are stored paths whose files are gone.
    public func plan(_ discovered: DiscoveredSources, vanished: [String]) async throws(StoreError) -> IngestPlan {
        let originals = DuplicateFiles.originals(among: discovered.files)
        var entries: [IngestPlan.Entry] = []
        for file in discovered.files {
            let path = file.storedPath
            if let original = originals[path] {
                entries.append(.init(path: path, action: .duplicate, detail: original))
                continue
            }
            let bytes: [UInt8]
            do { bytes = try readers.load(fileAt: file.url) } catch {
                entries.append(.init(path: path, action: .fail, detail: error.description))
                continue
            }
            let hash = DocumentReaders.contentHash(of: bytes)
            entries.append(try await entry(path: path, hash: hash))
        }
        entries += vanished.map { IngestPlan.Entry(path: $0, action: .remove, detail: nil) }
        return IngestPlan(entries: entries.sorted { $0.path < $1.path }, skipped: discovered.skipped)
    }

    private func entry(path: String, hash: String) async throws(StoreError) -> IngestPlan.Entry {
        guard let store else {
            return .init(path: path, action: .add, detail: nil)
        }
        if let alias = try await store.alias(ofPath: path), alias.isValid, alias.contentHash == hash {
            return .init(path: path, action: .unchanged, detail: alias.documentPath)
        }
        let earlier = try await store.fingerprint(ofPath: path)
        if let earlier, earlier.contentHash == hash, earlier.status == .processed {
            return .init(path: path, action: .unchanged, detail: nil)
        }
        if let twin = try await store.processedDocument(withContentHash: hash, otherThan: path) {
            return .init(path: path, action: .duplicate, detail: twin.path)
        }
        return .init(path: path, action: earlier?.status == .processed ? .update : .add, detail: nil)
    }
}
