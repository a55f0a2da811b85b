import Foundation

/// One store file without its models: what reading, inspecting, exporting and looking after it needs.
/// `KnowledgeBase` adds the models that write and question it; a command that only reads opens this.
public final class StoredKnowledge: Sendable {
    let store: any KnowledgeBackend

    init(store: any KnowledgeBackend) { self.store = store }

    /// Opens the store at `path`, creating it when asked, and checks its settings against `request` (a
    /// new store takes the request's chunk sizes; an existing one keeps its own).
    public static func open(path: String, createIfMissing: Bool = false,
                            request: StoreSettingsRequest = StoreSettingsRequest(tokenizer: O200kTokenizer.encodingName))
        throws(StoreError) -> StoredKnowledge {
        StoredKnowledge(store: try KnowledgeBackends.open(path: path, createIfMissing: createIfMissing, request: request))
    }

    /// The models the store at `path` was last written with; empty when there is no readable store.
    public static func rememberedProviders(atPath path: String) -> ProviderFlags { KnowledgeBackends.rememberedProviders(atPath: path) }

    /// The store file.
    public var path: String { store.path }
    public var isReadOnly: Bool { store.isReadOnly }
    /// Migrations opening the store applied (`v6`: the full-text indexes were rebuilt).
    public var upgrades: [String] { store.upgrades }
    /// Tokenizer, chunk sizes and embedding model the store was made with.
    public var settings: StoreSettings { store.settings }

    /// How paths of files map to the paths documents are stored under (relative to the store's folder).
    public var discovery: SourceDiscovery {
        SourceDiscovery(storeDirectory: URL(fileURLWithPath: store.path).deletingLastPathComponent())
    }

    // MARK: Documents

    public func documents() async throws(StoreError) -> [StoredDocument] { try await store.documents() }

    /// One document by its stored path or id exactly (no file-system spelling: what a remote client may name).
    public func storedDocument(_ pathOrID: String) async throws(StoreError) -> StoredDocument { try await store.document(pathOrID) }

    /// The documents a user's spelling of a path names (see `DocumentLocator`); with `allowingFolders`
    /// a folder names every document below it.
    public func locate(_ typed: String, discovery: SourceDiscovery? = nil, allowingFolders: Bool = false) async throws(StoreError) -> [LocatedDocument] {
        try await DocumentLocator(store: store, discovery: discovery ?? self.discovery).documents(typed, allowingFolders: allowingFolders)
    }

    /// Other paths of identical files stored as this document.
    public func otherPaths(ofDocument id: String) async throws(StoreError) -> [String] { try await store.aliases(ofDocument: id) }

    public func chunks(ofDocument id: String) async throws(StoreError) -> [StoredChunk] { try await store.chunks(ofDocument: id) }

    /// The text a document's chunk offsets point into.
    public func text(ofDocument id: String) async throws(StoreError) -> String { try await store.text(ofDocument: id) }

    public func statistics() async throws(StoreError) -> StoreStatistics { try await store.statistics() }

    /// Stored paths under the folders given to an ingest (`prefixes`) whose files are gone.
    public func vanishedPaths(under prefixes: [String], discovery: SourceDiscovery) async throws(StoreError) -> [String] {
        try await VanishedFiles.paths(in: store, under: prefixes, discovery: discovery)
    }

    /// What ingesting `discovered` would do, without reading more than fingerprints.
    public func plan(_ discovered: DiscoveredSources, readers: DocumentReaders, vanished: [String]) async throws(StoreError) -> IngestPlan {
        try await IngestPlanner(store: store, readers: readers).plan(discovered, vanished: vanished)
    }

    // MARK: Models and the cache

    /// The models the store was last written with.
    public func rememberedProviders() async throws(StoreError) -> ProviderFlags { try await store.rememberedProviders() }

    /// Records the models later commands use without flags.
    public func rememberProviders(_ choices: ProviderFlags) async throws(StoreError) { try await store.rememberProviders(choices) }

    public func cacheStatistics() async throws(StoreError) -> CacheStatistics { try await store.cacheStatistics() }

    /// Forgets cached model answers (of one kind, or all); returns how many.
    public func clearCache(kind: String? = nil) async throws(StoreError) -> Int { try await store.clearCache(kind: kind) }
}
