import ArgumentParser
import Rhizome

/// `rhizome documents list|show|delete`.
struct DocumentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents", abstract: "List, show or delete stored documents.",
        subcommands: [List.self, Show.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List documents with status, chunks and title.")

        @OptionGroup var storeOptions: StoreOptions
        @Option(name: .long, help: "Only documents with this status (pending, processing, processed, failed).")
        var status: String?
        @Flag(name: .long, help: "Print JSON (Schemas/documents.schema.json).") var json = false

        func validate() throws {
            if let status, DocumentStatus(rawValue: status) == nil { throw ValidationError("unknown status '\(status)'") }
        }

        func run() async throws {
            let documents = try await storeOptions.openExisting().documents()
                .filter { status == nil || $0.status.rawValue == status }
            if json { return try Output.printJSON(documents) }
            for document in documents {
                let detail = document.status == .failed ? (document.error ?? "") : document.title
                print("\(document.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) "
                      + "\(String(document.chunkCount).leftPadded(to: 6)) \(document.chunkCount == 1 ? "chunk " : "chunks")  \(document.path)  \(detail)")
            }
            print(Output.count(documents.count, "document"))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one document (by path or id) and its chunks.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("The document's path (as given to ingest, or as stored) or id.", valueName: "path-or-id"))
        var document: String
        @Flag(name: .long, help: "Include each chunk's full text.") var text = false
        @Flag(name: .long, help: "Print JSON (Schemas/document.schema.json).") var json = false

        /// The `--json` shape.
        struct Report: Codable {
            var document: StoredDocument
            /// Other paths of identical files stored as this document.
            var otherPaths: [String]
            var chunks: [StoredChunk]
        }

        func run() async throws {
            let store = try storeOptions.openExisting()
            let document = try await store.locate(self.document)[0].document
            let otherPaths = try await store.otherPaths(ofDocument: document.id)
            var chunks = try await store.chunks(ofDocument: document.id)
            if json {
                if !text { chunks = chunks.map { var chunk = $0; chunk.text = ""; return chunk } }
                return try Output.printJSON(Report(document: document, otherPaths: otherPaths, chunks: chunks))
            }
            print("""
                \(document.title)
                  path:    \(document.path)\(otherPaths.isEmpty ? "" : "\n  also at: \(otherPaths.joined(separator: ", "))")
                  id:      \(document.id)
                  format:  \(document.format.rawValue), \(Output.bytes(document.byteCount)), sha256 \(document.contentHash)
                  status:  \(document.status.rawValue)\(document.error.map { " (\($0))" } ?? "")
                  chunks:  \(document.chunkCount) (\(Output.count(document.tokenCount, "token")))
                  updated: \(document.updatedAt)
                """)
            for chunk in chunks {
                let path = chunk.headingPath.isEmpty ? "" : "  " + chunk.headingPath.joined(separator: " › ")
                print("  #\(chunk.order)  \(Output.count(chunk.tokenCount, "token"))  characters \(chunk.startOffset)–\(chunk.endOffset)\(path)")
                if text { print(chunk.text.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }.joined(separator: "\n")) }
            }
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a document (by path or id), or every document under a folder, and everything derived from it.")

        @OptionGroup var storeOptions: StoreOptions
        @Argument(help: ArgumentHelp("A document's path (as given to ingest, or as stored) or id, or a folder.",
                                     valueName: "path-or-id"))
        var document: String
        @Flag(name: .long, help: "Print the deleted documents as JSON (Schemas/documents.schema.json).") var json = false
        @OptionGroup(title: "Models") var models: ModelOptions

        func run() async throws {
            let tokenizer = try O200kTokenizer()
            let providers = try await models.providers(tokenizer: tokenizer, storePath: storeOptions.storePath)
            let knowledgeBase = try await storeOptions.openKnowledgeBase(providers: providers, tokenizer: tokenizer)
            var deleted: [StoredDocument] = []
            for item in try await knowledgeBase.stored.locate(document, allowingFolders: true) {
                deleted.append(try await knowledgeBase.delete(item))
                if json { continue }
                if let alias = item.alias {
                    print("Forgot \(alias), another path of \(item.document.path) (the document stays).")
                } else {
                    print("Deleted \(item.document.path) (\(Output.count(item.document.chunkCount, "chunk"))).")
                }
            }
            if json { return try Output.printJSON(deleted) }
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
