import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// One model call per prompt, whoever asks: two writers on one store (two processes, or two chunks with the
/// same text) that want the same answer at once pay the model once.
@Suite struct CallClaimTests {
    let request = ChatRequest(messages: [ChatMessage(.system, "Be brief."), ChatMessage(.user, "Name a pond.")])

    @Test func twoWritersOfOneStoreAskingTheSamePromptAtOncePayTheModelOnce() async throws {
        let store = try makeStore()
        // A second connection to the same file, as another process has.
        let other = try SQLiteStore(path: store.path, mode: .existingOnly, request: StoreSettingsRequest(tokenizer: "o200k_base"))
        let server = try HTTPServer { request in
            Thread.sleep(forTimeInterval: 0.4)   // a model that takes its time, so both calls overlap
            return ScriptedModel.openAIAnswer("Walden Pond", to: request)
        }
        func model(_ cache: SQLiteStore) -> CachedLanguageModel {
            CachedLanguageModel(model: OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "test-model",
                                                              apiKey: "sk-test", limiter: ConcurrencyLimiter(limit: 4)), cache: cache)
        }
        let (first, second) = (model(store), model(other))
        async let a = first.complete(request, kind: "answer")
        async let b = second.stream(request, kind: "answer").reduce("", +)
        #expect(try await (a, b) == ("Walden Pond", "Walden Pond"))
        #expect(server.received.count == 1)
        #expect(first.counter.modelCalls + second.counter.modelCalls == 1)
        #expect(first.counter.cacheHits + second.counter.cacheHits == 1)
    }

    @Test func aClaimIsHeldByOneCallerAtATimeAndLapsesOrPassesOn() async throws {
        let store = try makeStore()
        let later = Date().addingTimeInterval(3600)   // far enough that a busy test machine cannot reach it
        await #expect(try store.claimCall(forKey: "k", holder: "1:a", until: later, replacing: nil) == nil)
        await #expect(try store.claimCall(forKey: "k", holder: "1:a", until: later, replacing: nil) == nil, "its holder renews it")
        await #expect(try store.claimCall(forKey: "k", holder: "2:b", until: later, replacing: nil) == "1:a")
        await #expect(try store.claimCall(forKey: "k", holder: "2:b", until: later, replacing: "1:a") == nil, "a gone holder's claim is taken over")
        try await store.releaseCall(forKey: "k", holder: "1:a")
        await #expect(try store.claimCall(forKey: "k", holder: "3:c", until: later, replacing: nil) == "2:b", "only its holder releases it")
        try await store.releaseCall(forKey: "k", holder: "2:b")
        await #expect(try store.claimCall(forKey: "k", holder: "3:c", until: Date().addingTimeInterval(-1), replacing: nil) == nil)
        await #expect(try store.claimCall(forKey: "k", holder: "4:d", until: later, replacing: nil) == nil, "an expired claim has lapsed")
    }

    @Test func aHolderIsGoneOnlyWhenItsProcessIsGone() {
        #expect(!CallClaim.isGone("\(ProcessInfo.processInfo.processIdentifier):x"))
        #expect(CallClaim.isGone("999999999:x"))
        #expect(!CallClaim.isGone("not-a-process"))
    }
}
