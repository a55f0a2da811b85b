import ArgumentParser

/// `rhizome`: a graph-based RAG knowledge store for folders of HTML and XML documents.
@main
struct RhizomeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rhizome",
        abstract: "Build a knowledge store from HTML and XML documents, in one SQLite file.",
        discussion: """
            The store is ./rhizome.sqlite unless --store or RHIZOME_STORE says otherwise.
            RHIZOME_LOG_LEVEL=debug|info|warning|error sends diagnostics to standard error.
            """,
        version: "0.1.0",
        subcommands: [IngestCommand.self, QueryCommand.self, ExportCommand.self, ImportCommand.self, StatusCommand.self, DocumentsCommand.self, GraphCommand.self, EntityCommand.self, RelationCommand.self, CacheCommand.self,
                      ReindexCommand.self])

    /// Sets up logging once, then runs the parsed subcommand as ArgumentParser would.
    static func main() async {
        CommandLogging.bootstrap()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
