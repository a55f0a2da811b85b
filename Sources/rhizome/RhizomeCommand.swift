import ArgumentParser

/// `rhizome`: a graph-based RAG knowledge store for folders of HTML and XML documents.
@main
struct RhizomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rhizome",
        abstract: "Build a knowledge store from HTML and XML documents, in one SQLite file.",
        discussion: "The store is ./rhizome.sqlite unless --store or RHIZOME_STORE says otherwise.",
        version: "0.1.0",
        subcommands: [IngestCommand.self, StatusCommand.self, DocumentsCommand.self])
}
