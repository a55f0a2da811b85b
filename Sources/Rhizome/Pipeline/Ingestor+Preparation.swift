extension Ingestor {
    /// A source after the concurrent part of the work.
    enum PreparedSource: Sendable {
        case done(IngestOutcome)
        case ready(ExtractedDocument)
        case duplicate(PendingAlias)
        case failed(path: String, id: String, format: DocumentFormat, hash: String, reason: String)
        /// The model server cannot serve any document (unreachable, or it refused the key or the model):
        /// the ingest stops instead of failing every document the same way.
        case stopped(path: String, id: String, format: DocumentFormat, hash: String, reason: String)
    }

    /// A file with the same bytes as another: recorded as another path of the original's document.
    struct PendingAlias: Sendable {
        var path: String
        var originalPath: String
        var contentHash: String
    }

    /// Loads, reads, chunks and extracts one source (everything that can run concurrently).
    /// - Parameter duplicateOf: the stored path of an earlier file in the batch with the same bytes.
    /// - Parameter chunkExtracted: called after each chunk the extractor finished.
    func prepare(_ source: IngestSource, duplicateOf original: String?,
                 chunkExtracted: @escaping @Sendable () -> Void = {}) async -> (PreparedSource, Int) {
        let path = source.storedPath
        let id = StoredDocument.id(forPath: path)
        let bytes: [UInt8]
        let forcedFormat: DocumentFormat?
        do {
            switch source {
            case .file(let file):
                bytes = try readers.load(fileAt: file.url)
                forcedFormat = nil
            case .bytes(let data, _, let format):
                bytes = data
                forcedFormat = format
            }
        } catch {
            return (.failed(path: path, id: id, format: .text, hash: "", reason: error.description), 0)
        }
        let hash = DocumentReaders.contentHash(of: bytes)
        let format = forcedFormat ?? DocumentReaders.detectFormat(path: path, bytes: bytes)
        do {
            if let known = try await knownOutcome(path: path, hash: hash, duplicateOf: original) { return (known, bytes.count) }
            let earlier = try await store.fingerprint(ofPath: path)
            if let earlier, earlier.contentHash == hash, earlier.status == .processed {
                return (.done(IngestOutcome(path: path, status: .unchanged)), bytes.count)
            }
            let document = try readers.read(bytes, sourcePath: path, format: format)
            let chunks = chunker.chunks(of: document, documentID: id)
            try await store.markProcessing(path: path, id: id, format: format, contentHash: hash)
            let extracted = try await ChunkExtractionStage(store: store, extractor: extractor)
                .extract(document: document, chunks: chunks, chunkExtracted: chunkExtracted)
            return (.ready(ExtractedDocument(document: document, id: id, chunks: chunks, extractions: extracted.all,
                                             fresh: extracted.fresh, wasProcessed: earlier?.status == .processed)),
                    bytes.count)
        } catch let error as ReadingError {
            return (.failed(path: path, id: id, format: format, hash: hash, reason: error.description), bytes.count)
        } catch let error as ProviderError where error.stopsTheRun {
            return (.stopped(path: path, id: id, format: format, hash: hash, reason: error.description), bytes.count)
        } catch let error where StoreError.isCancellation(error) {
            return (.stopped(path: path, id: id, format: format, hash: hash, reason: "not finished: the ingest stopped"), bytes.count)
        } catch {
            return (.failed(path: path, id: id, format: format, hash: hash, reason: "\(error)"), bytes.count)
        }
    }

    /// The outcome decided by the path's alias or by identical bytes elsewhere, before any reading:
    /// an alias still equal to its document is unchanged; a file repeating another becomes an alias.
    private func knownOutcome(path: String, hash: String, duplicateOf original: String?) async throws -> PreparedSource? {
        if let alias = try await store.alias(ofPath: path) {
            if alias.isValid, alias.contentHash == hash {
                return .done(IngestOutcome(path: path, status: .unchanged, duplicateOf: alias.documentPath))
            }
            _ = try await store.removeAlias(path: path)
        }
        if let original { return .duplicate(PendingAlias(path: path, originalPath: original, contentHash: hash)) }
        let earlier = try await store.fingerprint(ofPath: path)
        if earlier?.contentHash == hash, earlier?.status == .processed { return nil }
        if let twin = try await store.processedDocument(withContentHash: hash, otherThan: path) {
            return .duplicate(PendingAlias(path: path, originalPath: twin.path, contentHash: hash))
        }
        return nil
    }

    /// Commits a prepared source (one at a time), or records its failure.
    func merge(_ prepared: PreparedSource) async -> IngestOutcome {
        switch prepared {
        case .done(let outcome):
            return outcome
        case .duplicate(let alias):
            return await record(alias) ?? .failure(alias.path, "same bytes as \(alias.originalPath), which changed meanwhile")
        case .stopped(let path, let id, let format, let hash, let reason):
            await recordFailure(path: path, id: id, format: format, hash: hash, reason: reason)
            return .failure(path, reason)
        case .failed(let path, let id, let format, let hash, let reason):
            await recordFailure(path: path, id: id, format: format, hash: hash, reason: reason)
            return .failure(path, reason)
        case .ready(let ready):
            do {
                try await updater.replace(ready.document, id: ready.id, chunks: ready.chunks,
                                          extractions: ready.extractions, fresh: ready.fresh)
                return ready.outcome
            } catch {
                let reason = "\(error)"
                await recordFailure(path: ready.document.sourcePath, id: ready.id, format: ready.document.format,
                              hash: ready.document.contentHash, reason: reason)
                return .failure(ready.document.sourcePath, reason)
            }
        }
    }

    /// Records a duplicate as another path of its original's document, once that is stored with the
    /// same bytes; a document stored earlier under the duplicate's own path is removed first. Nil when
    /// the original now holds other bytes (it changed in this batch): the file is then read on its own.
    func record(_ alias: PendingAlias) async -> IngestOutcome? {
        do {
            guard let original = try await store.fingerprint(ofPath: alias.originalPath) else { return nil }
            if original.status == .failed {
                let reason = (try? await store.document(alias.originalPath))?.error
                return .failure(alias.path, "same bytes as \(alias.originalPath), which could not be stored"
                    + (reason.map { ": \($0)" } ?? ""))
            }
            guard original.status == .processed, original.contentHash == alias.contentHash else { return nil }
            if let own = try await store.fingerprint(ofPath: alias.path) { try await updater.delete(documentID: own.id) }
            try await store.recordAlias(path: alias.path, ofDocument: original.id, contentHash: alias.contentHash)
            return IngestOutcome(path: alias.path, status: .duplicate, duplicateOf: alias.originalPath)
        } catch {
            return .failure(alias.path, "\(error)")
        }
    }

    /// Failures are recorded so `status` shows them and the next ingest retries them; a store error
    /// here is not worth failing the batch over (the outcome already says what went wrong).
    func recordFailure(path: String, id: String, format: DocumentFormat, hash: String, reason: String) async {
        do {
            try await store.recordFailure(path: path, id: id, format: format, contentHash: hash, reason: reason)
        } catch {
            logger.warning("could not record the failure of \(path) in the store: \(error)")
        }
    }
}
