import Foundation
import Hummingbird
import Rhizome

/// The body of `POST /query` and `POST /query/stream` (LightRAG's names where they exist).
struct QueryBody: Decodable, Sendable {
    var query: String
    var mode: String?
    var topK: Int?
    var chunkTopK: Int?
    var maxEntityTokens: Int?
    var maxRelationTokens: Int?
    var maxTotalTokens: Int?
    var hlKeywords: [String]?
    var llKeywords: [String]?
    var conversationHistory: [ChatMessage]?
    var responseType: String?
    var userPrompt: String?
    /// Retrieve and build the context, and do not answer.
    var onlyNeedContext: Bool?

    func request() throws -> QueryRequest {
        let modeName = (mode ?? "mix").lowercased()
        guard let mode = QueryMode(rawValue: modeName) else { throw QueryError.unknownMode(modeName) }
        var request = QueryRequest(query: query, mode: mode)
        if let topK { guard topK >= 1 else { throw APIError.badRequest("top_k must be at least 1") }; request.limits.topK = topK }
        if let chunkTopK { guard chunkTopK >= 0 else { throw APIError.badRequest("chunk_top_k cannot be negative") }; request.limits.chunkTopK = chunkTopK }
        if [maxEntityTokens, maxRelationTokens, maxTotalTokens].contains(where: { ($0 ?? 0) < 0 }) {
            throw APIError.badRequest("token budgets cannot be negative")
        }
        request.budgets = TokenBudgets(maxEntityTokens: maxEntityTokens ?? request.budgets.maxEntityTokens,
                                       maxRelationTokens: maxRelationTokens ?? request.budgets.maxRelationTokens,
                                       maxTotalTokens: maxTotalTokens ?? request.budgets.maxTotalTokens)
        request.highLevelKeywords = hlKeywords.flatMap { $0.isEmpty ? nil : $0 }
        request.lowLevelKeywords = llKeywords.flatMap { $0.isEmpty ? nil : $0 }
        request.history = conversationHistory ?? []
        if let responseType { request.responseType = responseType }
        request.userPrompt = userPrompt
        return request
    }
}

/// `POST /query` (the JSON of `rhizome query --json`) and `POST /query/stream` (server-sent events: the
/// references, then the answer's pieces, then `done`).
struct QueryRoutes {
    let knowledgeBase: KnowledgeBase
    let limits: ServerSettings

    func add(to router: Router<BasicRequestContext>) {
        router.post("/query") { request, _ in try await query(request) }
        router.post("/query/stream") { request, _ in try await stream(request) }
    }

    func query(_ request: Request) async throws -> Response {
        let body = try await JSONBody.decode(QueryBody.self, from: request, limit: limits.maxRequestBytes)
        return try JSONBody.response(try await knowledgeBase.query(try body.request(), contextOnly: body.onlyNeedContext ?? false))
    }

    func stream(_ request: Request) async throws -> Response {
        let body = try await JSONBody.decode(QueryBody.self, from: request, limit: limits.maxRequestBytes)
        // Retrieval errors (an empty store, a bad mode) are still a plain JSON error with a status.
        let prepared = try await knowledgeBase.prepare(try body.request())
        let answer = body.onlyNeedContext == true ? nil : knowledgeBase.answer(prepared)
        let context = QueryResult(prepared, answer: nil, generator: knowledgeBase.generatorLabel, includePrompt: false)
        return ServerSentEvents.response { send in
            try await send("context", context)
            guard let answer else { return try await send("done", ["generator": context.generator]) }
            var text = ""
            do {
                for try await piece in answer {
                    text += piece
                    try await send("token", ["text": piece])
                }
            } catch {
                return try await send("error", ["message": "the answer could not be generated: \(error)"])
            }
            let cited = Citations.numbers(in: text)
            try await send("references", context.references.filter { cited.isEmpty || cited.contains($0.id) })
            try await send("done", ["generator": context.generator])
        }
    }
}
