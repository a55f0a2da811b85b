import Foundation

extension Ingestor {
    /// Removes a document (by path or id) and everything only it supported from the graph.
    public func delete(_ pathOrID: String) async throws -> StoredDocument {
        try await delete(LocatedDocument(document: try store.document(pathOrID), alias: nil))
    }

    /// Removes a located document and everything only it supported, then embeds the entities and
    /// relations whose descriptions changed; found under another path of an identical file, only that
    /// path is forgotten and the document stays.
    public func delete(_ located: LocatedDocument) async throws -> StoredDocument {
        if let alias = located.alias {
            _ = try await store.removeAlias(path: alias)
            return located.document
        }
        try await updater.delete(documentID: located.document.id)
        try await embedder?.embedPending()
        return located.document
    }

    /// Deletes the documents (or forgets the other paths) at `paths`, one outcome each.
    public func prune(_ paths: [String]) async -> [IngestOutcome] {
        var outcomes: [IngestOutcome] = []
        for path in paths {
            do {
                if try await store.removeAlias(path: path) {
                    outcomes.append(IngestOutcome(path: path, status: .removed))
                    continue
                }
                let document = try await store.document(path)
                try await updater.delete(documentID: document.id)
                outcomes.append(IngestOutcome(path: path, status: .removed, chunks: document.chunkCount))
            } catch {
                outcomes.append(.failure(path, "could not remove: \(error)"))
            }
        }
        return outcomes
    }
}

/// Stored paths whose files are gone.
public enum VanishedFiles {
    /// Stored documents and other paths under `prefixes` (stored-path prefixes of directories given to
    /// an ingest) whose files no longer exist, sorted.
    public static func paths(in store: any DocumentStore & DocumentAliasStore, under prefixes: [String],
                             discovery: SourceDiscovery) async throws(StoreError) -> [String] {
        guard !prefixes.isEmpty else { return [] }
        let documents = try await store.documents()
        var paths = documents.map(\.path)
        for document in documents { paths += try await store.aliases(ofDocument: document.id) }
        return paths.filter { path in
            prefixes.contains { path.hasPrefix($0) }
                && !FileManager.default.fileExists(atPath: discovery.fileURL(ofStored: path).path)
        }.sorted()
    }
}

extension SourceDiscovery {
    /// Where the file of a stored path lives: absolute paths as they are, others below the store's folder.
    public func fileURL(ofStored path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : storeDirectory.appendingPathComponent(path)
    }
}
