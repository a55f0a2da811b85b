import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// The HTTP layer under faults a real server produces: refused keys, silence, cut streams, empty answers.
@Suite struct HTTPFaultTests {
    let once = RetryPolicy(maxAttempts: 1, baseDelay: 0.01, maxDelay: 0.01)
    let request = ChatRequest(messages: [ChatMessage(.user, "Name a pond.")])

    func client(_ server: HTTPServer, timeout: Double = 120, retry: RetryPolicy) -> OpenAICompatibleClient {
        OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "m", apiKey: "sk-wrong",
                               timeout: timeout, retry: retry, limiter: ConcurrencyLimiter(limit: 4))
    }

    @Test func aRefusedKeyStopsTheIngestAtOnceFiftyTimesOverWithoutHangOrCrash() async throws {
        let server = try HTTPServer { _ in .json(["error": ["message": "Incorrect API key provided"]], status: 401) }
        for _ in 0..<50 {
            let files = try await IngestFixture(chunkTokens: 24)
            for (name, text) in ModelIngestTests.documents { try files.write(name, text) }
            let model = client(server, retry: RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.02))
            let ingestor = try await Ingestor.assemble(store: files.store, providers: Providers(
                languageModel: model, embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)), tokenizer: sharedTokenizer,
                concurrency: 4)
            let sources = SourceDiscovery(storeDirectory: files.folder).files(in: [files.corpus.path]).files
            let report = await ingestor.ingest(sources.map(IngestSource.file))
            #expect(report.failed == sources.count && report.added == 0, "\(report.outcomes.map { "\($0.path) \($0.status) \($0.error ?? "")" })")
            #expect(report.outcomes.allSatisfy { ($0.error ?? "").contains("refused the API key") || ($0.error ?? "").contains("stopped") },
                    "\(report.outcomes.compactMap(\.error))")
            let statuses = try await files.store.documents().map(\.status)
            #expect(statuses.count == sources.count && statuses.allSatisfy { $0 == .failed }, "the store says what the report says")
        }
    }

    @Test func aServerThatGoesAwayStopsTheIngestAndOnlyCallsThatReachedItAreBilled() async throws {
        let files = try await IngestFixture(chunkTokens: 24)
        for (name, text) in ModelIngestTests.documents { try files.write(name, text) }
        let model = OpenAICompatibleClient(baseURL: URL(string: "http://127.0.0.1:9/v1")!, model: "m", apiKey: nil,
                                           limiter: ConcurrencyLimiter(limit: 4))
        let ingestor = try await Ingestor.assemble(store: files.store, providers: Providers(
            languageModel: model, embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)), tokenizer: sharedTokenizer, concurrency: 4)
        let sources = SourceDiscovery(storeDirectory: files.folder).files(in: [files.corpus.path]).files
        let report = await ingestor.ingest(sources.map(IngestSource.file))
        #expect(report.modelCalls == 0, "a refused connection is not a call")
        #expect(report.failed == sources.count)
        await #expect(try files.store.documents().filter { $0.status == .failed }.count == sources.count)
    }

    @Test func aSilentServerFailsAfterTheTimeoutInsteadOfHanging() async throws {
        let server = try HTTPServer { _ in CannedResponse(body: Data("{}".utf8), delay: 30) }
        await #expect { try await client(server, timeout: 1, retry: once).complete(request) } throws: { error in
            "\(error)".contains("no answer within 1 s")
        }
    }

    @Test func aStreamCutBeforeDoneIsNotCachedAsComplete() async throws {
        let server = try HTTPServer { _ in
            CannedResponse(headers: ["Content-Type": "text/event-stream"],
                           pieces: [Data("data: {\"choices\":[{\"delta\":{\"content\":\"Walden \"}}]}\n\n".utf8),
                                    Data("data: {\"choices\":[{\"delta\":{\"content\":\"Pond\"}}]}\n\n".utf8)])
        }
        let store = try makeStore()
        let cached = CachedLanguageModel(model: client(server, retry: once), cache: store)
        await #expect { try await cached.complete(request, kind: "answer") } throws: { error in
            guard case .incomplete(_, let reason, let partial) = error as? ProviderError else { return false }
            return reason.contains("without [DONE]") && partial == "Walden Pond"
        }
        await #expect(try store.cachedResponse(forKey: CachedLanguageModel.key(for: request, model: cached.descriptor)) == nil)
        let length = try HTTPServer { _ in
            CannedResponse(headers: ["Content-Type": "text/event-stream"],
                           pieces: [Data("data: {\"choices\":[{\"delta\":{\"content\":\"entity\"},\"finish_reason\":\"length\"}]}\n\n".utf8),
                                    Data("data: [DONE]\n\n".utf8)])
        }
        let cut = CachedLanguageModel(model: client(length, retry: once), cache: store)
        await #expect { try await cut.complete(request, kind: "answer") } throws: { error in
            if case .incomplete(_, let reason, _) = error as? ProviderError { return reason.contains("token limit") }
            return false
        }
        await #expect(try store.cachedResponse(forKey: CachedLanguageModel.key(for: request, model: cut.descriptor)) == nil)
    }

    @Test func emptyChoicesAreAskedAgainABoundedNumberOfTimes() async throws {
        let server = try HTTPServer { _ in .json(["choices": []]) }
        await #expect { try await client(server, retry: once).complete(request) } throws: { error in
            if case .malformedResponse = error as? ProviderError { return true }
            return false
        }
        #expect(server.received.count == 1 + RetryPolicy().maxMalformed)
    }
}
