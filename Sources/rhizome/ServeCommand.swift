import ArgumentParser
import Foundation
import Logging
import Rhizome
import RhizomeServer

/// `rhizome serve`: the store over HTTP (REST, server-sent events, Ollama's chat API).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the store over HTTP: REST with /openapi.json, streamed answers, Ollama's /api/chat.",
        discussion: """
            Binds 127.0.0.1 unless --host says otherwise; any other address needs an API key (--api-key or
            RHIZOME_API_KEY), which every request must then send as `Authorization: Bearer KEY` or `X-API-Key`.
            Uploaded files are kept as uploads/NAME in the store's folder; only those and --scan-folder are read from disk.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Models") var models: ModelOptions
    @OptionGroup(title: "Extraction") var extraction: ExtractionOptions

    @Option(name: .long, help: "Address to bind.") var host = "127.0.0.1"
    @Option(name: .long, help: "Port (0: any free one; the one bound is printed).") var port = 9621
    @Option(name: .long, help: ArgumentHelp("Key every request must send (env RHIZOME_API_KEY).", valueName: "key"))
    var apiKey: String?
    @Option(name: .long, help: ArgumentHelp("The one folder POST /documents/scan ingests.", valueName: "dir"))
    var scanFolder: String?
    @Option(name: .long, help: ArgumentHelp("Largest upload (e.g. 50MB).", valueName: "size")) var maxUploadSize = "50MB"

    func validate() throws {
        if !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
        if parseByteSize(maxUploadSize) == nil { throw ValidationError("--max-upload-size: cannot read '\(maxUploadSize)' as a size") }
    }

    func run() async throws {
        let settings = try serverSettings()
        do { try settings.validate() } catch {
            throw CommandError(description: "\(error): pass --api-key KEY (or set RHIZOME_API_KEY), or bind 127.0.0.1", exitCode: 64)
        }
        let knowledgeBase = try await openKnowledgeBase()
        let label = knowledgeBase.generatorLabel == "extractive" ? "offline: extractive answers" : "answers by \(knowledgeBase.generatorLabel)"
        try await RhizomeServer(knowledgeBase: knowledgeBase, settings: settings).run { port in
            Output.printError("Serving \(knowledgeBase.path) at http://\(settings.host):\(port) (\(label)); "
                              + "API at /openapi.json. Ctrl-C stops.")
        }
    }

    private func serverSettings() throws -> ServerSettings {
        var scan: URL?
        if let scanFolder {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: scanFolder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError(description: "--scan-folder \(scanFolder) is not a folder")
            }
            scan = URL(fileURLWithPath: scanFolder).standardizedFileURL.resolvingSymlinksInPath()
        }
        return ServerSettings(host: host, port: port, apiKey: apiKey ?? ProcessInfo.processInfo.environment["RHIZOME_API_KEY"],
                              scanFolder: scan, maxUploadBytes: parseByteSize(maxUploadSize) ?? 50 << 20)
    }

    /// The store (created when missing, so a new server can take uploads) with its models, as `ingest` would.
    private func openKnowledgeBase() async throws -> KnowledgeBase {
        let storePath = storeOptions.storePath
        let tokenizer = try O200kTokenizer()
        let file = try SettingsFile.load(from: SettingsFile.url(forStore: storePath))
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storePath, file: file)
        let given = extraction.given.filled(from: file?.ingest ?? IngestDefaults())
        let options = KnowledgeBase.Options(
            storePath: storePath, createIfMissing: true, chunkTokens: given.chunkTokens, chunkOverlap: given.chunkOverlap,
            extraction: ExtractionSettings(gleaning: given.gleaning ?? 1, entityTypes: given.entityTypes ?? ModelExtractor.defaultEntityTypes,
                                           language: given.language ?? LanguageGuess.automatic),
            concurrency: max(models.concurrency ?? 8, ProcessInfo.processInfo.activeProcessorCount))
        let knowledgeBase = try await KnowledgeBase.open(options, providers: providers, tokenizer: tokenizer,
                                                         structured: try StructuredOutputMode(setting: given.structured))
        StoreOptions.announce(upgrades: knowledgeBase.stored.upgrades, of: knowledgeBase.path)
        return knowledgeBase
    }
}
