import Foundation
import Testing
@testable import Rhizome

/// Through a real model server (llama.cpp, vLLM, Ollama's /v1 …) when `RHIZOME_TEST_MODEL_URL` points at one
/// (`Examples/local-model.sh` starts one); skipped otherwise, and the skip says so.
@Suite struct RealModelTests {
    static let url = ProcessInfo.processInfo.environment["RHIZOME_TEST_MODEL_URL"].flatMap(URL.init(string:))

    @Test(.enabled(if: url != nil, "set RHIZOME_TEST_MODEL_URL to an OpenAI-compatible server (Examples/local-model.sh) to run"),
          .timeLimit(.minutes(60)))
    func twoRealDocumentsBecomeNamedEntitiesAndAQuestionIsAnsweredWithCitations() async throws {
        let fixture = try await IngestFixture()
        for name in ["sqlite-history.dbk.xml", "libffi-introduction.html"] {
            try FileManager.default.copyItem(at: repositoryRootURL.appendingPathComponent("Examples/documents/\(name)"),
                                             to: fixture.corpus.appendingPathComponent(name))
        }
        let providers = try await Providers.resolve(ProviderFlags(llm: "openai", llmBaseURL: Self.url!.absoluteString, timeout: 900),
                                                    environment: ["RHIZOME_LLM_API_KEY": "local"], tokenizer: sharedTokenizer)
        let model = try #require(providers.languageModel)
        let structured = await StructuredOutputProbe.supports(CachedLanguageModel(model: model, cache: fixture.store))
        let ingestor = try await Ingestor.assemble(store: fixture.store, providers: providers, tokenizer: sharedTokenizer,
                                             extraction: ExtractionSettings(gleaning: 0, structured: structured), concurrency: 2)
        let sources = SourceDiscovery(storeDirectory: fixture.folder).files(in: [fixture.corpus.path]).files
        let report = await ingestor.ingest(sources.map(IngestSource.file))
        #expect(report.failed == 0, "\(report.outcomes.compactMap(\.error))")
        let names = try await fixture.store.searchEntities("SQLite", limit: 20).map(\.name)
        #expect(names.contains { $0.localizedCaseInsensitiveContains("SQLite") }, "\(names)")
        let engine = QueryEngine.assemble(store: fixture.store, providers: providers, tokenizer: sharedTokenizer)
        let prepared = try await engine.prepare(QueryRequest(query: "Who designed SQLite?", mode: .mix))
        var pieces = 0
        var answer = ""
        for try await piece in engine.answer(prepared) { pieces += 1; answer += piece }
        #expect(pieces > 1, "the answer streams")
        #expect(!Citations.numbers(in: answer).isEmpty, "the answer cites its sources: \(answer)")
    }
}
