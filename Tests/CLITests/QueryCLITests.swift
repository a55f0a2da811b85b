import Foundation
import ModelServerDouble
import Testing

/// `rhizome query` end to end, offline on the bundled examples and with a model server.
@Suite struct QueryCLITests {
    /// A store of the examples, built offline.
    func examplesStore() throws -> (folder: URL, store: String) {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        let ingest = try rhizome(["ingest", repositoryRoot.appendingPathComponent("Examples/documents").path, "--store", store], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        return (folder, store)
    }

    /// The quickstart's Korean question: the answer is the Korean FAQ's sentence, cited to that document.
    @Test func aKoreanQuestionOnTheExamplesIsAnsweredFromTheKoreanDocument() throws {
        let (folder, store) = try examplesStore()
        let result = try rhizome(["query", "Debian이라는 이름은 무슨 뜻인가요?", "--store", store], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let answer = result.stdout.components(separatedBy: "References").first ?? ""
        let line = answer.split(separator: "\n").first { $0.contains("Debra와 Ian Murdock") }
        #expect(line != nil, "\(answer)")
        let reference = line.flatMap { $0.split(separator: "[").last?.split(separator: "]").first }.map(String.init) ?? "?"
        #expect(result.stdout.contains("* [\(reference)] ") && result.stdout.split(separator: "\n")
            .contains { $0.hasPrefix("* [\(reference)] ") && $0.contains("debian-faq-basic-defs.ko.html") }, "\(result.stdout)")
    }

    @Test func anOfflineQueryOnTheExamplesGivesAnExtractiveAnswerWithSources() throws {
        let (folder, store) = try examplesStore()
        let result = try rhizome(["query", "Who designed SQLite?", "--store", store], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Extractive answer (no language model configured)"))
        #expect(result.stdout.contains("SQLite was designed by D. Richard Hipp"))
        #expect(result.stdout.contains("References (* cited in the answer):\n* [1] "))
        let bypass = try rhizome(["query", "Who designed SQLite?", "--mode", "bypass", "--store", store], in: folder)
        #expect(bypass.status == 64 && bypass.stderr.contains("--mode bypass sends the question straight to a language model"))
        #expect(result.stdout.contains("sqlite-history.dbk.xml"))

        let json = try rhizome(["query", "Who designed SQLite?", "--mode", "local", "--json", "--store", store], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let decoded = try decodeJSON(json.stdout)
        #expect((decoded["entities"] as? [[String: Any]])?.contains { $0["name"] as? String == "SQLite" } == true)
        #expect(decoded["mode"] as? String == "local")
        if let verdict = try validateAgainstSchema(json.stdout, schema: "query-result.schema.json") { #expect(verdict == "valid") }
    }

    @Test func contextAndPromptOnlyShowWhatTheModelWouldSee() throws {
        let (folder, store) = try examplesStore()
        let context = try rhizome(["query", "What does zlib's deflate do?", "--context-only", "--store", store], in: folder)
        #expect(context.status == 0, "\(context.stderr)")
        #expect(context.stdout.contains("-----Sources-----\n[1] ") && context.stdout.contains("-----References-----"))
        #expect(!context.stdout.contains("Extractive answer"))
        let prompt = try rhizome(["query", "What does zlib's deflate do?", "--prompt-only", "--response-type", "bullet points",
                                  "--user-prompt", "Mention function names.", "--store", store], in: folder)
        #expect(prompt.stdout.contains("----- system -----") && prompt.stdout.contains("Format: bullet points."))
        #expect(prompt.stdout.contains("Mention function names.") && prompt.stdout.contains("----- user -----\nWhat does zlib's deflate do?"))
        let json = try rhizome(["query", "What does zlib's deflate do?", "--prompt-only", "--json", "--store", store], in: folder)
        if let verdict = try validateAgainstSchema(json.stdout, schema: "query-result.schema.json") { #expect(verdict == "valid") }
        #expect(try decodeJSON(json.stdout)["answer"] == nil)
    }

    @Test func errorsAreClear() throws {
        let (folder, store) = try examplesStore()
        let mode = try rhizome(["query", "x", "--mode", "sideways", "--store", store], in: folder)
        #expect(mode.status != 0 && mode.stderr.contains("unknown mode 'sideways'"))
        let emptyFolder = try makeTemporaryDirectory()
        _ = try rhizome(["ingest", "-", "--stdin-path", "empty.txt", "--store", "empty.sqlite"], in: emptyFolder, input: "")
        let empty = try rhizome(["query", "anything", "--store", "empty.sqlite"], in: emptyFolder)
        #expect(empty.status != 0 && empty.stderr.contains("no documents yet"))
        let unreachable = try rhizome(["query", "Who designed SQLite?", "--store", store], in: folder,
                                      environment: ["RHIZOME_LLM": "openai", "RHIZOME_LLM_BASE_URL": "http://127.0.0.1:9/v1", "RHIZOME_LLM_API_KEY": "sk-secret-value"])
        #expect(unreachable.status != 0 && unreachable.stderr.contains("cannot be reached: connection refused")
                && unreachable.stderr.contains("--llm offline"), "\(unreachable.stderr)")
        #expect(!unreachable.stderr.contains("sk-secret-value") && !unreachable.stdout.contains("sk-secret-value"))
    }

    @Test func aModelAnswerStreamsAndHistoryIsRead() throws {
        let (folder, store) = try examplesStore()
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let history = folder.appendingPathComponent("history.json")
        try Data(#"[{"role": "user", "content": "Tell me about SQLite."}, {"role": "assistant", "content": "It is a database."}]"#.utf8).write(to: history)
        let environment = ["RHIZOME_LLM": "openai", "RHIZOME_LLM_BASE_URL": server.baseURL.absoluteString + "/v1"]
        let result = try rhizome(["query", "Who designed it?", "--history", history.path, "--json", "--store", store], in: folder,
                                 environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let decoded = try decodeJSON(result.stdout)
        #expect(decoded["answer"] as? String == ScriptedModel.answerText)
        #expect((decoded["keywords"] as? [String: Any])?["low"] as? [String] == ["SQLite"])
        let bad = try rhizome(["query", "x", "--history", "/no/such/file.json", "--store", store], in: folder)
        #expect(bad.status != 0 && bad.stderr.contains("--history"))
    }
}

/// The same files give the same ranking whatever order they were ingested in (ties go to stable keys).
@Suite struct RankingDeterminismCLITests {
    @Test func twoIngestOrdersAnswerAlike() throws {
        let documents = repositoryRoot.appendingPathComponent("Examples/documents")
        let files = try FileManager.default.contentsOfDirectory(atPath: documents.path).sorted()
        let folder = try makeTemporaryDirectory()
        for (name, order) in [("forward.sqlite", files), ("backward.sqlite", Array(files.reversed()))] {
            for file in order {
                let result = try rhizome(["ingest", documents.appendingPathComponent(file).path, "--store", name], in: folder)
                #expect(result.status == 0, "\(result.stderr)")
            }
        }
        for (question, mode) in [("Who designed SQLite?", "mix"), ("How does deflate compress data?", "local"),
                                 ("users and groups in Debian", "global"), ("currency codes", "naive")] {
            var seen: [[String]] = []
            for name in ["forward.sqlite", "backward.sqlite"] {
                let result = try rhizome(["query", question, "--mode", mode, "--context-only", "--json", "--store", name], in: folder)
                #expect(result.status == 0, "\(result.stderr)")
                let json = try decodeJSON(result.stdout)
                let entities = (json["entities"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                let relations = (json["relations"] as? [[String: Any]] ?? []).map { "\($0["source"] ?? "")→\($0["target"] ?? "")" }
                let chunks = (json["chunks"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                seen.append(entities + ["|"] + relations + ["|"] + chunks + ["|", json["context"] as? String ?? ""])
            }
            #expect(seen[0] == seen[1], "\(mode): \(question)")
        }
    }
}

@Suite struct EvalCLITests {
    @Test func evalReportsModesBesideBaselinesAndHoldsThresholds() throws {
        let folder = try makeTemporaryDirectory()
        let set = repositoryRoot.appendingPathComponent("Examples/eval/zh")
        #expect(try rhizome(["ingest", set.appendingPathComponent("documents").path], in: folder).status == 0)
        let questions = set.appendingPathComponent("questions.jsonl").path
        let json = try rhizome(["eval", questions, "--modes", "naive,mix", "--json", "--min-recall", "naive=P@5:0.5"], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        if let verdict = try validateAgainstSchema(json.stdout, schema: "eval-report.schema.json") { #expect(verdict == "valid") }
        let rows = try decodeJSON(json.stdout)["rows"] as? [[String: Any]] ?? []
        #expect(rows.compactMap { $0["system"] as? String } == ["bm25", "vectors", "naive", "mix"])
        let text = try rhizome(["eval", questions, "--modes", "naive", "--min-recall", "naive=R@5:1.01", "--quiet"], in: folder)
        #expect(text.status == 1, "an unmet threshold fails")
        #expect(text.stdout.contains("R@5 vs BM25") && text.stdout.contains("FAIL naive R@5"))
        let bad = try rhizome(["eval", questions, "--min-recall", "naive>0.5"], in: folder)
        #expect(bad.status == 64)
    }
}
