/// A stored document found for what a user typed, and the other path it was found under, if any.
public struct LocatedDocument: Sendable, Equatable {
    public var document: StoredDocument
    /// The alias path the document was found under (a copy of its file stored once).
    public var alias: String?
}

/// Finds stored documents the way a user names them: by id, by the stored path, or by any spelling of
/// the file's path that `ingest` would have stored it under (absolute, relative to the current
/// directory, with `./` or `..`), including the other paths of identical files; a folder names every
/// document below it. Unknown names fail with the nearest stored paths.
public struct DocumentLocator: Sendable {
    public let store: any DocumentStore & DocumentAliasStore
    public let discovery: SourceDiscovery

    public init(store: any DocumentStore & DocumentAliasStore, discovery: SourceDiscovery) {
        self.store = store
        self.discovery = discovery
    }

    /// The one document `typed` names.
    public func document(_ typed: String) async throws(StoreError) -> LocatedDocument {
        let found = try await documents(typed, allowingFolders: false)
        return found[0]
    }

    /// The documents `typed` names: one, or with `allowingFolders` every document under a folder.
    public func documents(_ typed: String, allowingFolders: Bool) async throws(StoreError) -> [LocatedDocument] {
        let resolved = discovery.storedPath(forTyped: typed)
        for candidate in [typed, resolved] {
            if let document = try? await store.document(candidate) { return [LocatedDocument(document: document, alias: nil)] }
            if let alias = try await store.alias(ofPath: candidate), let document = try? await store.document(alias.documentID) {
                return [LocatedDocument(document: document, alias: alias.path)]
            }
        }
        let all = try await store.documents()
        if allowingFolders {
            let prefix = SourceDiscovery.directoryPrefix(resolved)
            let below = all.filter { $0.path.hasPrefix(prefix) }
            if !below.isEmpty { return below.map { LocatedDocument(document: $0, alias: nil) } }
        }
        throw .documentNotFound(typed, nearest: Self.nearest(to: resolved, among: all.map(\.path)))
    }

    /// Up to three stored paths most like `path`: same file name first, then the fewest edits.
    static func nearest(to path: String, among paths: [String]) -> [String] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let limit = max(8, name.count * 3) * 4
        var scored: [(path: String, distance: Int)] = []
        for candidate in paths {
            let candidateName = candidate.split(separator: "/").last.map(String.init) ?? candidate
            let distance: Int = EditDistance.between(name, candidateName) * 4 + EditDistance.between(path, candidate)
            if distance <= limit { scored.append((candidate, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.path < $1.path }
        return scored.prefix(3).map(\.path)
    }
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
