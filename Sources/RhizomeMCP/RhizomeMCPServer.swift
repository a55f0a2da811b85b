import Foundation
import Logging
import MCP
import Rhizome

/// `rhizome mcp` (stdio) and `/mcp` under `rhizome serve` (streamable HTTP): the knowledge base's tools and its
/// documents as resources, for agents.
public struct RhizomeMCPServer: Sendable {
    public let knowledgeBase: KnowledgeBase
    /// The only folder the `ingest` tool may read (nil: the tool refuses every call).
    public let allowedRoot: URL?

    public init(knowledgeBase: KnowledgeBase, allowedRoot: URL?) {
        self.knowledgeBase = knowledgeBase
        self.allowedRoot = allowedRoot?.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Serves on standard input and output until the client disconnects.
    public func runOverStandardIO(logger: Logger) async throws {
        let server = await makeServer()
        try await server.start(transport: StdioTransport(logger: logger))
        await server.waitUntilCompleted()
    }

    /// The server behind MCP's streamable-HTTP transport, for `/mcp` under `rhizome serve`.
    public func startOverHTTP(loopbackOnly: Bool, logger: Logger) async throws -> MCPHTTPEndpoint {
        try await MCPHTTPEndpoint.start(server: await makeServer(), loopbackOnly: loopbackOnly, logger: logger)
    }

    private func makeServer() async -> Server {
        let server = Server(name: "rhizome", version: "0.1.0", title: "Rhizome knowledge graph",
                            instructions: "Ask `query` first; follow its [n] references with `get_passage`; explore names with `search_entities`, `get_entity` and `neighbors`.",
                            capabilities: .init(resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        await register(on: server)
        return server
    }

    func register(on server: Server) async {
        let tools = ToolHandlers(knowledgeBase: knowledgeBase, allowedRoot: allowedRoot)
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: ToolCatalog.tools) }
        await server.withMethodHandler(CallTool.self) { call in try await tools.call(call.name, call.arguments ?? [:]) }
        await server.withMethodHandler(ListResources.self) { _ in
            await ListResources.Result(resources: try knowledgeBase.stored.documents().filter { $0.status == .processed }.map { document in
                Resource(name: document.path, uri: DocumentURI.uri(of: document.id), title: document.title,
                         description: "\(document.format.rawValue), \(document.chunkCount) chunks", mimeType: "text/plain")
            })
        }
        await server.withMethodHandler(ReadResource.self) { request in
            guard let id = DocumentURI.id(in: request.uri) else { throw MCPError.invalidParams("unknown resource \(request.uri)") }
            let document: StoredDocument
            do { document = try await knowledgeBase.stored.storedDocument(id) } catch { throw MCPError.invalidParams("no document \(id)") }
            let text = try await knowledgeBase.stored.text(ofDocument: document.id)
            return ReadResource.Result(contents: [.text(text, uri: request.uri, mimeType: "text/plain")])
        }
    }
}

/// `rhizome://documents/ID`: a document's text as Rhizome read it (the text references' offsets point into).
enum DocumentURI {
    static let prefix = "rhizome://documents/"
    static func uri(of id: String) -> String { prefix + id }
    static func id(in uri: String) -> String? { uri.hasPrefix(prefix) ? String(uri.dropFirst(prefix.count)) : nil }
}
