import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// The HTTP clients against a real local server: protocol shapes, streaming, retries and clear refusals.
@Suite struct ProviderClientTests {
    let fastRetry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)
    let request = ChatRequest(messages: [ChatMessage(.system, "Be brief."), ChatMessage(.user, "Name a pond.")])

    func openAI(_ server: HTTPServer, key: String? = "sk-test") -> OpenAICompatibleClient {
        OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "test-model", apiKey: key,
                               dimension: 32, retry: fastRetry, limiter: ConcurrencyLimiter(limit: 4))
    }

    @Test func openAIChatSendsTheProtocolAndReadsTheAnswer() async throws {
        let server = try HTTPServer { _ in .json(["choices": [["message": ["role": "assistant", "content": "Walden Pond."]]]]) }
        let answer = try await openAI(server).complete(request)
        #expect(answer == "Walden Pond.")
        let sent = try #require(server.received.first)
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.headers["authorization"] == "Bearer sk-test")
        #expect(sent.json?["model"] as? String == "test-model")
        #expect((sent.json?["messages"] as? [[String: String]])?.map { $0["role"] } == ["system", "user"])
    }

    @Test func rateLimitsAreRetriedHonouringRetryAfter() async throws {
        let calls = Counter()
        let server = try HTTPServer { _ in
            calls.increment() <= 2
                ? .json(["error": ["message": "slow down"]], status: 429, headers: ["Retry-After": "0"])
                : .json(["choices": [["message": ["content": "ok"]]]])
        }
        #expect(try await openAI(server).complete(request) == "ok")
        #expect(server.received.count == 3)
    }

    @Test func serverErrorsEndAsUnavailableAfterTheLastAttempt() async throws {
        let server = try HTTPServer { _ in .json(["error": ["message": "overloaded"]], status: 503) }
        await #expect { try await openAI(server).complete(request) } throws: { error in
            guard case .unavailable(_, let attempts, let last) = error as? ProviderError else { return false }
            return attempts == 3 && last.contains("overloaded")
        }
        #expect(server.received.count == 3)
    }

    @Test func aBadKeyIsNotRetriedAndSaysWhatToCheck() async throws {
        let server = try HTTPServer { _ in .json(["error": ["message": "Incorrect API key provided"]], status: 401) }
        await #expect { try await openAI(server, key: "wrong").complete(request) } throws: { error in
            let text = "\(error)"
            return text.contains("401") && text.contains("Incorrect API key") && text.contains("API key")
        }
        #expect(server.received.count == 1)
    }

    @Test func anUnknownModelIsNotRetried() async throws {
        let server = try HTTPServer { _ in .json(["error": "model 'nope' not found"], status: 404) }
        await #expect { try await openAI(server).complete(request) } throws: { error in
            "\(error)".contains("not found") && "\(error)".contains("--model")
        }
        #expect(server.received.count == 1)
    }

    @Test func aServerThatIsDownIsReportedAsUnreachableAtOnce() async throws {
        let server = try HTTPServer { _ in .json([:]) }
        let client = openAI(server)
        server.stop()
        await #expect { try await client.complete(request) } throws: { error in
            if case .unreachable = error as? ProviderError { return true }
            return false
        }
    }

    @Test func openAIStreamingYieldsTheAnswerInPieces() async throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        var pieces: [String] = []
        for try await piece in openAI(server).stream(request) { pieces.append(piece) }
        #expect(pieces.count > 1)
        #expect(pieces.joined() == model.answer([["role": "user", "content": "Name a pond."]]))
        #expect(server.received.first?.json?["stream"] as? Bool == true)
    }

    @Test func openAIEmbeddingsAreReturnedInInputOrder() async throws {
        let server = try HTTPServer { request in
            let inputs = request.json?["input"] as? [String] ?? []
            let items = inputs.enumerated().map { ["index": $0.offset, "embedding": [Double($0.offset), 1]] as [String: Any] }
            return .json(["data": Array(items.reversed())])
        }
        let vectors = try await openAI(server).embed(["a", "b", "c"], as: .document)
        #expect(vectors.map { $0[0] } == [0, 1, 2])
    }

    @Test func ollamaChatStreamingAndEmbeddings() async throws {
        let model = ScriptedModel(embeddingDimension: 8)
        let server = try HTTPServer { model.respond(to: $0) }
        let client = OllamaClient(baseURL: server.baseURL, model: "llama3", dimension: 8, retry: fastRetry,
                                  limiter: ConcurrencyLimiter(limit: 2))
        let expected = model.answer([["role": "user", "content": "Name a pond."]])
        #expect(try await client.complete(request) == expected)
        var pieces: [String] = []
        for try await piece in client.stream(request) { pieces.append(piece) }
        #expect(pieces.count > 1 && pieces.joined() == expected)
        let vectors = try await client.embed(["one", "two"], as: .query)
        #expect(vectors.count == 2 && vectors.allSatisfy { $0.count == 8 })
        #expect(server.received.map(\.path) == ["/api/chat", "/api/chat", "/api/embed"])
        #expect(server.received[0].json?["stream"] as? Bool == false)
    }

    @Test func theCacheAnswersARepeatedPromptWithoutTheModel() async throws {
        let store = try makeStore()
        let server = try HTTPServer { ScriptedModel.openAIAnswer("cached answer", to: $0) }
        let cached = CachedLanguageModel(model: openAI(server), cache: store)
        #expect(try await cached.complete(request, kind: "answer") == "cached answer")
        #expect(try await cached.complete(request, kind: "answer") == "cached answer")
        #expect(server.received.count == 1)
        #expect((cached.counter.modelCalls, cached.counter.cacheHits) == (1, 1))
        var other = request
        other.temperature = 0.7
        _ = try await cached.complete(other, kind: "answer")
        #expect(server.received.count == 2)   // options are part of the key
        await #expect(try store.cacheStatistics().entries == 2)
    }

    @Test func retryAfterIsReadAsSecondsOrAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.parseRetryAfter("7", now: now) == 7)
        #expect(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:30 GMT", now: now) == 10)
        #expect(RetryPolicy.parseRetryAfter(nil) == nil)
        let delay = RetryPolicy(baseDelay: 1, maxDelay: 30).delay(afterAttempt: 3, retryAfter: nil)
        #expect(delay >= 2 && delay <= 4)
    }
}

/// A thread-safe counter for server handlers.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Adds one and returns the new value.
    func increment() -> Int { lock.withLock { value += 1; return value } }
}
