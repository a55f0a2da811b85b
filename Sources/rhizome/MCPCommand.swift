import ArgumentParser
import Foundation
import Logging
import Rhizome
import RhizomeMCP

/// `rhizome mcp`: a Model Context Protocol server on standard input and output.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp", abstract: "Serve the store to agents over the Model Context Protocol (stdio).",
        discussion: """
            Tools: query, search_entities, get_entity, neighbors, get_passage, list_documents, ingest; each
            processed document is a resource (rhizome://documents/ID). `ingest` reads only below --allow-root.
            Standard output carries the protocol; diagnostics go to standard error.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup(title: "Models") var models: ModelOptions
    @Option(name: .long, help: ArgumentHelp("The one folder the ingest tool may read.", valueName: "dir")) var allowRoot: String?

    func run() async throws {
        var root: URL?
        if let allowRoot {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: allowRoot, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandError(description: "--allow-root \(allowRoot) is not a folder")
            }
            root = URL(fileURLWithPath: allowRoot)
        }
        let tokenizer = try O200kTokenizer()
        let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
        let knowledgeBase = try await KnowledgeBase.open(.init(storePath: storeOptions.storePath, createIfMissing: root != nil),
                                                         providers: providers, tokenizer: tokenizer)
        StoreOptions.announce(upgrades: knowledgeBase.stored.upgrades, of: knowledgeBase.path)
        var logger = Logger(label: "rhizome.mcp")
        logger.logLevel = .warning
        try await RhizomeMCPServer(knowledgeBase: knowledgeBase, allowedRoot: root).runOverStandardIO(logger: logger)
    }
}
