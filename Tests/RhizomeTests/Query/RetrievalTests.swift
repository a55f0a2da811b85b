import Foundation
import Testing
@testable import Rhizome

/// Retrieval and context assembly on a graph built offline from small documents with known content.
@Suite struct RetrievalTests {
    static let documents = [
        "walden.md": """
            # Walden

            Henry David Thoreau built a cabin near Walden Pond in 1845. Thoreau wrote Walden while living beside Walden Pond.

            ## Economy

            Thoreau kept careful accounts of the cost of his cabin and his bean field.
            """,
        "foundations.md": """
            # Funding

            The Ford Foundation funded the Rockefeller Institute research programme. The Carnegie Corporation funded the Brookings Institution research programme.
            """,
        "sqlite.md": """
            # SQLite

            SQLite was designed by Richard Hipp at General Dynamics. The SQLite Consortium supports SQLite development.
            """,
    ]

    static func fixture() async throws -> (IngestFixture, QueryEngine) {
        let fixture = try await IngestFixture()
        for (name, text) in documents { try fixture.write(name, text) }
        let sources = SourceDiscovery(storeDirectory: fixture.folder).files(in: [fixture.corpus.path]).files
        let report = await fixture.ingestor.ingest(sources.map(IngestSource.file))
        #expect(report.failed == 0)
        let engine = QueryEngine.assemble(store: fixture.store, providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer)
        return (fixture, engine)
    }

    @Test func localModeFindsTheNamedEntityItsRelationsAndItsPassages() async throws {
        let (_, engine) = try await Self.fixture()
        let prepared = try await engine.prepare(QueryRequest(query: "Where did Henry David Thoreau build his cabin?", mode: .local))
        #expect(prepared.keywords.low.contains("Henry David Thoreau"))
        #expect(prepared.context.entities.first?.name == "Henry David Thoreau")
        #expect(prepared.context.relations.contains { [$0.source, $0.target].contains("Walden Pond") })
        #expect(prepared.context.chunks.first?.chunk.documentPath == "corpus/walden.md")
        #expect(!prepared.context.chunks.contains { $0.chunk.documentPath == "corpus/foundations.md" })
    }

    @Test func globalModeFindsRelationsByTheme() async throws {
        let (_, engine) = try await Self.fixture()
        var request = QueryRequest(query: "Which foundations funded research?", mode: .global)
        request.highLevelKeywords = ["funded research programme"]
        let prepared = try await engine.prepare(request)
        let pairs = prepared.context.relations.prefix(4).map { Set([$0.source, $0.target]) }
        #expect(pairs.contains(["Ford Foundation", "Rockefeller Institute"]))
        #expect(pairs.contains(["Carnegie Corporation", "Brookings Institution"]))
        #expect(prepared.context.entities.contains { $0.name == "Ford Foundation" })
        #expect(prepared.context.chunks.first?.chunk.documentPath == "corpus/foundations.md")
    }

    /// Offline, the question's own words find the relation whose sentence holds them (relations have a
    /// BM25 index as entities do), and a possessive leaves no `s` among the keywords.
    @Test func globalModeOfflineFindsTheRelationWhoseSentenceAnswers() async throws {
        let (fixture, engine) = try await Self.fixture()
        let prepared = try await engine.prepare(QueryRequest(query: "Which consortium's work supports development?", mode: .global))
        #expect(!prepared.keywords.high.contains { $0 == "s" || $0.hasPrefix("s ") || $0.hasSuffix(" s") }, "\(prepared.keywords.high)")
        #expect(prepared.keywords.high.contains("supports development"))
        let first = try #require(prepared.context.relations.first)
        #expect(Set([first.source, first.target]) == ["SQLite Consortium", "SQLite"])
        #expect(try await fixture.store.lexicalRelations(matching: ["supports development"], limit: 5).count == 1)
    }

    /// After the chunks that support the relations found come the other chunks that mention their
    /// endpoints: a passage that names one thing alone is in reach of `global` too.
    @Test func globalModeReadsTheOtherChunksOfTheRelationsEndpoints() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("design.md", "# Design\n\nSQLite was designed by Richard Hipp at General Dynamics.")
        try fixture.write("sailing.md", "# Hobbies\n\nIn summer Richard Hipp goes sailing on the lake.")
        #expect(await fixture.ingest().failed == 0)
        let engine = QueryEngine.assemble(store: fixture.store, providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer)
        var request = QueryRequest(query: "Who designed SQLite?", mode: .global)
        request.highLevelKeywords = ["designed"]
        let prepared = try await engine.prepare(request)
        #expect(prepared.context.relations.first.map { Set([$0.source, $0.target]) } == ["SQLite", "Richard Hipp"])
        #expect(prepared.context.chunks.map(\.chunk.documentPath) == ["corpus/design.md", "corpus/sailing.md"])
    }

    @Test func naiveSearchesOnlyChunksAndBypassRetrievesNothing() async throws {
        let (_, engine) = try await Self.fixture()
        let naive = try await engine.prepare(QueryRequest(query: "cost of the bean field", mode: .naive))
        #expect(naive.context.entities.isEmpty && naive.context.relations.isEmpty)
        #expect(naive.context.chunks.first?.chunk.documentPath == "corpus/walden.md")
        let bypass = try await engine.prepare(QueryRequest(query: "cost of the bean field", mode: .bypass))
        #expect(bypass.context.isEmpty)
        #expect(bypass.messages.map(\.role) == [.user])
    }

    @Test func mixCombinesGraphAndChunkSearchAndIsDeterministic() async throws {
        let (fixture, engine) = try await Self.fixture()
        let request = QueryRequest(query: "Who designed SQLite?", mode: .mix)
        let first = try await engine.prepare(request)
        #expect(first.context.entities.contains { $0.name == "SQLite" })
        #expect(first.context.chunks.first?.chunk.documentPath == "corpus/sqlite.md")
        let again = QueryEngine.assemble(store: fixture.store, providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer)
        let second = try await again.prepare(request)
        #expect(first.context == second.context)
        #expect(first.messages == second.messages)
    }

    @Test func budgetsAreRespectedToTheToken() async throws {
        let (_, engine) = try await Self.fixture()
        let question = "Thoreau Walden SQLite Ford Foundation"
        let unlimited = try await engine.prepare(QueryRequest(query: question, mode: .hybrid))
        var request = QueryRequest(query: question, mode: .hybrid)
        request.budgets = TokenBudgets(maxEntityTokens: 80, maxRelationTokens: 90, maxTotalTokens: 30_000)
        let sectionsOnly = try await engine.prepare(request)
        request.budgets.maxTotalTokens = sectionsOnly.promptTokens - 20
        let prepared = try await engine.prepare(request)
        let context = prepared.context
        #expect(context.tokens.entities == sharedTokenizer.count(context.entitySection) && context.tokens.entities <= 80)
        #expect(context.tokens.relations == sharedTokenizer.count(context.relationSection) && context.tokens.relations <= 90)
        #expect(prepared.promptTokens <= request.budgets.maxTotalTokens)
        #expect(prepared.messages.reduce(0) { $0 + sharedTokenizer.count($1.content) } == prepared.promptTokens)
        // Tight: the next entity and relation would not have fitted; the total budget cost a source.
        let nextEntity = unlimited.retrieval.entities[context.entities.count]
        #expect(sharedTokenizer.count(context.entitySection + ContextBuilder.line(nextEntity)) > 80)
        let nextRelation = unlimited.retrieval.relations[context.relations.count]
        #expect(sharedTokenizer.count(context.relationSection + ContextBuilder.line(nextRelation)) > 90)
        #expect(!context.entities.isEmpty && context.entities.count < unlimited.context.entities.count)
        #expect(context.chunks.count < sectionsOnly.context.chunks.count)
    }

    @Test func referencesPointAtTheExactTextOfTheCitedChunk() async throws {
        let (fixture, engine) = try await Self.fixture()
        let prepared = try await engine.prepare(QueryRequest(query: "Thoreau cabin accounts", mode: .mix))
        #expect(!prepared.context.references.isEmpty)
        for (reference, item) in zip(prepared.context.references, prepared.context.chunks) {
            #expect(reference.id == item.reference && reference.chunkID == item.chunk.id)
            let text = try await fixture.store.text(ofDocument: StoredDocument.id(forPath: reference.documentPath))
            let scalars = Array(text.unicodeScalars)[reference.startOffset..<reference.endOffset]
            #expect(String(String.UnicodeScalarView(scalars)) == item.chunk.text)
            #expect(prepared.context.chunkSection.contains("[\(reference.id)] "))
        }
    }

    @Test func theOfflineAnswerIsExtractiveAndCites() async throws {
        let (_, engine) = try await Self.fixture()
        let prepared = try await engine.prepare(QueryRequest(query: "Who designed SQLite?", mode: .mix))
        var answer = ""
        for try await piece in engine.answer(prepared) { answer += piece }
        #expect(answer.hasPrefix(ExtractiveAnswerGenerator.heading))
        // The passage is the sentence that answers and the rest of its line, cited once at its end.
        let line = answer.split(separator: "\n").first { $0.contains("Richard Hipp") }.map(String.init) ?? ""
        #expect(line.hasPrefix("- SQLite was designed by Richard Hipp at General Dynamics."))
        #expect(line.hasSuffix(" [1]"))
    }

    @Test func anEmptyStoreIsAClearError() async throws {
        let store = try makeStore()
        let engine = QueryEngine.assemble(store: store, providers: .offline(tokenizer: sharedTokenizer), tokenizer: sharedTokenizer)
        await #expect(throws: QueryError.emptyStore) { try await engine.prepare(QueryRequest(query: "anything")) }
    }

    @Test func keywordAnswersAreReadTolerantly() {
        let fenced = "Sure!\n```json\n{\"high_level_keywords\": [\"history\", \"licensing\",], \"low_level_keywords\": [\"SQLite\"],}\n```"
        #expect(KeywordAnswerParser.parse(fenced)! == (["history", "licensing"], ["SQLite"]))
        let single = "{'high_level_keywords': ['design'], 'low_level_keywords': []}"
        #expect(KeywordAnswerParser.parse(single)! == (["design"], []))
        #expect(KeywordAnswerParser.parse("no json here") == nil)
        #expect(KeywordAnswerParser.parse("{\"high_level_keywords\": \"a, b\", \"low_level_keywords\": [\" x \", \"X\"]}")! == (["a", "b"], ["x"]))
    }

    @Test func vectorSearchReturnsTheNearestAboveTheThreshold() {
        let matrix = VectorMatrix(keys: ["a", "b", "c"], dimension: 3, values: [1, 0, 0, 0.9, 0.1, 0, 0, 0, 1])
        let hits = matrix.nearest(to: [[1, 0, 0], [0, 0, 2]], limit: 2, threshold: 0.2)
        #expect(hits[0].map(\.key) == ["a", "b"])
        #expect(hits[1].map(\.key) == ["c"])
        let similarities = matrix.similarities(of: [0, 0, 5], toKeys: ["c", "a", "missing"])
        #expect(abs(similarities[0]! - 1) < 1e-6 && abs(similarities[1]!) < 1e-6 && similarities[2] == nil)
    }
}
