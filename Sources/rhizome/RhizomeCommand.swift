import ArgumentParser
import Foundation
import Rhizome

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
        subcommands: [InitCommand.self, IngestCommand.self, QueryCommand.self, EvalCommand.self, ExportCommand.self, ImportCommand.self, StatusCommand.self, DocumentsCommand.self, GraphCommand.self, EntityCommand.self, RelationCommand.self, CacheCommand.self,
                      ReindexCommand.self, ServeCommand.self, MCPCommand.self])

    /// Sets up logging once, then runs the parsed subcommand as ArgumentParser would.
    static func main() async {
        do {
            try CommandLogging.bootstrap()
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CommandError {
            Output.printError("Error: \(error.description)")
            Foundation.exit(error.exitCode)
        } catch let error as StoreError {
            Output.printError("Error: \(CommandAdvice.line(for: error))")
            Foundation.exit(1)
        } catch {
            exit(withError: error)
        }
    }
}
