import Foundation
import Hummingbird
import Logging
import NIOCore
import Rhizome
import RhizomeMCP

/// `rhizome serve`: one process, one store, REST + server-sent events + Ollama's chat API + MCP (streamable
/// HTTP at `/mcp`) on Hummingbird.
/// Reads run in parallel; every change goes through the knowledge base's one writer.
public struct RhizomeServer: Sendable {
    public let knowledgeBase: KnowledgeBase
    public let settings: ServerSettings
    public let logger: Logger

    public init(knowledgeBase: KnowledgeBase, settings: ServerSettings, logger: Logger = Logger(label: "rhizome.serve")) {
        self.knowledgeBase = knowledgeBase
        self.settings = settings
        self.logger = logger
    }

    /// Serves until the process is told to stop (SIGINT, SIGTERM); `onListening` gets the bound port.
    public func run(onListening: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try settings.validate()
        let mcp = try await RhizomeMCPServer(knowledgeBase: knowledgeBase, allowedRoot: settings.scanFolder)
            .startOverHTTP(loopbackOnly: settings.isLoopback, logger: logger)
        defer { Task { await mcp.stop() } }
        let application = Application(
            router: makeRouter(mcp: mcp), configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "rhizome"),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? settings.port) }, logger: logger)
        try await application.runService()
    }

    func makeRouter(mcp: MCPHTTPEndpoint) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: JSONErrorMiddleware())
        if let key = settings.apiKey { router.add(middleware: APIKeyMiddleware(key: key)) }
        let jobs = IngestJobs(knowledgeBase: knowledgeBase)
        StatusRoutes(knowledgeBase: knowledgeBase).add(to: router)
        QueryRoutes(knowledgeBase: knowledgeBase, limits: settings).add(to: router)
        DocumentRoutes(knowledgeBase: knowledgeBase, jobs: jobs, settings: settings).add(to: router)
        GraphRoutes(knowledgeBase: knowledgeBase, settings: settings).add(to: router)
        OllamaRoutes(knowledgeBase: knowledgeBase, settings: settings).add(to: router)
        MCPRoutes(endpoint: mcp, limit: settings.maxRequestBytes).add(to: router)
        ExplorerRoutes().add(to: router)
        return router
    }
}

/// `/health`, `/status` and `/openapi.json`.
struct StatusRoutes {
    let knowledgeBase: KnowledgeBase

    struct Status: Encodable {
        var store: String
        var readOnly: Bool
        var statistics: StoreStatistics
        var generator: String
        var embedding: EmbeddingSettings
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in try JSONBody.response(["status": "ok"]) }
        router.get("/status") { _, _ in
            try await JSONBody.response(Status(store: knowledgeBase.path, readOnly: knowledgeBase.stored.isReadOnly, statistics: try knowledgeBase.stored.statistics(),
                                         generator: knowledgeBase.generatorLabel, embedding: knowledgeBase.providers.embeddingSettings))
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }
    }
}
