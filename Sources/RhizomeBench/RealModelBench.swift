import Foundation
import Rhizome

/// Extraction by a real model server, measured on real chunks (English and Korean example documents):
/// valid records per chunk by one rule for every system, answers cut short, output tokens and seconds per
/// chunk, with schema-constrained answers on and off. A peer's records over the same chunks (written by
/// `Examples/bench/lightrag_extract.py`) are scored by the same rule.
enum RealModelBench {
    struct BenchChunk: Codable {
        var id: String
        var language: String
        var path: String
        var title: String
        var headingPath: [String]
        var text: String
    }

    /// Sources of the chunks, in order; the first chunks of each document are taken until `count`.
    static let sources = [
        ("en", "Examples/documents/sqlite-history.dbk.xml"), ("en", "Examples/documents/libffi-introduction.html"),
        ("en", "Examples/documents/graph-rag-overview.jats.xml"), ("en", "Examples/documents/zlib-how.html"),
        ("en", "Examples/documents/debian-users-and-groups.html"), ("en", "Examples/documents/walden-economy.tei.xml"),
        ("ko", "Examples/eval/ko/documents/debian-faq/contributing.ko.html"),
        ("ko", "Examples/eval/ko/documents/debian-faq/basic-defs.ko.html"),
        ("ko", "Examples/eval/ko/documents/debian-faq/choosing.ko.html"),
        ("ko", "Examples/eval/ko/documents/gnome-help/disk-repair.page"),
        ("ko", "Examples/eval/ko/documents/gnome-help/files-hidden.page"),
        ("ko", "Examples/eval/ko/documents/debian-faq/support.ko.html"),
    ]

    /// The first chunk of each source document (1200-token chunks, as a default store makes them).
    static func chunks(tokenizer: any Tokenizer) throws -> [BenchChunk] {
        let readers = DocumentReaders()
        let chunker = try Chunker(tokenizer: tokenizer)
        return try sources.compactMap { language, path in
            let document = try readers.read(fileAt: URL(fileURLWithPath: path), sourcePath: path)
            guard let chunk = chunker.chunks(of: document, documentID: path).first else { return nil }
            return BenchChunk(id: "\(language)-\(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)",
                              language: language, path: path, title: document.title, headingPath: chunk.headingPath,
                              text: chunk.text)
        }
    }

    static func run(url: URL, chunksFile: String?, scoreFile: String?, modelGiven: Bool, tokenizer: any Tokenizer, folder: URL) async throws {
        let chunks = try chunks(tokenizer: tokenizer)
        let texts = Dictionary(uniqueKeysWithValues: chunks.map { ($0.id, $0.text) })
        if let chunksFile {
            let lines = try chunks.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            try (lines.joined(separator: "\n") + "\n").write(toFile: chunksFile, atomically: true, encoding: .utf8)
            print("wrote \(chunks.count) chunks to \(chunksFile)")
        }
        if let scoreFile {
            let records = try String(contentsOfFile: scoreFile, encoding: .utf8).split(separator: "\n")
                .map { try JSONDecoder().decode(ChunkRecords.self, from: Data($0.utf8)) }
            printFigures("records in \(URL(fileURLWithPath: scoreFile).lastPathComponent)", records, texts: texts)
        }
        guard modelGiven else { return }
        print("real model at \(url.absoluteString): \(chunks.count) chunks (\(chunks.filter { $0.language == "en" }.count) English, "
              + "\(chunks.filter { $0.language == "ko" }.count) Korean), one at a time, gleaning 0")
        let providers = try await Providers.resolve(ProviderFlags(llm: "openai", llmBaseURL: url.absoluteString, concurrency: 1, timeout: 900),
                                                    environment: ProcessInfo.processInfo.environment, tokenizer: tokenizer)
        guard let model = providers.languageModel else { return }
        for structured in [true, false] {
            let store = try KnowledgeBackends.open(path: folder.appendingPathComponent("real-model-\(structured).sqlite").path, createIfMissing: true,
                                        request: StoreSettingsRequest(tokenizer: tokenizer.name))
            let counter = ModelCallCounter()
            let extractor = ModelExtractor(model: CachedLanguageModel(model: model, cache: store, counter: counter), gleaning: 0,
                                           structured: structured)
            var records: [ChunkRecords] = []
            for chunk in chunks {
                records.append(await extract(chunk, with: extractor, counter: counter))
            }
            printFigures("rhizome, structured \(structured ? "on " : "off")", records, texts: texts)
            if let chunksFile {
                let path = chunksFile + ".rhizome-structured-\(structured ? "on" : "off").jsonl"
                let lines = try records.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
                try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
    }

    private static func extract(_ chunk: BenchChunk, with extractor: ModelExtractor, counter: ModelCallCounter) async -> ChunkRecords {
        let clock = ContinuousClock()
        let start = clock.now
        let tokensBefore = counter.tokens.output
        do {
            let result = try await extractor.extract(ExtractionInput(text: chunk.text, headingPath: chunk.headingPath,
                                                                     documentTitle: chunk.title))
            return ChunkRecords(id: chunk.id, entities: result.entities.map { .init(name: $0.name, type: $0.type) },
                                relations: result.relations.map { .init(source: $0.source, target: $0.target) },
                                dropped: result.droppedRecords, truncated: result.truncated,
                                outputTokens: counter.tokens.output - tokensBefore, seconds: (clock.now - start).seconds)
        } catch {
            return ChunkRecords(id: chunk.id, entities: [], relations: [], outputTokens: counter.tokens.output - tokensBefore,
                                seconds: (clock.now - start).seconds, error: "\(error)")
        }
    }

    static func printFigures(_ label: String, _ records: [ChunkRecords], texts: [String: String]) {
        for (language, prefix) in [("all", ""), ("English", "en-"), ("Korean", "ko-")] {
            let subset = records.filter { $0.id.hasPrefix(prefix) }
            let score = ExtractionScore.score(subset, texts: texts)
            guard score.chunks > 0 else { continue }
            print(String(format: "  %@, %@: %d chunks, %.0f%% with a valid entity, %.1f valid records per chunk (%d entities, %d relations), "
                         + "%d invalid, %d dropped, %d cut short, %d failed, %.0f output tokens and %.1f s per chunk (slowest %.1f s)",
                         label, language, score.chunks, score.shareWithEntity * 100, score.validRecordsPerChunk, score.validEntities,
                         score.validRelations, score.invalidRecords, score.droppedRecords, score.truncatedAnswers, score.failedChunks,
                         Double(score.outputTokens) / Double(score.chunks), score.seconds / Double(score.chunks), score.slowestSeconds))
        }
    }
}
