import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// Querying with a model behind a local OpenAI-protocol server: keywords from the model, a streamed
/// answer, the conversation taken into account, and answers cached.
@Suite struct ModelQueryTests {
    func engine(_ server: HTTPServer, store: SQLiteStore, counter: ModelCallCounter) -> QueryEngine {
        let client = OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "scripted", apiKey: nil,
                                            limiter: ConcurrencyLimiter(limit: 2))
        return QueryEngine.assemble(store: store, providers: Providers(languageModel: client, embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)),
                                    tokenizer: sharedTokenizer, counter: counter)
    }

    @Test func anAnswerThatCitesNothingIsGivenTheSourcesItDrawsOn() async throws {
        let (fixture, _) = try await RetrievalTests.fixture()
        let server = try HTTPServer { ScriptedModel.openAIAnswer("SQLite was designed by Richard Hipp.", to: $0) }
        let engine = engine(server, store: fixture.store, counter: ModelCallCounter())
        let prepared = try await engine.prepare(QueryRequest(query: "Who designed SQLite?", mode: .naive))
        var answer = ""
        for try await piece in engine.answer(prepared) { answer += piece }
        let source = try #require(prepared.context.chunks.first { $0.chunk.text.contains("Richard Hipp") }?.reference)
        #expect(answer.hasPrefix("SQLite was designed by Richard Hipp."))
        #expect(answer.contains("The model cited no source") && Citations.numbers(in: answer).contains(source), "\(answer)")
    }

    @Test func keywordsComeFromTheModelAndTheAnswerStreams() async throws {
        let (fixture, _) = try await RetrievalTests.fixture()
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let counter = ModelCallCounter()
        let engine = engine(server, store: fixture.store, counter: counter)

        let prepared = try await engine.prepare(QueryRequest(query: "Who designed SQLite?", mode: .local))
        #expect(prepared.keywords == QueryKeywords(high: ["scripted theme"], low: ["SQLite"], source: "model"))
        #expect(prepared.context.entities.first?.name == "SQLite")
        var pieces: [String] = []
        for try await piece in engine.answer(prepared) { pieces.append(piece) }
        #expect(pieces.count > 1)
        #expect(pieces.joined() == ScriptedModel.answerText)
        let answerRequest = try #require(server.received.last)
        #expect(answerRequest.json?["stream"] as? Bool == true)
        let system = (answerRequest.json?["messages"] as? [[String: Any]])?.first?["content"] as? String ?? ""
        #expect(system.contains("SQLite was designed by Richard Hipp") && system.contains("[1] "))
        #expect(counter.modelCalls == 2)

        // The same question again is answered from the cache.
        let again = try await engine.prepare(QueryRequest(query: "Who designed SQLite?", mode: .local))
        var cached = ""
        for try await piece in engine.answer(again) { cached += piece }
        #expect(cached == ScriptedModel.answerText)
        #expect(counter.modelCalls == 2 && counter.cacheHits == 2)
    }

    @Test func historyChangesTheKeywords() async throws {
        let (fixture, _) = try await RetrievalTests.fixture()
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let engine = engine(server, store: fixture.store, counter: ModelCallCounter())
        let alone = try await engine.prepare(QueryRequest(query: "Who designed it?", mode: .local))
        #expect(alone.keywords.low.isEmpty)
        var request = QueryRequest(query: "Who designed it?", mode: .local)
        request.history = [ChatMessage(.user, "Tell me about SQLite."), ChatMessage(.assistant, "SQLite is a database engine.")]
        let withHistory = try await engine.prepare(request)
        #expect(withHistory.keywords.low.contains("SQLite"))
        #expect(withHistory.context.entities.first?.name == "SQLite")
        #expect(withHistory.messages.map(\.role) == [.system, .user, .assistant, .user])
    }

    @Test func offlineKeywordsAlsoFollowTheConversation() async throws {
        let (_, engine) = try await RetrievalTests.fixture()
        var request = QueryRequest(query: "Who designed it?", mode: .local)
        request.history = [ChatMessage(.user, "Tell me about SQLite.")]
        let prepared = try await engine.prepare(request)
        #expect(prepared.keywords.low.contains("SQLite"))
    }

    @Test func anUnreachableModelFailsTheAnswerButNotTheContext() async throws {
        let (fixture, _) = try await RetrievalTests.fixture()
        let client = OpenAICompatibleClient(baseURL: URL(string: "http://127.0.0.1:9/v1")!, model: "none", apiKey: nil,
                                            retry: RetryPolicy(maxAttempts: 1), limiter: ConcurrencyLimiter(limit: 1))
        let engine = QueryEngine.assemble(store: fixture.store, providers: Providers(languageModel: client, embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)),
                                          tokenizer: sharedTokenizer)
        let prepared = try await engine.prepare(QueryRequest(query: "Who designed SQLite?"))
        #expect(prepared.keywords.source == "offline")
        #expect(!prepared.context.chunks.isEmpty)
        await #expect(throws: (any Error).self) { for try await _ in engine.answer(prepared) {} }
    }
}
