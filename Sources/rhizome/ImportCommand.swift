import ArgumentParser
import Foundation
import Rhizome

/// `rhizome import FILE`: merge a graph (Rhizome's JSON or JSON Lines export, or the same shape written by
/// hand) into the store.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Merge a graph file into the store, as if its facts had been extracted (one transaction).",
        discussion: """
            Reads Rhizome's JSON or JSON Lines export ({"nodes", "edges", "chunks"}) or the same written by hand
            ({"entities": [{"name", "type", "description", "aliases", "chunks"}], "relations": [{"source", "target",
            "keywords", "description", "chunks"}], "chunks": [{"id", "text", "document"}]}). Facts without a chunk are
            cited as lines of a document called import/FILE-NAME. `export --with-text` then `import` into an empty
            store gives back the same export.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Models") var models: ModelOptions
    @Argument(help: ArgumentHelp("A .json or .jsonl graph file, or - for standard input.", valueName: "file")) var file: String
    @Flag(name: .long, help: "Print the report as JSON (Schemas/import-report.schema.json).") var json = false

    func run() async throws {
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            Output.printError(ImportError.unreadable("\(file): \(error.localizedDescription)").description)
            throw ExitCode(1)
        }
        let graph: ImportFile
        do { graph = try ImportFile.parse(data) } catch {
            Output.printError("\(file): \(error)")
            throw ExitCode(1)
        }
        let tokenizer = try O200kTokenizer()
        let providers = try await models.providers(tokenizer: tokenizer)
        let store = try SQLiteStore(path: storeOptions.storePath, mode: .createIfMissing, request: StoreSettingsRequest(
            tokenizer: tokenizer.name, embedding: providers.embeddingSettings))
        let importer = GraphImporter(store: store, merger: .assemble(store: store, providers: providers, tokenizer: tokenizer),
                                     tokenizer: tokenizer)
        var report = try await importer.importGraph(graph, name: file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent)
        report.embedded = try await EmbeddingIndexer(store: store, model: providers.embedding).embedPending().values.reduce(0, +)
        if json { return try Output.printJSON(report) }
        print("Imported \(Output.grouped(graph.entities.count)) entities and \(Output.grouped(graph.relations.count)) relations from \(file): "
              + "\(Output.grouped(report.entities)) entities and \(Output.grouped(report.relations)) relations written, "
              + "\(report.documents) document\(report.documents == 1 ? "" : "s") with \(Output.grouped(report.chunks)) chunks stored, "
              + "\(report.keptFields) field\(report.keptFields == 1 ? "" : "s") kept as stated, \(Output.grouped(report.embedded)) vectors computed.")
    }
}
