import ArgumentParser
import Foundation
import Rhizome

/// `rhizome-bench`: prints throughput figures for the work that does not depend on a model.
@main
struct RhizomeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rhizome-bench",
        abstract: "Print Rhizome's throughput and latency figures on synthetic corpora (0 skips a part).",
        discussion: "Run a release build: swift run -c release rhizome-bench. RHIZOME_BENCH_KEEP=1 keeps the stores.")

    @Option(help: "Synthetic documents to read, chunk and store.") var documents = 500
    @Option(help: "Sections per synthetic document.") var sections = 6
    @Option(name: .customLong("model-documents"), help: "Documents ingested through the built-in zero-latency model server.")
    var modelDocuments = 300
    @Option(help: ArgumentHelp("Graph sizes for the merge and query benchmarks, comma-separated.", valueName: "n,n,…"))
    var entities = "1000,10000,100000"
    @Option(name: .customLong("export-entities"), help: "Entities of the export benchmark's store.") var exportEntities = 100_000
    @Option(name: .customLong("real-model"), help: ArgumentHelp("Only measure extraction by the OpenAI-compatible server at this URL (with /v1) on real example chunks.", valueName: "url"))
    var realModel: String?
    @Option(name: .customLong("chunks-out"), help: ArgumentHelp("With --real-model or --score: write the chunks (JSON lines) here, for a peer to extract.", valueName: "path"))
    var chunksOut: String?
    @Option(name: .customLong("http"), help: ArgumentHelp("Only measure queries through rhizome serve on a synthetic store of this many entities (quiet, then during an ingest).", valueName: "entities"))
    var http: Int?
    @Option(name: .customLong("http-clients"), help: "Concurrent HTTP clients for --http.") var httpClients = 8
    @Option(name: .customLong("http-seconds"), help: "Seconds of quiet load for --http.") var httpSeconds = 10.0
    @Option(name: .customLong("names"), help: ArgumentHelp("Only score the offline extractor against hand-labelled names (Examples/eval/names/names.jsonl).", valueName: "path"))
    var names: String?
    @Option(name: .customLong("score"), help: ArgumentHelp("Score a peer's extraction records (JSON lines) over the same chunks by the same rule.", valueName: "path"))
    var score: String?

    func validate() throws {
        if entityCounts == nil { throw ValidationError("--entities takes numbers separated by commas, not '\(entities)'") }
        if let realModel, URL(string: realModel)?.host == nil { throw ValidationError("--real-model needs a URL like http://127.0.0.1:8080/v1") }
    }

    var entityCounts: [Int]? {
        let counts = entities.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        return counts.contains(nil) ? nil : counts.compactMap { $0 }
    }

    func run() async throws {
        if let http {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-bench-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { if ProcessInfo.processInfo.environment["RHIZOME_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(at: folder) } }
            return try await HTTPBench.run(entities: http, clients: httpClients, seconds: httpSeconds, tokenizer: try O200kTokenizer(), folder: folder)
        }
        if let names { return try NameBench.run(names, verbose: ProcessInfo.processInfo.environment["RHIZOME_BENCH_VERBOSE"] != nil) }
        if realModel != nil || score != nil || chunksOut != nil {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-bench-\(ProcessInfo.processInfo.processIdentifier)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            return try await RealModelBench.run(url: URL(string: realModel ?? "http://127.0.0.1:8080/v1")!, chunksFile: chunksOut,
                                                scoreFile: score, modelGiven: realModel != nil, tokenizer: try O200kTokenizer(), folder: folder)
        }
        try await Self.measure(self)
    }

    private static func measure(_ options: RhizomeBench) async throws {
        let documentCount = options.documents
        let sections = options.sections
        let modelDocuments = options.modelDocuments
        let entityCounts = options.entityCounts ?? []

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-bench-\(ProcessInfo.processInfo.processIdentifier)")
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        // RHIZOME_BENCH_KEEP=1 keeps the generated stores for inspection.
        defer { if ProcessInfo.processInfo.environment["RHIZOME_BENCH_KEEP"] == nil { try? FileManager.default.removeItem(at: folder) } }

        let clock = ContinuousClock()
        var loadStart = clock.now
        let tokenizer = try O200kTokenizer()
        let loadSeconds = (clock.now - loadStart).seconds

        var generator = CorpusGenerator()
        let corpusBytes = try generator.write(count: documentCount, sections: sections, into: corpus)
        print("Rhizome benchmark — \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(String(format: "corpus: %d documents (HTML + DocBook), %.1f MB", documentCount, Double(corpusBytes) / 1_048_576))

        // Tokenizer, single-threaded, on English-like prose and on real example documents when present.
        let prose = generator.prose(megabytes: 4)
        report("tokenizer (synthetic prose)", bytes: prose.utf8.count, tokens: measureTokenizer(tokenizer, prose))
        if let examples = exampleText(), !examples.isEmpty {
            report("tokenizer (Examples/ text)", bytes: examples.utf8.count, tokens: measureTokenizer(tokenizer, examples))
        }
        print(String(format: "tokenizer vocabulary load: %.0f ms", loadSeconds * 1000))

        // Read + chunk + store, all cores.
        let providers = Providers.offline(tokenizer: tokenizer)
        let store = try KnowledgeBackends.open(path: folder.appendingPathComponent("bench.sqlite").path, createIfMissing: true,
                                    request: StoreSettingsRequest(tokenizer: tokenizer.name, embedding: providers.embeddingSettings))
        let ingestor = try await Ingestor.assemble(store: store, providers: providers, tokenizer: tokenizer)
        let files = SourceDiscovery(storeDirectory: folder).files(in: [corpus.path]).files
        let first = await ingestor.ingest(files.map(IngestSource.file))
        print(String(format: "offline ingest (read+chunk+heuristic extraction+merge+embed+store): %.2f s, %.1f MB/s, %.0f documents/s, %.0f chunks/s, %d chunks, %d tokens, %d failed",
                     first.seconds, Double(first.bytesRead) / 1_048_576 / first.seconds, Double(files.count) / first.seconds,
                     Double(first.chunks) / first.seconds, first.chunks, first.tokens, first.failed))
        loadStart = clock.now
        let second = await ingestor.ingest(files.map(IngestSource.file))
        print(String(format: "re-ingest, nothing changed: %.2f s (%d unchanged, hashing only)",
                     (clock.now - loadStart).seconds, second.unchanged))
        print(String(format: "peak memory so far (max RSS): %.0f MB", peakMemoryMegabytes()))

        try await GraphBench.modelThroughput(documents: modelDocuments, tokenizer: tokenizer, folder: folder)
        try await GraphBench.scaling(entityCounts: entityCounts, tokenizer: tokenizer, folder: folder)
        let exportEntities = options.exportEntities
        if exportEntities > 0 { try await ExportBench.run(entities: exportEntities, tokenizer: tokenizer, folder: folder) }
        print(String(format: "peak memory (max RSS): %.0f MB", peakMemoryMegabytes()))
    }

    static func measureTokenizer(_ tokenizer: O200kTokenizer, _ text: String) -> (seconds: Double, tokens: Int) {
        let clock = ContinuousClock()
        var best = Double.infinity
        var tokens = 0
        for _ in 0..<3 {
            let start = clock.now
            tokens = tokenizer.encode(text).tokens.count
            best = min(best, (clock.now - start).seconds)
        }
        return (best, tokens)
    }

    static func report(_ label: String, bytes: Int, tokens: (seconds: Double, tokens: Int)) {
        print(String(format: "%@: %.1f MB/s, %.2f M tokens/s (%.1f MB, best of 3, one thread)", label,
                     Double(bytes) / 1_048_576 / tokens.seconds, Double(tokens.tokens) / 1e6 / tokens.seconds,
                     Double(bytes) / 1_048_576))
    }

    /// The text of the bundled example documents, repeated to about 4 MB, when run from the repository.
    static func exampleText() -> String? {
        let folder = URL(fileURLWithPath: "Examples/documents")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return nil }
        let readers = DocumentReaders()
        let text = names.sorted().compactMap { name in
            try? readers.read(fileAt: folder.appendingPathComponent(name), sourcePath: name).text
        }.joined(separator: "\n\n")
        guard !text.isEmpty else { return nil }
        return String(repeating: text + "\n\n", count: max(1, 4_194_304 / text.utf8.count))
    }

    static func peakMemoryMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
