import Testing
@testable import Rhizome

@Suite struct EntityKeyTests {
    @Test func surfaceVariantsShareAKey() {
        #expect(Set(["Apple Inc.", "apple inc", "APPLE INC.", "  Apple   Inc ", "Ａｐｐｌｅ Inc."].map(EntityKey.of)).count == 1)
        #expect(EntityKey.of("The Beatles") == EntityKey.of("Beatles"))
    }

    @Test func meaningfulDifferencesStay() {
        #expect(EntityKey.of("C++") != EntityKey.of("C"))
        #expect(EntityKey.of("C#") != EntityKey.of("C"))
        #expect(EntityKey.of("The") == "the")   // a lone "the" is not dropped to nothing
        #expect(EntityKey.of("Apple") != EntityKey.of("Apple Inc."))
    }

    @Test func relationKeysAreUnordered() {
        #expect(EntityKey.pair("Beta", "Alpha") == EntityKey.pair("alpha", "BETA"))
        #expect(EntityKey.pair("Beta", "Alpha").source == "alpha")
    }

    @Test func mergerPicksTheMostFrequentNameTheMajorityTypeAndKeepsAliases() async throws {
        let merger = GraphMerger(summarizer: RankingSummarizer(threshold: SummaryThreshold(tokenizer: sharedTokenizer)))
        func mention(_ chunk: String, _ name: String, _ type: String, _ description: String) -> EntityMention {
            EntityMention(chunkID: chunk, key: EntityKey.of(name), name: name, type: type, description: description,
                          documentPath: "a.html", chunkOrder: Int(chunk.dropFirst())!)
        }
        let mentions = [mention("c3", "APPLE INC.", "organization", "Makes phones."),
                        mention("c1", "Apple Inc.", "organization", "A company in Cupertino."),
                        mention("c2", "Apple Inc.", "concept", "makes phones.")]
        let record = try #require(try await merger.entity(key: "apple inc", mentions: mentions,
                                                          endpointNames: ["Apple, Inc": 2], relationMentions: []))
        #expect(record.name == "Apple Inc.")
        #expect(record.type == "organization")
        #expect(record.aliases == ["APPLE INC.", "Apple Inc.", "Apple, Inc"])   // relation endpoints' spellings too
        #expect(record.description == "A company in Cupertino.\nmakes phones.")   // duplicate fragment dropped, provenance order
    }

    @Test func longFragmentListsAreRankedAndTrimmedOffline() async throws {
        let summarizer = RankingSummarizer(threshold: SummaryThreshold(tokenizer: sharedTokenizer, maxFragments: 3, maxTokens: 1200))
        let fragments = (1...6).map { "Walden Pond is a lake in Concord, fact number \($0)." } + ["Unrelated trivia about cheese."]
        let description = try await summarizer.describe(name: "Walden Pond", fragments: fragments)
        let kept = description.split(separator: "\n")
        #expect(kept.count == 3)
        #expect(!description.contains("cheese"))
    }
}
