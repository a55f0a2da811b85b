import Foundation

extension KnowledgeBase {
    // MARK: Changes (one at a time, each followed by the vectors it left pending)

    /// Ingests `sources` (after every change asked for earlier), reporting progress after each one;
    /// `pruning` are stored paths whose files are gone, removed first.
    public func ingest(_ sources: [IngestSource], pruning: [String] = [],
                       progress: @escaping @Sendable (IngestProgress) -> Void = { _ in }) async throws -> IngestReport {
        let ingestor = try await writableIngestor()
        let (store, providers) = (self.store, self.providers)
        return try await writer.run {
            let pruned = pruning.isEmpty ? [] : await ingestor.prune(pruning)
            let report = await ingestor.ingest(sources, progress: progress).adding(pruned)
            if report.succeeded || report.added + report.updated > 0 { try await store.rememberProviders(providers.choices) }
            return report
        }
    }

    /// Removes the document stored under this path or id (not one of its other paths).
    public func delete(storedDocument pathOrID: String) async throws -> StoredDocument {
        try await delete(LocatedDocument(document: try store.document(pathOrID), alias: nil))
    }

    /// Removes a located document and what only it supported; found under another path of an identical
    /// file, only that path is forgotten.
    public func delete(_ located: LocatedDocument) async throws -> StoredDocument {
        let ingestor = try await writableIngestor()
        return try await writer.run { try await ingestor.delete(located) }
    }

    /// Runs a graph edit (rename, merge, edit, delete) after every change asked for earlier; the report
    /// counts the vectors it recomputed.
    public func edit(_ change: @escaping @Sendable (GraphEditor) async throws -> EditReport) async throws -> EditReport {
        guard !store.isReadOnly else { throw StoreError.readOnly(path: store.path) }
        let editor = GraphEditor(store: store, merger: merger())
        let indexer = EmbeddingIndexer(store: store, model: providers.embedding)
        return try await writer.run {
            var report = try await change(editor)
            report.embedded = try await indexer.embedPending().values.reduce(0, +)
            return report
        }
    }

    /// Imports a graph file (`name` names the document holding facts without a chunk), then embeds it.
    public func importGraph(_ file: ImportFile, name: String,
                            progress: @escaping @Sendable (_ embedded: Int) -> Void = { _ in }) async throws -> ImportReport {
        guard !store.isReadOnly else { throw StoreError.readOnly(path: store.path) }
        let importer = GraphImporter(store: store, merger: merger(), tokenizer: tokenizer)
        let indexer = EmbeddingIndexer(store: store, model: providers.embedding)
        return try await writer.run {
            var report = try await importer.importGraph(file, name: name)
            report.embedded = try await indexer.embedPending(progress: progress).values.reduce(0, +)
            return report
        }
    }

    /// Re-embeds every entity, relation and chunk with this knowledge base's embedding model and records
    /// it; an interrupted run goes on from the vectors it had computed.
    public func reembedEverything(progress: @escaping @Sendable (ReembeddingProgress) -> Void = { _ in }) async throws -> ReembeddingProgress {
        guard !store.isReadOnly else { throw StoreError.readOnly(path: store.path) }
        let (store, providers) = (self.store, self.providers)
        return try await writer.run {
            let done = try await EmbeddingIndexer(store: store, model: providers.embedding)
                .reembedEverything(in: store, as: providers.embeddingSettings, progress: progress)
            try await store.rememberProviders(providers.choices)
            return done
        }
    }

    private func merger() -> GraphMerger {
        GraphMerger.assemble(store: store, providers: providers, tokenizer: tokenizer, language: options.extraction.language)
    }

    func writableIngestor() async throws -> Ingestor {
        guard !store.isReadOnly else { throw StoreError.readOnly(path: store.path) }
        if let ingestor = assembledIngestor.withLock({ $0 }) { return ingestor }
        // Assembling records the embedding model in the store; two callers at once record the same one.
        let assembled = try await Ingestor.assemble(store: store, providers: providers, tokenizer: tokenizer, readers: options.readers,
                                                    extraction: options.extraction, concurrency: options.concurrency)
        return assembledIngestor.withLock { ingestor in
            if let ingestor { return ingestor }
            ingestor = assembled
            return assembled
        }
    }
}
