import Foundation

/// What a front end shows of the graph: counts, the best-connected items, one entity with its relations,
/// entity search and neighbourhoods.
public protocol GraphInspectionStore: Sendable {
    func graphStatistics() async throws(StoreError) -> GraphStatistics
    func topEntities(limit: Int) async throws(StoreError) -> [EntitySummary]
    func topRelations(limit: Int) async throws(StoreError) -> [RelationSummary]
    /// The entity called `name` (key or alias, any case), nil when none is.
    func entityDetails(named name: String) async throws(StoreError) -> EntityDetails?
    /// Entities whose name or alias matches `text`, best first.
    func searchEntities(_ text: String, limit: Int) async throws(StoreError) -> [EntitySummary]
    /// The entities within `depth` hops of `name` (at most `limit`), nil when there is no such entity.
    func neighbourhood(of name: String, depth: Int, limit: Int) async throws -> [EntitySummary]?
}

/// The store as a file with a history: where it is, whether it can be written, the models it was used
/// with, and its cache of model answers.
public protocol StoreFileRecords: Sendable {
    var path: String { get }
    var isReadOnly: Bool { get }
    /// Migrations opening the store applied.
    var upgrades: [String] { get }
    /// Records `embedding` as the store's embedding model if it has none yet; refuses a different one.
    func adoptEmbedding(_ embedding: EmbeddingSettings) async throws(StoreError)
    func rememberedProviders() async throws(StoreError) -> ProviderFlags
    func rememberProviders(_ choices: ProviderFlags) async throws(StoreError)
    func cacheStatistics() async throws(StoreError) -> CacheStatistics
    /// Removes cached answers (of one kind, or all); returns how many.
    func clearCache(kind: String?) async throws(StoreError) -> Int
}

/// Everything the library's façade needs of a store: the seams of ingest, query, export, re-embedding
/// and inspection. `SQLiteStore` is the one implementation; the façade names only this.
public typealias KnowledgeBackend = KnowledgeStore & ExportStore & QueryStore & ReembeddingStore & GraphInspectionStore
    & StoreFileRecords

extension SQLiteStore: GraphInspectionStore, StoreFileRecords {}

/// Where the façade's stores come from: the one place that chooses the implementation.
public enum KnowledgeBackends {
    /// Opens (or creates) the store file at `path` and checks its settings against `request`.
    public static func open(path: String, createIfMissing: Bool, request: StoreSettingsRequest) throws(StoreError) -> any KnowledgeBackend {
        try SQLiteStore(path: path, mode: createIfMissing ? .createIfMissing : .existingOnly, request: request)
    }

    /// The models the store at `path` was last written with; empty when there is no readable store.
    public static func rememberedProviders(atPath path: String) -> ProviderFlags { SQLiteStore.rememberedProviders(atPath: path) }
}
