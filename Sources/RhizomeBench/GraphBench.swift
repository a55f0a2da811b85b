import Foundation
import ModelServerDouble
import Rhizome

/// Benchmarks of the model-facing part of ingest, against the scripted model server (zero latency), so the
/// figures show Rhizome's own cost per chunk and per document.
enum GraphBench {
    /// Chunks per second through read + chunk + extraction (over HTTP) + merge + embedding.
    static func modelThroughput(documents: Int, tokenizer: O200kTokenizer, folder: URL) async throws {
        var generator = CorpusGenerator(seed: 0xBEEF)
        let corpus = folder.appendingPathComponent("model-corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        _ = try generator.write(count: documents, sections: 3, into: corpus)
        let model = ScriptedModel()
        let server = try HTTPServer(pieceInterval: 0) { model.respond(to: $0) }
        defer { server.stop() }
        let store = try KnowledgeBackends.open(path: folder.appendingPathComponent("model.sqlite").path, createIfMissing: true,
                                    request: StoreSettingsRequest(tokenizer: tokenizer.name))
        let counter = ModelCallCounter()
        let ingestor = try await Ingestor.assemble(store: store, providers: providers(server, tokenizer), tokenizer: tokenizer,
                                             concurrency: 8, counter: counter)
        let files = SourceDiscovery(storeDirectory: folder).files(in: [corpus.path]).files
        let report = await ingestor.ingest(files.map(IngestSource.file))
        let statistics = try await store.statistics()
        print(String(format: "model ingest (zero-latency OpenAI-protocol server, gleaning 1, 8 calls in flight): %d documents, "
                     + "%d chunks in %.2f s = %.0f chunks/s; %.2f model calls per chunk; graph %d entities, %d relations",
                     documents, report.chunks, report.seconds, Double(report.chunks) / report.seconds,
                     Double(report.modelCalls) / Double(max(1, report.chunks)), statistics.entities, statistics.relations))
    }

    /// Time to ingest one new document into stores of growing size: it should not grow with the store.
    static func scaling(entityCounts: [Int], tokenizer: O200kTokenizer, folder: URL) async throws {
        let model = ScriptedModel()
        let server = try HTTPServer(pieceInterval: 0) { model.respond(to: $0) }
        defer { server.stop() }
        for entities in entityCounts {
            let store = try KnowledgeBackends.open(path: folder.appendingPathComponent("scale-\(entities).sqlite").path, createIfMissing: true,
                                        request: StoreSettingsRequest(tokenizer: tokenizer.name))
            let clock = ContinuousClock()
            let buildStart = clock.now
            try await buildSyntheticGraph(entities: entities, store: store, tokenizer: tokenizer)
            let buildSeconds = (clock.now - buildStart).seconds
            let ingestor = try await Ingestor.assemble(store: store, providers: providers(server, tokenizer), tokenizer: tokenizer)
            var times: [Double] = []
            for trial in 0..<5 {
                let text = "# New document \(trial)\n\n" + (0..<6).map { paragraph in
                    "Entity \(paragraph * 37 % entities) works with Entity \((paragraph * 91 + trial) % entities) and Newcomer \(trial)x\(paragraph). "
                        + "The Newcomer \(trial)x\(paragraph) project started in Oslo."
                }.joined(separator: "\n\n")
                let start = clock.now
                let report = await ingestor.ingest([.bytes(Array(text.utf8), storedPath: "new-\(trial).md", format: .markdown)])
                times.append((clock.now - start).seconds)
                guard report.failed == 0 else { throw ProviderError.configuration(report.outcomes.first?.error ?? "failed") }
            }
            times.sort()
            let statistics = try await store.statistics()
            print(String(format: "one new document into a store of %d entities / %d relations: median %.1f ms, best %.1f ms "
                         + "(store built in %.1f s)", statistics.entities, statistics.relations, times[2] * 1000, times[0] * 1000,
                         buildSeconds))
            try await QueryBench.latency(store: store, entities: entities, tokenizer: tokenizer)
            try QueryBench.coldLatency(storePath: store.path, entities: entities)
        }
    }

    private static func providers(_ server: HTTPServer, _ tokenizer: O200kTokenizer) -> Providers {
        Providers(languageModel: OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "scripted",
                                                        apiKey: nil, limiter: ConcurrencyLimiter(limit: 8)),
                  embedding: HashedNgramEmbedding(tokenizer: tokenizer))
    }

    /// A graph of `entities` entities made directly from synthetic extractions: documents of 10 chunks, each
    /// chunk naming 10 new entities plus two earlier ones (so documents interlink), each linked to the next
    /// `reach` names of its chunk (reach 1: about 1.1 relations per entity; reach 3: about 3).
    static func buildSyntheticGraph(entities: Int, reach: Int = 1, store: any KnowledgeBackend, tokenizer: O200kTokenizer) async throws {
        let updater = GraphUpdater(store: store, merger: GraphMerger(summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: tokenizer))))
        var next = 0
        var document = 0
        while next < entities {
            let path = "synthetic/\(document).txt"
            let id = StoredDocument.id(forPath: path)
            var chunks: [Chunk] = []
            var extractions: [String: ChunkExtraction] = [:]
            var offset = 0
            for order in 0..<10 where next < entities {
                var names = (0..<10).map { "Entity \(next + $0)" }.filter { Int($0.dropFirst(7))! < entities }
                next += names.count
                if next > 20 { names += ["Entity \((next * 7919) % (next - 10))", "Entity \((next * 104_729) % (next - 10))"] }
                let text = names.map { "\($0) is part of synthetic chunk \(order) of document \(document)." }.joined(separator: " ")
                let chunk = Chunk(id: "chunk-synthetic-\(document)-\(order)", documentID: id, order: order, text: text,
                                  tokenCount: tokenizer.count(text), headingPath: [], startOffset: offset,
                                  endOffset: offset + text.unicodeScalars.count)
                offset += text.unicodeScalars.count + 2
                chunks.append(chunk)
                extractions[chunk.id] = ChunkExtraction(
                    entities: names.map { ExtractedEntity(name: $0, type: "concept", description: "\($0) appears in document \(document).") },
                    relations: (1...reach).flatMap { step in
                        zip(names, names.dropFirst(step)).map {
                            ExtractedRelation(source: $0, target: $1, keywords: ["linked"], description: "\($0) links to \($1).")
                        }
                    })
            }
            let text = chunks.map(\.text).joined(separator: "\n\n")
            let source = Document(sourcePath: path, title: "Synthetic \(document)", format: .text, contentHash: "\(document)",
                                  byteCount: text.utf8.count, blocks: [Block(kind: .paragraph, text: text, headingPath: [])])
            try await updater.replace(source, id: id, chunks: chunks, extractions: extractions, fresh: [])
            document += 1
        }
        // Vectors for the base graph (the offline embedding, so queries have something real to search), so
        // the measured ingest embeds only what it brings.
        let embedding = HashedNgramEmbedding(tokenizer: tokenizer)
        for target in EmbeddingTarget.allCases {
            while true {
                let pending = try await store.pendingEmbeddings(target, limit: 20_000)
                if pending.isEmpty { break }
                try await store.saveEmbeddings(pending.map { ($0, embedding.vector($0.text)) })
            }
        }
    }
}
