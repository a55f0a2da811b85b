import ArgumentParser
import Foundation
import Rhizome

/// `rhizome export`: the graph, or part of it, in the formats graph tools read.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export the graph or a subgraph as GraphML, JSON, JSON Lines, DOT, CSV, Cypher or Mermaid.")

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var models: ModelOptions

    @Option(name: .long, help: "graphml, json (default), jsonl, dot, csv, cypher or mermaid.") var format = "json"
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file (a directory for csv); default standard output.", valueName: "path"))
    var output: String?
    @Option(name: .long, help: "Only the neighbourhood of this entity (name or alias).") var entity: String?
    @Option(name: .long, help: "Hops from --entity.") var depth = 2
    @Option(name: .customLong("max-nodes"), help: "At most this many entities around --entity.") var maxNodes = 500
    @Option(name: .long, help: "Only what this question retrieves.") var query: String?
    @Option(name: .long, help: "Retrieval mode for --query.") var mode = "mix"
    @Option(name: .long, help: ArgumentHelp("Only what has provenance in this document (path as given to ingest, stored path, id, or a folder).", valueName: "path|id")) var document: String?
    @Option(name: .long, help: "Only entities of this type (repeatable).") var type: [String] = []
    @Option(name: .customLong("min-weight"), help: "Only relations supported by at least this many chunks.") var minWeight: Double = 0
    @Flag(name: .customLong("with-text"), help: "json/jsonl: add the text of every cited chunk, so `rhizome import` rebuilds the sources exactly.")
    var withText = false

    func validate() throws {
        if [entity, query, document].compactMap({ $0 }).count > 1 { throw ValidationError("choose one of --entity, --query, --document") }
        if withText, !["json", "jsonl"].contains(format) { throw ValidationError("--with-text needs --format json or jsonl") }
        guard ExportFormat(rawValue: format.lowercased()) != nil else { throw ValidationError(ExportError.unknownFormat(format).description) }
        if depth < 0 || maxNodes < 1 { throw ValidationError("--depth must be 0 or more and --max-nodes at least 1") }
        if QueryMode(rawValue: mode.lowercased()) == nil { throw ValidationError(QueryError.unknownMode(mode).description) }
    }

    func run() async throws {
        // A query needs the models the store was built with; the other selections need none.
        var knowledgeBase: KnowledgeBase?
        if query != nil {
            let tokenizer = try O200kTokenizer()
            let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
            knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer)
        }
        let store = try knowledgeBase?.stored ?? storeOptions.openExisting()
        var selection: GraphSelection
        do {
            if let entity {
                selection = try await store.selection(around: entity, depth: depth, maxNodes: maxNodes)
            } else if let document {
                // A folder selects what all its documents have provenance in.
                selection = try await store.selection(ofDocuments: try store.locate(document, allowingFolders: true))
            } else if let query, let knowledgeBase {
                selection = try await knowledgeBase.selection(retrievedFor: QueryRequest(query: query, mode: QueryMode(rawValue: mode.lowercased())!))
            } else {
                selection = GraphSelection()
            }
        } catch ExportError.unknownEntity(let name) {
            throw await CommandAdvice.unknownEntity(name, in: store)
        } catch let error as ExportError {
            throw CommandError(description: error.description)
        } catch let error as QueryError {
            throw CommandError(description: CommandAdvice.line(for: error))
        }
        selection.types = type.isEmpty ? nil : Set(type)
        selection.minWeight = minWeight
        let progress = ProgressLine(enabled: true)
        let counts = try await store.export(selection, to: try writer(), withText: withText) { nodes, edges in
            progress.update("exporting: \(Output.grouped(nodes)) entities, \(Output.grouped(edges)) relations")
        }
        progress.finish()
        if let note = selection.note { Output.printError("note: \(note)") }
        if output != nil { Output.printError("Exported \(Output.count(counts.nodes, "entity", plural: "entities")) and \(Output.count(counts.edges, "relation")).") }
    }

    private func writer() throws -> any GraphWriter {
        let format = ExportFormat(rawValue: format.lowercased())!
        func sink() throws -> TextSink { try output.map { try TextSink(path: $0) } ?? TextSink(handle: .standardOutput) }
        guard format == .csv else { return format.writer(into: try sink())! }
        guard let output else { throw CommandError(description: ExportError.needsDirectory("csv").description) }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        return CSVGraphWriter(nodes: try TextSink(path: output + "/nodes.csv"), edges: try TextSink(path: output + "/edges.csv"))
    }
}
