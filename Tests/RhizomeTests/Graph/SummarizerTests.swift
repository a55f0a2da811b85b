import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// Descriptions that grow too long: the model summarises them (map-reduce past its context, reusing cached
/// group summaries), and offline the most central fragments are kept.
@Suite struct SummarizerTests {
    let tokenizer = sharedTokenizer

    func fragments(_ count: Int, offset: Int = 0) -> [String] {
        (offset..<offset + count).map { "Walden Pond fact \($0): the pond was surveyed in winter \(1840 + $0) by boat and chain." }
    }

    func summarizer(_ server: HTTPServer, store: SQLiteStore, counter: ModelCallCounter, contextTokens: Int) -> ModelSummarizer {
        let client = OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "scripted", apiKey: nil,
                                            limiter: ConcurrencyLimiter(limit: 2))
        return ModelSummarizer(model: CachedLanguageModel(model: client, cache: store, counter: counter),
                               threshold: SummaryThreshold(tokenizer: tokenizer), contextTokens: contextTokens)
    }

    @Test func fewFragmentsAreJoinedWithoutAModelCall() async throws {
        let server = try HTTPServer { _ in .json(["choices": [["message": ["content": "unused"]]]]) }
        let counter = ModelCallCounter()
        let summary = try await summarizer(server, store: try makeStore(), counter: counter, contextTokens: 12_000)
            .describe(name: "Walden Pond", fragments: fragments(3))
        #expect(summary == fragments(3).joined(separator: "\n"))
        #expect(counter.modelCalls == 0)
    }

    @Test func manyFragmentsAreSummarisedInOneRequestWhenTheyFit() async throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let counter = ModelCallCounter()
        let summary = try await summarizer(server, store: try makeStore(), counter: counter, contextTokens: 12_000)
            .describe(name: "Walden Pond", fragments: fragments(20))
        #expect(summary == "A summary written by the scripted model.")
        #expect(counter.modelCalls == 1)
        let prompt = try #require(server.received.first?.json?["messages"] as? [[String: String]]).map { $0["content"] ?? "" }
            .joined(separator: "\n")
        #expect(prompt.contains("Walden Pond") && prompt.contains("fact 0:") && prompt.contains("fact 19:"))
    }

    @Test func fragmentsBeyondTheContextAreMappedThenReducedAndANewFragmentReusesTheOtherGroups() async throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let store = try makeStore()
        let counter = ModelCallCounter()
        let summarizer = summarizer(server, store: store, counter: counter, contextTokens: 200)
        let many = fragments(60)
        let groups = ModelSummarizer.groups(of: many, tokenizer: tokenizer, contextTokens: 200)
        #expect(groups.count > 3)
        #expect(groups.allSatisfy { group in group.reduce(0) { $0 + tokenizer.count($1) } <= 200 || group.count == 1 })
        #expect(groups.flatMap { $0 } == many)

        _ = try await summarizer.describe(name: "Walden Pond", fragments: many)
        let firstCalls = counter.modelCalls
        #expect(firstCalls >= groups.count + 1)   // one per group, then the reduction

        // One more fact in the middle: only its group (and the reduction) are asked again.
        var more = many
        more.insert("Walden Pond fact extra: a cabin stood on its northern shore.", at: 30)
        _ = try await summarizer.describe(name: "Walden Pond", fragments: more)
        #expect(counter.modelCalls - firstCalls <= 3)
        #expect(counter.cacheHits >= groups.count - 2)
    }

    @Test func offlineRankingKeepsTheMostSharedFactsWithinTheThreshold() async throws {
        let ranking = RankingSummarizer(threshold: SummaryThreshold(tokenizer: tokenizer, maxFragments: 3, maxTokens: 1200))
        let fragments = ["Walden Pond is a lake in Concord, Massachusetts.",
                         "A recipe for bread needs flour.",
                         "Walden Pond is a kettle lake near Concord.",
                         "Thoreau lived beside Walden Pond near Concord.",
                         "Unrelated trivia about trains."]
        let summary = try await ranking.describe(name: "Walden Pond", fragments: fragments)
        #expect(summary == [fragments[0], fragments[2], fragments[3]].joined(separator: "\n"))
    }
}
