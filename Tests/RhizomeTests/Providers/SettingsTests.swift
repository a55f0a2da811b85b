import Foundation
import Testing
@testable import Rhizome

@Suite struct SettingsTests {
    @Test func theFileInitWritesReadsBackAsTheSameSettings() throws {
        let settings = SettingsFile(
            providers: ProviderFlags(llm: "openai", model: "qwen \"coder\"", llmBaseURL: "http://127.0.0.1:8080/v1", concurrency: 2,
                                     firstTokenTimeout: 600),
            ingest: IngestDefaults(chunkTokens: 600, gleaning: 0, language: "Korean", entityTypes: ["person", "tool"]))
        #expect(try SettingsFile.parse(settings.text(), path: "rhizome.toml") == settings)
        #expect(try SettingsFile.parse(SettingsFile().text(), path: "rhizome.toml") == SettingsFile(), "commented defaults set nothing")
    }

    @Test func wrongSettingsAreErrorsThatNameThem() throws {
        func problem(_ text: String) -> String {
            do { _ = try SettingsFile.parse(text, path: "rhizome.toml"); return "accepted" } catch { return error.problem }
        }
        #expect(problem("[llm]\nmodle = \"x\"").contains("unknown setting llm.modle"))
        #expect(problem("[models]\n").contains("unknown section or key 'models'"))
        #expect(problem("[llm]\ntimeout = \"fast\"").contains("llm.timeout must be a positive number of seconds"))
        #expect(problem("[ingest]\nchunk_tokens = 0").contains("ingest.chunk_tokens must be at least 1"))
        #expect(problem("[llm\n").contains("line 1"))
        #expect(try SettingsFile.parse("[llm]\ntimeout = 30\nfirst_token_timeout = 90.5", path: "f").providers.timeouts
                == HTTPTimeouts(connect: 10, firstByte: 90.5, idle: 30))
    }

    @Test func flagsWinAndAModelIsOnlyTakenWithItsOwnProvider() {
        let remembered = ProviderFlags(llm: "ollama", model: "qwen2.5:7b", llmBaseURL: "http://127.0.0.1:11434",
                                       embedding: "offline", embeddingModel: "hashed-ngrams-v1", embeddingDimension: 256)
        let plain = ProviderFlags().filled(from: remembered)
        #expect(plain.llm == "ollama" && plain.model == "qwen2.5:7b" && plain.embeddingDimension == 256)
        let other = ProviderFlags(llm: "openai").filled(from: remembered)
        #expect(other.llm == "openai" && other.model == nil && other.llmBaseURL == nil,
                "an Ollama model name means nothing to an OpenAI server")
        #expect(ProviderFlags(model: "llama3").filled(from: remembered).model == "llama3")
    }

    @Test func timeoutsSuitLocalModelsAndOneFlagBoundsEverySilence() {
        #expect(ProviderFlags().timeouts == HTTPTimeouts(connect: 10, firstByte: 240, idle: 120))
        #expect(ProviderFlags(timeout: 5).timeouts == HTTPTimeouts(connect: 5, firstByte: 5, idle: 5))
        #expect(ProviderFlags(timeout: 60, firstTokenTimeout: 900).timeouts == HTTPTimeouts(connect: 10, firstByte: 900, idle: 60))
    }
}

@Suite struct ExtractionScoreTests {
    @Test func onlyNamesFromTheTextCountAndEveryRecordIsCountedOnce() {
        let texts = ["c1": "SQLite was designed by D. Richard Hipp. 데비안은 자유 운영체제입니다."]
        let records = [ChunkRecords(id: "c1", entities: [.init(name: "SQLite", type: "technology"), .init(name: "sqlite", type: "x"),
                                                         .init(name: "D.  Richard Hipp", type: "person"), .init(name: "데비안", type: "organization"),
                                                         .init(name: "PostgreSQL", type: "technology"), .init(name: "person", type: "person")],
                                    relations: [.init(source: "D. Richard Hipp", target: "SQLite"), .init(source: "SQLite", target: "D. Richard Hipp"),
                                                .init(source: "SQLite", target: "PostgreSQL"), .init(source: "SQLite", target: "sqlite")],
                                    truncated: true, outputTokens: 120, seconds: 2),
                       ChunkRecords(id: "c2", entities: [], relations: [], seconds: 1, error: "timed out")]
        let score = ExtractionScore.score(records, texts: texts)
        #expect(score.validEntities == 3, "SQLite once, Hipp despite the double space, 데비안")
        #expect(score.validRelations == 1, "one pair, whichever way round; invented and self links do not count")
        #expect(score.chunksWithEntity == 1 && score.chunks == 2 && score.failedChunks == 1 && score.truncatedAnswers == 1)
        #expect(score.validRecordsPerChunk == 2)
    }
}
