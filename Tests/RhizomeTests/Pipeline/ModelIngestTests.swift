import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// Ingest with a language model behind real HTTP: the graph it builds, what it costs in calls, and how it
/// copes with rate limits, outages and garbage.
@Suite struct ModelIngestTests {
    static let documents = [
        "walden.md": """
            # Walden

            Henry Thoreau lived beside Walden Pond near Concord.

            ## Economy

            Thoreau spent little money. Emerson owned the land around the pond.
            """,
        "zlib.md": """
            # Zlib

            Zlib implements Deflate compression. Mark Adler wrote the decompressor.
            """,
        "sqlite.md": """
            # SQLite

            SQLite stores a database in one file. Richard Hipp started SQLite.
            """,
    ]

    /// A fixture whose store uses small chunks, an OpenAI-protocol (or Ollama) model at `server`.
    struct ModelFixture {
        let files: IngestFixture
        let server: HTTPServer
        let counter = ModelCallCounter()

        init(protocol kind: String = "openai", gleaning: Int = 1, handler: @escaping HTTPServer.Handler) async throws {
            files = try await IngestFixture(chunkTokens: 24)
            server = try HTTPServer(handler: handler)
            for (name, text) in ModelIngestTests.documents { try files.write(name, text) }
            _ = gleaning
        }

        func ingestor(gleaning: Int = 1, kind: String = "openai") async throws -> Ingestor {
            let retry = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05)
            let limiter = ConcurrencyLimiter(limit: 8)
            let model: any LanguageModel = kind == "ollama"
                ? OllamaClient(baseURL: server.baseURL, model: "scripted", retry: retry, limiter: limiter)
                : OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "scripted", apiKey: nil,
                                         retry: retry, limiter: limiter)
            return try await Ingestor.assemble(store: files.store, providers: Providers(languageModel: model,
                                                                                 embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)),
                                         tokenizer: sharedTokenizer, extraction: ExtractionSettings(gleaning: gleaning),
                                         concurrency: 4, counter: counter)
        }

        func ingest(gleaning: Int = 1, kind: String = "openai") async throws -> IngestReport {
            let sources = SourceDiscovery(storeDirectory: files.folder).files(in: [files.corpus.path]).files
            return try await ingestor(gleaning: gleaning, kind: kind).ingest(sources.map(IngestSource.file))
        }

        var chatCalls: Int { server.received.count { $0.path.hasSuffix("/chat/completions") || $0.path == "/api/chat" } }
    }

    @Test(arguments: ["openai", "ollama"])
    func buildsTheGraphTheModelDescribesAndNeverPaysTwice(kind: String) async throws {
        let model = ScriptedModel()
        let fixture = try await ModelFixture { model.respond(to: $0) }
        let first = try await fixture.ingest(kind: kind)
        #expect(first.failed == 0)
        let chunks = try await fixture.files.store.statistics().chunks
        #expect(chunks > 3)
        #expect(fixture.chatCalls == chunks * 2)                      // extraction + one gleaning pass per chunk
        #expect(first.modelCalls == chunks * 2)
        let thoreau = try await #require(try fixture.files.store.entityDetails(named: "thoreau"))
        #expect(thoreau.description.contains("Thoreau is named in the text."))
        #expect(thoreau.relations.contains { $0.keywords == ["appears near"] })

        let again = try await fixture.ingest(kind: kind)
        #expect(again.unchanged == 3)
        #expect(fixture.chatCalls == chunks * 2)                      // nothing new

        let before = fixture.chatCalls
        let zlib = ModelIngestTests.documents["zlib.md"]! + "\nJean Gailly wrote the compressor.\n"
        try fixture.files.write("zlib.md", zlib)
        let edit = try await fixture.ingest(kind: kind)
        #expect(edit.updated == 1)
        let changedChunks = edit.outcomes.first { $0.path.hasSuffix("zlib.md") }!.extracted
        #expect(changedChunks >= 1 && changedChunks < edit.outcomes.first { $0.path.hasSuffix("zlib.md") }!.chunks + 1)
        #expect(fixture.chatCalls - before == changedChunks * 2)     // only the changed chunks
        await #expect(try fixture.files.store.entityDetails(named: "Gailly") != nil)
    }

    @Test func gleaningCanBeTurnedOff() async throws {
        let model = ScriptedModel()
        let fixture = try await ModelFixture { model.respond(to: $0) }
        _ = try await fixture.ingest(gleaning: 0)
        await #expect(fixture.chatCalls == (try fixture.files.store.statistics().chunks))
    }

    @Test func rateLimitedCallsAreRetriedAndTheIngestSucceeds() async throws {
        let model = ScriptedModel()
        let seen = SeenBodies()
        let fixture = try await ModelFixture { request in
            seen.firstTime(request.body) ? .json(["error": ["message": "rate limited"]], status: 429, headers: ["Retry-After": "0"])
                                         : model.respond(to: request)
        }
        let report = try await fixture.ingest()
        #expect(report.failed == 0)
        #expect(fixture.chatCalls == 2 * report.modelCalls)          // every call was refused once, then answered
        await #expect(try fixture.files.store.statistics().entities > 5)
    }

    @Test func aDocumentWhoseCallsKeepFailingFailsAloneAndALaterRunResumesIt() async throws {
        let model = ScriptedModel()
        let broken = Flag(true)
        let fixture = try await ModelFixture { request in
            let text = String(decoding: request.body, as: UTF8.self)
            if broken.value && text.contains("Deflate") { return .json(["error": ["message": "model crashed"]], status: 500) }
            return model.respond(to: request)
        }
        let first = try await fixture.ingest()
        #expect(first.failed == 1)
        let failure = try #require(first.outcomes.first { $0.status == .failed })
        #expect(failure.path.hasSuffix("zlib.md"))
        #expect(failure.error?.contains("model crashed") == true)
        await #expect(try fixture.files.store.entityDetails(named: "Deflate") == nil)   // no trace in the graph
        await #expect(try fixture.files.store.document("corpus/zlib.md").status == .failed)

        broken.value = false
        let before = fixture.chatCalls
        let second = try await fixture.ingest()
        #expect((second.added, second.unchanged, second.failed) == (1, 2, 0))
        let zlibChunks = second.outcomes.first { $0.path.hasSuffix("zlib.md") }!.chunks
        #expect(fixture.chatCalls - before <= zlibChunks * 2)       // answers received before the failure were cached
        await #expect(try fixture.files.store.entityDetails(named: "Deflate") != nil)
    }

    @Test func garbageAnswersKeepWhatParsesAndCountTheRest() async throws {
        let fixture = try await ModelFixture { request in
            let answer = """
                Sure! Here you go:
                entity<|>Walden Pond<|>location<|>A pond.
                entity<|#|>broken row
                relation<|#|>Walden Pond<|#|>walden pond<|#|>is<|#|>A self-loop.
                """
            return ScriptedModel.openAIAnswer(ScriptedModel.kind(of: request.json?["messages"] as? [[String: Any]] ?? []) == .extraction
                                              ? answer : "<|COMPLETE|>", to: request)
        }
        let report = try await fixture.ingest()
        #expect(report.failed == 0)
        let chunks = try await fixture.files.store.statistics().chunks
        #expect(report.droppedRecords == chunks * 2)
        #expect(report.truncatedAnswers == chunks)
        await #expect(try fixture.files.store.statistics().entities == 1)
    }
}

extension ModelIngestTests {
    @Test func anAnswerWithNoRecordIsAWarningNotASilentEmptyChunk() async throws {
        let fixture = try await ModelFixture { request in
            ScriptedModel.openAIAnswer("I am sorry, I cannot extract anything from this text.", to: request)
        }
        let report = try await fixture.ingest()
        #expect(report.failed == 0 && report.warned == report.outcomes.count && report.warned > 0)
        #expect(report.outcomes.allSatisfy { $0.warnings.contains { $0.contains("the model's answer held no entity or relation") } })
    }
}

/// A Boolean shared between a test and its server handler.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool
    init(_ value: Bool) { stored = value }
    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Remembers request bodies: true the first time a body is seen.
final class SeenBodies: @unchecked Sendable {
    private let lock = NSLock()
    private var bodies: Set<Data> = []
    func firstTime(_ body: Data) -> Bool { lock.withLock { bodies.insert(body).inserted } }
}

@Suite struct ModelDeterminismTests {
    @Test func theGraphIsTheSameWhateverTheConcurrencyWithAModel() async throws {
        let model = ScriptedModel()
        var snapshots: [[String]] = []
        for concurrency in [1, 8, 3] {
            let files = try await IngestFixture(chunkTokens: 24)
            let names = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Juniper", "Larch", "Maple", "Oak"]
            for index in 0..<12 {
                let a = names[index % 12], b = names[(index + 3) % 12], c = names[(index + 7) % 12]
                try files.write("grove-\(index).md", """
                    # Grove \(index)

                    \(a) grows beside \(b) in the northern valley. The soil there favours \(a) over most trees.

                    ## Notes

                    \(b) shares its roots with \(c). Foresters in Oregon planted \(c) after the fire of document \(index).
                    """)
            }
            let server = try HTTPServer { model.respond(to: $0) }
            let llm = OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "scripted", apiKey: nil,
                                             limiter: ConcurrencyLimiter(limit: concurrency))
            let ingestor = try await Ingestor.assemble(store: files.store, providers: Providers(languageModel: llm,
                                                 embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)),
                                                 tokenizer: sharedTokenizer, concurrency: concurrency)
            let sources = SourceDiscovery(storeDirectory: files.folder).files(in: [files.corpus.path]).files
            let report = await ingestor.ingest(sources.map(IngestSource.file))
            #expect(report.failed == 0)
            snapshots.append(try graphSnapshot(files.store))
        }
        #expect(snapshots[0] == snapshots[1])
        #expect(snapshots[0] == snapshots[2])
        if snapshots[0] != snapshots[1] {
            let a = Set(snapshots[0]), b = Set(snapshots[1])
            print("ONLY IN 1:", a.subtracting(b).sorted().prefix(6))
            print("ONLY IN 8:", b.subtracting(a).sorted().prefix(6))
        }
    }
}
