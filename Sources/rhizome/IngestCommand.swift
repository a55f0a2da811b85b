import ArgumentParser
import Foundation
import Logging
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

    @OptionGroup(title: "Models") var models: ModelOptions

    @OptionGroup(title: "Extraction") var extraction: ExtractionOptions

    @Flag(name: .long, help: "Print the report as JSON (Schemas/ingest-report.schema.json).")
    var json = false

    @Flag(name: .long, help: "No progress on standard error.")
    var quiet = false

    @Flag(name: .long, help: "Show what would be added, updated, skipped or removed, and change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Remove stored documents whose files vanished from the directories given.")
    var prune = false

    func validate() throws {
        if let format, DocumentFormat(rawValue: format) == nil {
            throw ValidationError("--format must be html, xml, text or markdown, not '\(format)'")
        }
        if parseByteSize(maxFileSize) == nil { throw ValidationError("--max-file-size: cannot read '\(maxFileSize)' as a size") }
        if paths.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
        if dryRun && paths.contains("-") { throw ValidationError("--dry-run cannot read standard input") }
    }

    func run() async throws {
        let storePath = storeOptions.storePath
        let discovery = SourceDiscovery(include: include, exclude: exclude,
                                        storeDirectory: URL(fileURLWithPath: storePath).deletingLastPathComponent())
        let found = discovery.files(in: paths.filter { $0 != "-" })
        if !found.missing.isEmpty {
            throw CommandError(description: "no such file or directory: \(found.missing.joined(separator: ", "))")
        }
        let readers = DocumentReaders(maxFileSize: parseByteSize(maxFileSize) ?? DocumentReaders.defaultMaxFileSize)
        if dryRun { return try await showPlan(found, discovery: discovery, readers: readers) }

        let tokenizer = try O200kTokenizer()
        let file = try SettingsFile.load(from: SettingsFile.url(forStore: storePath))
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storePath, file: file)
        // Chunk sizes from the file only shape a new store; an existing one keeps its own.
        var settings = extraction.given.filled(from: file?.ingest ?? IngestDefaults())
        if FileManager.default.fileExists(atPath: storePath) {
            (settings.chunkTokens, settings.chunkOverlap) = (extraction.chunkTokens, extraction.chunkOverlap)
        }
        let structured = providers.languageModel == nil ? StructuredOutputMode.off : try StructuredOutputMode(setting: settings.structured)
        let knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer, structured: structured) {
            $0.createIfMissing = true
            ($0.chunkTokens, $0.chunkOverlap, $0.readers) = (settings.chunkTokens, settings.chunkOverlap, readers)
            $0.extraction = ExtractionSettings(gleaning: settings.gleaning ?? 1,
                                               entityTypes: settings.entityTypes ?? ModelExtractor.defaultEntityTypes,
                                               language: settings.language ?? LanguageGuess.automatic)
            $0.concurrency = max(models.concurrency ?? 8, ProcessInfo.processInfo.activeProcessorCount)
        }
        let store = knowledgeBase.stored
        if providers.languageModel != nil, let problem = providers.contextProblem(chunkTokens: store.settings.chunking.maxTokens) {
            throw CommandError(description: "\(problem): start a new store with --chunk-tokens "
                + "\(max(64, ((providers.contextTokens ?? 0) - 900) / 3)), or give the server a larger context (llama.cpp -c)")
        }

        var sources = found.files.map(IngestSource.file)
        if paths.contains("-") {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            sources.append(.bytes(bytes, storedPath: stdinPath, format: format.flatMap(DocumentFormat.init)))
        }
        let vanished = try await store.vanishedPaths(under: found.directoryPrefixes, discovery: discovery)
        let progress = ProgressLine(enabled: !quiet && !json)
        // Later commands on this store use the same models without flags (the knowledge base records them).
        var report = try await knowledgeBase.ingest(sources, pruning: prune ? vanished : []) { progress.update(IngestProgressLine.text($0)) }
            .adding(found.problems.map { IngestOutcome.failure($0.path, $0.reason) })
        progress.finish()
        report.skipped = found.skipped
        report.vanished = prune ? [] : vanished

        if json {
            try Output.printJSON(report)
        } else {
            IngestSummary.printProblems(of: report)
            await print(IngestSummary.text(report, storePath: storePath, store: store, providers: providers))
        }
        Logger(label: "rhizome.ingest").info("peak resident memory \(CommandLogging.peakResidentBytes / 1_048_576) MB")
        if !report.succeeded { throw ExitCode(1) }
    }

    /// `--dry-run`: the plan against the store if there is one, without creating it.
    private func showPlan(_ found: DiscoveredSources, discovery: SourceDiscovery, readers: DocumentReaders) async throws {
        let storePath = storeOptions.storePath
        let store = FileManager.default.fileExists(atPath: storePath) ? try storeOptions.openExisting() : nil
        let plan = if let store {
            try await store.plan(found, readers: readers, vanished: try await store.vanishedPaths(under: found.directoryPrefixes, discovery: discovery))
        } else {
            try await IngestPlanner(store: nil, readers: readers).plan(found, vanished: [])
        }
        if json { return try Output.printJSON(plan) }
        IngestSummary.printPlan(plan, pruning: prune)
    }
}

/// The text of the ingest progress line: files done/total, chunks, rate and ETA.
enum IngestProgressLine {
    static func text(_ progress: IngestProgress) -> String {
        if let embedded = progress.embedded {
            return String(format: "[%d/%d files] embedding: %@ vectors, %.0f s", progress.done, progress.total,
                          Output.grouped(embedded), progress.seconds)
        }
        let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let line = String(format: "[%d/%d files] %d chunks extracted, %.1f files/s, %@/s, ETA %.0f s",
                          progress.done, progress.total, progress.extractedChunks, rate,
                          Output.bytes(Int(Double(progress.bytes) / max(progress.seconds, 0.001))), remaining)
        guard progress.modelOutputTokens > 0, progress.seconds > 0 else { return line }
        // A local model is the slow part: its speed and the time a chunk takes say what to expect.
        let perChunk = progress.extractedChunks > 0 ? String(format: ", %.0f s per chunk", progress.seconds / Double(progress.extractedChunks)) : ""
        return line + String(format: "; model %.1f tokens/s", Double(progress.modelOutputTokens) / progress.seconds) + perChunk
    }
}

extension StructuredOutputMode {
    /// `--structured` or `ingest.structured` from the settings file; nil is auto.
    init(setting: String?) throws {
        guard let mode = StructuredOutputMode(rawValue: setting ?? "auto") else {
            throw CommandError(description: "structured must be auto, on or off, not '\(setting ?? "")'")
        }
        self = mode
    }
}
