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
    @Option(name: .long, help: ArgumentHelp("Refuse a larger file or stream (default 1GB).", valueName: "size"))
    var maxFileSize = "1GB"

    func validate() throws {
        if parseByteSize(maxFileSize) == nil { throw ValidationError("--max-file-size: cannot read '\(maxFileSize)' as a size") }
    }

    func run() async throws {
        let limit = parseByteSize(maxFileSize) ?? 1 << 30
        let data: Data
        do {
            data = try BoundedInput.read(file == "-" ? FileHandle.standardInput : FileHandle(forReadingFrom: URL(fileURLWithPath: file)),
                                         limit: limit)
        } catch let error as BoundedInput.TooLarge {
            throw CommandError(description: "\(file): more than \(Output.bytes(error.limit)) (--max-file-size)")
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
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
        let knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer) { $0.createIfMissing = true }
        let progress = ProgressLine(enabled: !json)
        let report = try await knowledgeBase.importGraph(graph, name: file == "-" ? "stdin" : URL(fileURLWithPath: file).lastPathComponent) { count in
            progress.update("embedding: \(Output.grouped(count)) vectors")
        }
        progress.finish()
        if json { return try Output.printJSON(report) }
        let entity = { (count: Int) in Output.count(count, "entity", plural: "entities") }
        print("Imported \(entity(graph.entities.count)) and \(Output.count(graph.relations.count, "relation")) from \(file): "
              + "\(entity(report.entities)) and \(Output.count(report.relations, "relation")) written, "
              + "\(Output.count(report.documents, "document")) with \(Output.count(report.chunks, "chunk")) stored, "
              + "\(Output.count(report.keptFields, "field")) kept as stated, \(Output.count(report.embedded, "vector")) computed.")
    }
}
