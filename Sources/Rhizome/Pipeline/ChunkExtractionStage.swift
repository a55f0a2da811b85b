/// A document whose chunks all have their extraction records, waiting to be merged.
struct ExtractedDocument: Sendable {
    let document: Document
    let id: String
    let chunks: [Chunk]
    let extractions: [String: ChunkExtraction]
    let fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]
    let wasProcessed: Bool

    var outcome: IngestOutcome {
        let all = chunks.compactMap { extractions[$0.id] }
        return IngestOutcome(path: document.sourcePath, status: wasProcessed ? .updated : .added, chunks: chunks.count,
                             tokens: chunks.reduce(0) { $0 + $1.tokenCount },
                             entities: Set(all.flatMap { $0.entities.map { EntityKey.of($0.name) } }).count,
                             relations: Set(all.flatMap { $0.relations.map { EntityKey.pair($0.source, $0.target) } }).count,
                             extracted: fresh.count, droppedRecords: fresh.reduce(0) { $0 + $1.extraction.droppedRecords },
                             truncatedAnswers: fresh.count { $0.extraction.truncated }, warnings: document.warnings + emptyAnswers)
    }

    /// A model answer that held no record is said, not stored as a silent chunk with 0 entities.
    private var emptyAnswers: [String] {
        let empty = fresh.count { $0.extractor.hasPrefix("model:") && $0.extraction.entities.isEmpty && $0.extraction.relations.isEmpty }
        guard empty > 0 else { return [] }
        return ["\(empty) of \(fresh.count) chunk\(fresh.count == 1 ? "" : "s"): the model's answer held no entity or relation"]
    }
}

/// Gets the records of every chunk of a document: stored ones (same extractor) are reused, the others are
/// extracted concurrently. Any chunk failing fails the document; answers already received stay cached.
struct ChunkExtractionStage: Sendable {
    let store: any GraphStore
    let extractor: any Extractor

    func extract(document: Document, chunks: [Chunk], chunkExtracted: @escaping @Sendable () -> Void = {}) async throws
        -> (all: [String: ChunkExtraction], fresh: [(chunkID: String, extractor: String, extraction: ChunkExtraction)]) {
        var all = try await store.storedExtractions(chunkIDs: chunks.map(\.id), extractor: extractor.fingerprint)
        let missing = chunks.filter { all[$0.id] == nil }
        let fingerprint = extractor.fingerprint
        let fresh = try await withThrowingTaskGroup(of: (String, ChunkExtraction).self) { group in
            for chunk in missing {
                let input = ExtractionInput(text: chunk.text, headingPath: chunk.headingPath, documentTitle: document.title)
                group.addTask {
                    let extraction = try await extractor.extract(input)
                    chunkExtracted()
                    return (chunk.id, extraction)
                }
            }
            var results: [(String, ChunkExtraction)] = []
            for try await result in group { results.append(result) }
            return results
        }
        for (id, extraction) in fresh { all[id] = extraction }
        let order = Dictionary(uniqueKeysWithValues: chunks.enumerated().map { ($1.id, $0) })
        return (all, fresh.sorted { order[$0.0]! < order[$1.0]! }.map { (chunkID: $0.0, extractor: fingerprint, extraction: $0.1) })
    }
}
