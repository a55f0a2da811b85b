import Foundation
import ModelServerDouble
import Testing
@testable import Rhizome

/// What small local models do to an answer, and how Rhizome keeps it bounded and honest.
@Suite struct SmallModelTests {
    @Test func thinkingIsRemovedHoweverTheTagsAreCut() {
        var filter = ThinkingFilter()
        let pieces = ["Before <th", "ink>secret plan</thi", "nk>after", " <think>more", " reasoning</think> end <", "b>"]
        let visible = pieces.map { filter.visible($0) }.joined() + filter.finish()
        #expect(visible == "Before after  end <b>")
        var unclosed = ThinkingFilter()
        #expect(unclosed.visible("<think>never closed") + unclosed.finish() == "")
    }

    @Test func aRepeatedLineOrPhraseIsALoopAndOneCopyIsKept() {
        var lines = RepetitionGuard()
        var answer = ""
        var cut: String.Index?
        for piece in ["entity<|#|>SQLite<|#|>technology<|#|>A database.\n"] + Array(repeating: "entity<|#|>WAL<|#|>method<|#|>Write-ahead logging.\n", count: 6) {
            answer += piece
            if let found = lines.loopStart(after: piece, in: answer) { cut = found; break }
        }
        let kept = cut.map { String(answer[..<$0]) } ?? ""
        #expect(kept == "entity<|#|>SQLite<|#|>technology<|#|>A database.\nentity<|#|>WAL<|#|>method<|#|>Write-ahead logging.")
        var phrases = RepetitionGuard()
        var looping = "SQLite "
        var stopped = false
        for _ in 0..<40 {
            let piece = "introduced write-ahead logging (WAL) in July 2010, "
            looping += piece
            if phrases.loopStart(after: piece, in: looping) != nil { stopped = true; break }
        }
        #expect(stopped)
        var honest = RepetitionGuard()
        let prose = "SQLite is a small, fast, self-contained SQL engine. It is the most used database engine in the world. "
        #expect(honest.loopStart(after: prose, in: prose) == nil)
    }

    @Test func aLoopingStreamIsStoppedKeptInPartAndNotCached() async throws {
        let loop = String(repeating: "entity<|#|>WAL<|#|>method<|#|>Write-ahead logging.\n", count: 40)
        let server = try HTTPServer { ScriptedModel.openAIAnswer(loop, to: $0) }
        let store = try makeStore()
        let model = CachedLanguageModel(model: OpenAICompatibleClient(
            baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny", apiKey: nil, limiter: ConcurrencyLimiter(limit: 2)), cache: store)
        let request = ChatRequest(messages: [ChatMessage(.user, "extract")])
        await #expect { try await model.complete(request, kind: "extraction") } throws: { error in
            guard case .incomplete(_, let reason, let partial) = error as? ProviderError else { return false }
            return reason.contains("repeating") && partial.components(separatedBy: "Write-ahead").count == 2
        }
        await #expect(try store.cachedResponse(forKey: CachedLanguageModel.key(for: request, model: model.descriptor)) == nil)
    }

    @Test func templateWordsAndTypesAreNeverNames() {
        let answer = """
            entity<|#|>NAME<|#|>TYPE<|#|>DESCRIPTION
            entity<|#|>entity_name<|#|>person<|#|>The name of the entity.
            entity<|#|>Technology<|#|>concept<|#|>A type, not a name.
            entity<|#|>SQLite<|#|>technology<|#|>A database engine.
            relation<|#|>SOURCE<|#|>TARGET<|#|>KEYWORDS<|#|>DESCRIPTION
            relation<|#|>SQLite<|#|>D. Richard Hipp<|#|>designed<|#|>Hipp designed SQLite.
            <|COMPLETE|>
            """
        let extraction = ExtractionParser.parse(answer)
        #expect(extraction.entities.map(\.name) == ["SQLite"])
        #expect(extraction.relations.map(\.target) == ["D. Richard Hipp"])
        #expect(extraction.droppedRecords == 4)
    }

    @Test func everyExtractionCallIsBoundedAndDiscouragesRepetition() async throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let store = try makeStore()
        let extractor = ModelExtractor(model: CachedLanguageModel(model: OpenAICompatibleClient(
            baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny", apiKey: nil, limiter: ConcurrencyLimiter(limit: 2)),
            cache: store), gleaning: 1)
        _ = try await extractor.extract(ExtractionInput(text: String(repeating: "SQLite was designed by D. Richard Hipp. ", count: 10),
                                                       headingPath: [], documentTitle: "History"))
        #expect(!server.received.isEmpty)
        for received in server.received {
            #expect(received.json?["max_tokens"] as? Int == 512)
            #expect(received.json?["frequency_penalty"] as? Double == ModelExtractor.repetitionPenalty)
            #expect(received.json?["stream"] as? Bool == true)
        }
    }

    @Test func aQuestionWithNothingToAnswerFromDoesNotCallTheGenerator() async throws {
        let fixture = try await IngestFixture()
        try fixture.write("a.md", "# Ponds\n\nWalden Pond is in Concord.")
        _ = await fixture.ingest()
        let server = try HTTPServer { ScriptedModel.openAIAnswer("Invented facts.", to: $0) }
        let engine = QueryEngine.assemble(store: fixture.store, providers: Providers(
            languageModel: OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "m", apiKey: nil,
                                                  limiter: ConcurrencyLimiter(limit: 1)),
            embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)), tokenizer: sharedTokenizer)
        var request = QueryRequest(query: "zzzq xyzzy plugh", mode: .naive)
        request.lowLevelKeywords = ["zzzq"]
        request.highLevelKeywords = ["xyzzy"]
        let prepared = try await engine.prepare(request)
        #expect(prepared.context.isEmpty)
        var answer = ""
        for try await piece in engine.answer(prepared) { answer += piece }
        #expect(answer == QueryEngine.nothingFound)
        #expect(!server.received.contains { $0.path.hasSuffix("/chat/completions") })
    }
}

@Suite struct ServerDiscoveryTests {
    @Test func aLocalServerNamesItsModelAndItsSlots() async throws {
        let model = ScriptedModel(servedModels: ["qwen2.5-0.5b-instruct"], slots: 2, contextTokens: 8192)
        let server = try HTTPServer { model.respond(to: $0) }
        let facts = try await ServerDiscovery.openAI(baseURL: server.baseURL.appendingPathComponent("v1"),
                                                 http: HTTPClient(provider: "test", timeout: 5))
        #expect(facts == ServerFacts(models: ["qwen2.5-0.5b-instruct"], slots: 2, contextTokens: 8192))
        let providers = try await Providers.resolve(ProviderFlags(llm: "openai", llmBaseURL: server.baseURL.appendingPathComponent("v1").absoluteString),
                                                    environment: ["RHIZOME_LLM_API_KEY": "sk-local"], tokenizer: sharedTokenizer)
        #expect(providers.languageModel?.descriptor.model == "qwen2.5-0.5b-instruct", "no --model needed")
        let ollama = try await Providers.resolve(ProviderFlags(llm: "ollama", llmBaseURL: server.baseURL.absoluteString),
                                                 environment: [:], tokenizer: sharedTokenizer)
        #expect(ollama.languageModel?.descriptor.model == "qwen2.5-0.5b-instruct")
        let silent = try HTTPServer { _ in CannedResponse(status: 404, body: Data()) }
        let unknown = try await ServerDiscovery.openAI(baseURL: silent.baseURL.appendingPathComponent("v1"), http: HTTPClient(provider: "plain", timeout: 2))
        #expect(unknown == ServerFacts(), "a server that does not say leaves everything unknown")
        await #expect(throws: ProviderError.self, "a refused connection is the one probe that stops a command") {
            try await ServerDiscovery.openAI(baseURL: URL(string: "http://127.0.0.1:9/v1")!, http: HTTPClient(provider: "down", timeout: 2))
        }
    }
}

@Suite struct ContextWindowTests {
    @Test func aContextOverflowIsOneClearMessageThatStopsTheIngest() async throws {
        let server = try HTTPServer { _ in
            .json(["error": ["code": 400, "message": "the request exceeds the available context size, try increasing it",
                             "type": "exceed_context_size_error"]], status: 400)
        }
        let files = try await IngestFixture(chunkTokens: 24)
        for (name, text) in ModelIngestTests.documents { try files.write(name, text) }
        let ingestor = try await Ingestor.assemble(store: files.store, providers: Providers(
            languageModel: OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny", apiKey: nil,
                                                  limiter: ConcurrencyLimiter(limit: 2)),
            embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer)), tokenizer: sharedTokenizer, concurrency: 1)
        let sources = SourceDiscovery(storeDirectory: files.folder).files(in: [files.corpus.path]).files
        let report = await ingestor.ingest(sources.map(IngestSource.file))
        #expect(report.failed == sources.count)
        let first = report.outcomes.first { $0.error?.contains("context window") == true }
        #expect(first?.error?.contains("use smaller chunks") == true)
        #expect(server.received.count == 1, "the first refusal stops the run")
    }

    @Test func theWindowIsCheckedBeforeAnyChunkIsSent() {
        let small = Providers(languageModel: nil, embedding: HashedNgramEmbedding(tokenizer: sharedTokenizer), contextTokens: 2048)
        #expect(small.contextProblem(chunkTokens: 1200)?.contains("chunks of 382 tokens would fit") == true)
        #expect(small.contextProblem(chunkTokens: 300) == nil)
        #expect(Providers.offline(tokenizer: sharedTokenizer).contextProblem(chunkTokens: 1200) == nil)
    }
}

@Suite struct LanguageTests {
    @Test func theLanguageOfDescriptionsFollowsTheChunk() async throws {
        #expect(LanguageGuess.name(of: "QLoRA는 양자화된 모델을 미세 조정하는 방법입니다.") == "Korean")
        #expect(LanguageGuess.name(of: "設定ファイルを編集してください。") == "Japanese")
        #expect(LanguageGuess.name(of: "默认的文件系统是什么") == "Chinese")
        #expect(LanguageGuess.name(of: "SQLite was designed by D. Richard Hipp.") == nil)
        #expect(LanguageGuess.resolve("auto", for: "SQLite") == "English")
        #expect(LanguageGuess.resolve("French", for: "모델") == "French")

        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let extractor = ModelExtractor(model: CachedLanguageModel(model: OpenAICompatibleClient(
            baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny", apiKey: nil, limiter: ConcurrencyLimiter(limit: 1)),
            cache: try makeStore()), gleaning: 0)
        _ = try await extractor.extract(ExtractionInput(text: "QLoRA는 4비트 양자화로 LLM을 미세 조정하는 방법입니다.", headingPath: [],
                                                       documentTitle: "노트"))
        let system = (server.received.first?.json?["messages"] as? [[String: Any]])?.first?["content"] as? String ?? ""
        #expect(system.contains("sentences of Korean"))
    }
}

@Suite struct StructuredOutputTests {
    @Test func aServerThatFollowsSchemasGetsTheJSONPromptAndItsAnswerIsRead() async throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let cached = CachedLanguageModel(model: OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny",
                                                                       apiKey: nil, limiter: ConcurrencyLimiter(limit: 1)),
                                         cache: try makeStore())
        #expect(await StructuredOutputProbe.resolve(.auto, model: cached))
        let extractor = ModelExtractor(model: cached, gleaning: 1, structured: true)
        let extraction = try await extractor.extract(ExtractionInput(text: "SQLite was designed by Richard Hipp at Hwaci.",
                                                                    headingPath: [], documentTitle: "History"))
        #expect(Set(extraction.entities.map(\.name)) == ["SQLite", "Richard", "Hipp", "Hwaci"])
        #expect(extraction.relations.count == 3 && !extraction.truncated)
        let extractionCalls = server.received.filter { ($0.json?["response_format"] as? [String: Any])?["type"] as? String == "json_schema" }
        #expect(extractionCalls.count == 2, "the probe and one extraction call: no gleaning in structured mode")
        let sent = extractionCalls.last?.json?["response_format"] as? [String: Any]
        #expect(((sent?["json_schema"] as? [String: Any])?["schema"] as? [String: Any])?["required"] as? [String] == ["entities", "relations"])
    }

    @Test func aServerThatIgnoresSchemasFailsTheProbe() async throws {
        let server = try HTTPServer { ScriptedModel.openAIAnswer("Sure! Here is what you asked.", to: $0) }
        let cached = CachedLanguageModel(model: OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny",
                                                                       apiKey: nil, limiter: ConcurrencyLimiter(limit: 1)),
                                         cache: try makeStore())
        #expect(await StructuredOutputProbe.resolve(.auto, model: cached) == false)
        #expect(await StructuredOutputProbe.resolve(.on, model: cached))
    }

    @Test func jsonAnswersAreReadTolerantlyAndByTheRowRules() {
        let answer = #"Here you go: {"entities":[{"name":"SQLite","type":"technology","description":"A database."},{"name":"NAME","type":"TYPE","description":"x"}],"relations":[{"source":"SQLite","target":"SQLite","keywords":["self"],"description":"loop"}]} trailing"#
        let extraction = StructuredExtractionParser.parse(answer)
        #expect(extraction?.entities.map(\.name) == ["SQLite"])
        #expect(extraction?.droppedRecords == 2)
        #expect(StructuredExtractionParser.parse("no json here") == nil)
    }

    @Test func anAnswerCutShortKeepsEveryRecordThatWasComplete() {
        let cut = #"{"entities":[{"name":"SQLite","type":"technology","description":"A {database} \"engine\"."},{"name":"Hipp","type":"person","description":"He"#
        #expect(StructuredExtractionParser.closedPrefix(cut[...])?.hasSuffix("engine\\\".\"}]}") == true)
        #expect(StructuredExtractionParser.parse(cut)?.entities.map(\.name) == ["SQLite"])
        let inRelations = #"{"entities":[{"name":"A1","type":"concept","description":"x"}],"relations":[{"source":"A1","target":"B2","keywords":"k","description":"d"},{"source":"#
        let read = StructuredExtractionParser.parse(inRelations)
        #expect(read?.entities.map(\.name) == ["A1"] && read?.relations.count == 1)
    }

    @Test func theSchemaReachesTheServerInItsOwnKeyOrderWithTheClosedListOfTypes() async throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let request = ChatRequest(messages: [ChatMessage(.user, "Text:\nAlder grows.")], temperature: 0, maxTokens: 64,
                                  jsonSchema: StructuredExtractionPrompt.schema(entityTypes: ["person", "tool"]))
        let openAI = OpenAICompatibleClient(baseURL: server.baseURL.appendingPathComponent("v1"), model: "tiny", apiKey: nil,
                                            limiter: ConcurrencyLimiter(limit: 1))
        _ = try await openAI.complete(request)
        let ollama = OllamaClient(baseURL: server.baseURL, model: "tiny", limiter: ConcurrencyLimiter(limit: 1))
        _ = try await ollama.complete(request)
        for received in server.received {
            let body = String(decoding: received.body, as: UTF8.self)
            // llama.cpp's grammar makes the model write properties in schema order: the name must come first.
            let name = try #require(body.range(of: #""name":{"type":"string""#))
            let description = try #require(body.range(of: #""description":{"type":"string","maxLength":200}"#))
            #expect(name.lowerBound < description.lowerBound, "\(received.path)")
            #expect(body.contains(#""enum":["person","tool"]"#))
        }
        #expect(server.received.count == 2)
    }
}
