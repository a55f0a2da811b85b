import ArgumentParser
import Foundation
import Rhizome

/// `rhizome ingest PATH…`: read, chunk and store documents, incrementally.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add or update documents (files, directories, or - for standard input).",
        discussion: """
            Unchanged files (same path and content) are skipped; changed files replace their earlier version;
            a file that cannot be read is reported and the rest go on. Exit status 0 when every file succeeded.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("Files, directories (recursive), or - for standard input.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("Only files matching this glob (repeatable); default: known extensions.", valueName: "glob"))
    var include: [String] = []

    @Option(name: .long, help: ArgumentHelp("Skip files matching this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .long, help: "Format of standard input: html, xml, text or markdown (default: sniffed).")
    var format: String?

    @Option(name: .long, help: ArgumentHelp("Path recorded for standard input.", valueName: "path"))
    var stdinPath = "stdin"

    @Option(name: .long, help: ArgumentHelp("Refuse files larger than this (e.g. 50MB, 512k).", valueName: "size"))
    var maxFileSize = "50MB"

    @Option(name: .long, help: "Tokens per chunk (fixed when the store is created; default 1200).")
    var chunkTokens: Int?

    @Option(name: .long, help: "Tokens shared by consecutive chunks (fixed when the store is created; default 100).")
    var chunkOverlap: Int?

    @OptionGroup(title: "Models") var models: ModelOptions

    @Option(name: .long, help: "Extra extraction passes asking the model for what it missed (default 1).")
    var gleaning = 1

    @Option(name: .long, help: ArgumentHelp("Entity types offered to the model, comma-separated.", valueName: "types"))
    var entityTypes: String?

    @Option(name: .long, help: "Language of extracted descriptions and summaries (default English).")
    var language = "English"

    @Flag(name: .long, help: "Print the report as JSON (Schemas/ingest-report.schema.json).")
    var json = false

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    func validate() throws {
        if let format, DocumentFormat(rawValue: format) == nil {
            throw ValidationError("--format must be html, xml, text or markdown, not '\(format)'")
        }
        if parseByteSize(maxFileSize) == nil { throw ValidationError("--max-file-size: cannot read '\(maxFileSize)' as a size") }
        if let chunkTokens, let chunkOverlap, chunkOverlap >= chunkTokens {
            throw ValidationError("--chunk-overlap (\(chunkOverlap)) must be smaller than --chunk-tokens (\(chunkTokens))")
        }
        if gleaning < 0 { throw ValidationError("--gleaning cannot be negative") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
    }

    func run() async throws {
        let tokenizer = try O200kTokenizer()
        let storePath = storeOptions.storePath
        let providers = try await models.providers(tokenizer: tokenizer)
        let store = try SQLiteStore(path: storePath, mode: .createIfMissing, request: StoreSettingsRequest(
            tokenizer: tokenizer.name, maxTokens: chunkTokens, overlapTokens: chunkOverlap,
            embedding: providers.embeddingSettings))
        let types = entityTypes.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let ingestor = try Ingestor.assemble(
            store: store, providers: providers, tokenizer: tokenizer,
            readers: DocumentReaders(maxFileSize: parseByteSize(maxFileSize) ?? DocumentReaders.defaultMaxFileSize),
            extraction: ExtractionSettings(gleaning: gleaning, entityTypes: types ?? ModelExtractor.defaultEntityTypes,
                                           language: language),
            concurrency: max(models.concurrency, ProcessInfo.processInfo.activeProcessorCount))

        let discovery = SourceDiscovery(include: include, exclude: exclude,
                                        storeDirectory: URL(fileURLWithPath: storePath).deletingLastPathComponent())
        let (files, problems) = discovery.files(in: paths.filter { $0 != "-" })
        var sources = files.map(IngestSource.file)
        if paths.contains("-") {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            sources.append(.bytes(bytes, storedPath: stdinPath, format: format.flatMap(DocumentFormat.init)))
        }
        let showProgress = !quiet && !json && Output.standardErrorIsTerminal
        let report = await ingestor.ingest(sources) { progress in
            if showProgress { IngestProgressLine.draw(progress) }
        }.adding(problems.map { IngestOutcome.failure($0.path, $0.reason) })
        if showProgress { IngestProgressLine.clear() }

        if json {
            try Output.printJSON(report)
        } else {
            for outcome in report.outcomes where outcome.status == .failed {
                Output.printError("failed: \(outcome.path): \(outcome.error ?? "unknown error")")
            }
            if let embeddingError = report.embeddingError { Output.printError("embedding failed: \(embeddingError)") }
            print(summary(report, storePath: storePath, store: store, providers: providers))
        }
        if !report.succeeded { throw ExitCode(1) }
    }

    private func summary(_ report: IngestReport, storePath: String, store: SQLiteStore, providers: Providers) -> String {
        let files = report.added + report.updated + report.unchanged + report.failed
        var line = "Ingested \(files) file\(files == 1 ? "" : "s"): \(report.added) added, \(report.updated) updated, "
            + "\(report.unchanged) unchanged, \(report.failed) failed; \(Output.grouped(report.chunks)) chunks, "
            + "\(Output.grouped(report.tokens)) tokens in \(String(format: "%.2f", report.seconds)) s."
        let extractor = providers.languageModel.map { "model \($0.descriptor.label)" } ?? "offline heuristic extractor (no model)"
        line += "\nExtraction: \(Output.grouped(report.extractedChunks)) chunks extracted by the \(extractor); "
            + "\(report.modelCalls) model calls, \(report.cacheHits) answered from the cache"
            + (report.droppedRecords > 0 ? ", \(report.droppedRecords) malformed records dropped" : "")
            + (report.truncatedAnswers > 0 ? ", \(report.truncatedAnswers) truncated answers" : "")
            + "; \(Output.grouped(report.embedded)) vectors embedded (\(providers.embedding.descriptor.label))."
        if let statistics = try? store.statistics() {
            line += "\nStore \(storePath): \(statistics.documentsByStatus["processed"] ?? 0) documents, "
                + "\(Output.grouped(statistics.chunks)) chunks, \(Output.grouped(statistics.entities)) entities, "
                + "\(Output.grouped(statistics.relations)) relations."
        }
        return line
    }
}

/// The one-line progress display: files done/total, chunks, rate and ETA, redrawn in place.
enum IngestProgressLine {
    static func draw(_ progress: IngestProgress) {
        let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let line = String(format: "\r[%d/%d files] %d chunks, %.1f files/s, %@/s, ETA %.0f s ",
                          progress.done, progress.total, progress.chunks, rate,
                          Output.bytes(Int(Double(progress.bytes) / max(progress.seconds, 0.001))), remaining)
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
