import Foundation
import ModelServerDouble
import Testing

/// Extraction through the CLI: offline on the examples, with a model behind a local server, and the
/// promise that an interrupted ingest resumes without paying the model twice.
@Suite struct ExtractionCLITests {
    @Test func theExamplesGiveAGraphOfflineWithNoConfiguration() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("rhizome.sqlite").path
        let examples = repositoryRoot.appendingPathComponent("Examples/documents").path
        let ingest = try rhizome(["ingest", examples, "--store", store], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.contains("offline heuristic extractor (no model)"))
        let status = try decodeJSON(try rhizome(["status", "--json", "--store", store], in: folder).stdout)
        let statistics = status["statistics"] as? [String: Any]
        #expect((statistics?["entities"] as? Int ?? 0) > 200)
        #expect((statistics?["relations"] as? Int ?? 0) > 100)

        let entity = try rhizome(["graph", "entity", "d. richard hipp", "--json", "--store", store], in: folder)
        #expect(entity.status == 0, "\(entity.stderr)")
        let details = try decodeJSON(entity.stdout)
        #expect(details["type"] as? String == "person")
        #expect((details["relations"] as? [[String: Any]])?.contains { $0["entity"] as? String == "SQLite" } == true)
        if let verdict = try validateAgainstSchema(entity.stdout, schema: "entity.schema.json") { #expect(verdict == "valid") }

        let human = try rhizome(["graph", "entity", "DEBIAN", "--store", store], in: folder)
        #expect(human.status == 0)
        #expect(human.stdout.contains("Sources ("))
        let missing = try rhizome(["graph", "entity", "No Such Thing", "--store", store], in: folder)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no entity named"))
    }

    @Test func aModelServerBuildsTheGraphAndTheCacheIsInspectable() throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let folder = try makeTemporaryDirectory()
        try writeCorpus(in: folder, documents: 4)
        let environment = ["RHIZOME_LLM": "openai", "RHIZOME_LLM_BASE_URL": server.baseURL.absoluteString + "/v1",
                           "RHIZOME_LLM_MODEL": "scripted", "OPENAI_API_KEY": "sk-secret-never-printed"]
        let ingest = try rhizome(["ingest", "corpus", "--chunk-tokens", "24", "--structured", "off", "--json"], in: folder,
                                 environment: environment)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let report = try decodeJSON(ingest.stdout)
        let chunks = report["chunks"] as? Int ?? 0
        #expect(report["model_calls"] as? Int == chunks * 2)
        #expect(report["model_input_tokens"] as? Int == chunks * 2 * 100, "the servers' usage counts are read and added up")
        #expect((report["model_output_tokens"] as? Int ?? 0) > 0)
        #expect(server.received.first?.headers["authorization"] == "Bearer sk-secret-never-printed")
        #expect(!ingest.stdout.contains("sk-secret") && !ingest.stderr.contains("sk-secret"))
        if let verdict = try validateAgainstSchema(ingest.stdout, schema: "ingest-report.schema.json") { #expect(verdict == "valid") }

        let stats = try rhizome(["cache", "stats", "--json"], in: folder)
        #expect(try decodeJSON(stats.stdout)["entries"] as? Int == chunks * 2)
        if let verdict = try validateAgainstSchema(stats.stdout, schema: "cache-stats.schema.json") { #expect(verdict == "valid") }
        let cleared = try rhizome(["cache", "clear", "--kind", "gleaning"], in: folder)
        #expect(cleared.stdout.contains("Removed \(chunks) cached answers"))
    }

    @Test func anUnreachableModelFailsTheDocumentsWithAClearReason() throws {
        let folder = try makeTemporaryDirectory()
        try writeCorpus(in: folder, documents: 2)
        let result = try rhizome(["ingest", "corpus", "--llm", "ollama", "--llm-base-url", "http://127.0.0.1:9", "--timeout", "2"],
                                 in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "Error: Ollama at http://127.0.0.1:9 cannot be reached: connection refused (127.0.0.1:9); "
                + "start it, or pass --llm offline to go on without it\n",
                "one probe, one line: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("rhizome.sqlite").path), "nothing was started")
        let unknown = try rhizome(["ingest", "corpus", "--llm", "gpt"], in: folder)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("unknown language model provider 'gpt'"))
    }

    @Test func anotherEmbeddingModelNeedsReindexWhichReembedsEverything() throws {
        let model = ScriptedModel(embeddingDimension: 24)
        let server = try HTTPServer { model.respond(to: $0) }
        let folder = try makeTemporaryDirectory()
        try writeCorpus(in: folder, documents: 2)
        #expect(try rhizome(["ingest", "corpus"], in: folder).status == 0)
        let flags = ["--embedding", "openai", "--embedding-base-url", server.baseURL.absoluteString + "/v1",
                     "--embedding-model", "scripted-embed"]
        let refused = try rhizome(["ingest", "corpus"] + flags, in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("rhizome reindex --embeddings"))
        let reindex = try rhizome(["reindex", "--embeddings"] + flags, in: folder)
        #expect(reindex.status == 0, "\(reindex.stderr)")
        #expect(reindex.stdout.contains("(24 dimensions)"))
        let status = try decodeJSON(try rhizome(["status", "--json"], in: folder).stdout)
        let settings = (status["statistics"] as? [String: Any])?["settings"] as? [String: Any]
        #expect((settings?["embedding"] as? [String: Any])?["model"] as? String == "scripted-embed")
        #expect(try rhizome(["ingest", "corpus"] + flags, in: folder).status == 0)
    }

    /// Synchronous on purpose: it polls with a blocking sleep so a busy task pool cannot make it miss the moment.
    @Test func killingAnIngestAndRerunningGivesTheSameGraphWithoutPayingTwice() throws {
        let model = ScriptedModel()
        let folder = try makeTemporaryDirectory()
        try writeCorpus(in: folder, documents: 12)
        func environment(_ server: HTTPServer) -> [String: String] {
            ["RHIZOME_LLM": "openai", "RHIZOME_LLM_BASE_URL": server.baseURL.absoluteString + "/v1"]
        }
        let arguments = ["ingest", "corpus", "--chunk-tokens", "24", "--concurrency", "2"]

        let referenceServer = try HTTPServer { model.respond(to: $0) }
        let reference = try rhizome(arguments + ["--store", "reference.sqlite"], in: folder, environment: environment(referenceServer))
        #expect(reference.status == 0, "\(reference.stderr)")
        let referenceCalls = referenceServer.received.count

        let server = try HTTPServer { request in
            var response = model.respond(to: request)
            response.delay = 0.05
            return response
        }
        let process = try startRhizome(arguments + ["--store", "interrupted.sqlite"], in: folder, environment: environment(server))
        while server.received.count < referenceCalls / 4 && process.isRunning { usleep(2000) }
        if !process.isRunning {
            let log = (try? String(contentsOf: folder.appendingPathComponent("interrupted.log"), encoding: .utf8)) ?? ""
            Issue.record("the ingest ended (status \(process.terminationStatus)) after \(server.received.count) of \(referenceCalls) calls: \(log)")
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let cachedBeforeResume = try decodeJSON(try rhizome(["cache", "stats", "--json", "--store", "interrupted.sqlite"],
                                                            in: folder).stdout)["entries"] as? Int ?? 0
        #expect(cachedBeforeResume > 0)

        let callsBeforeResume = server.received.count
        let resumed = try rhizome(arguments + ["--store", "interrupted.sqlite"], in: folder, environment: environment(server))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(server.received.count - callsBeforeResume == referenceCalls - cachedBeforeResume)
        let graph = { (store: String) throws -> String in
            try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", store, """
                SELECT key, name, type, description FROM entities ORDER BY key;
                SELECT min(s.key, t.key), max(s.key, t.key), r.keywords, r.description, r.weight FROM relations r
                  JOIN entities s ON s.id = r.source_id JOIN entities t ON t.id = r.target_id ORDER BY 1, 2;
                """], in: folder).stdout
        }
        let expected = try graph("reference.sqlite")
        if !expected.isEmpty {   // sqlite3 is installed
            #expect(try graph("interrupted.sqlite") == expected)
        }
        let counts = { (store: String) throws -> [String: Any] in
            try decodeJSON(try rhizome(["status", "--json", "--store", store], in: folder).stdout)["statistics"] as? [String: Any] ?? [:]
        }
        #expect(try counts("interrupted.sqlite")["entities"] as? Int == counts("reference.sqlite")["entities"] as? Int)
        #expect(try counts("interrupted.sqlite")["relations"] as? Int == counts("reference.sqlite")["relations"] as? Int)
    }

    /// Markdown documents with a few capitalised names each, under `folder/corpus`.
    func writeCorpus(in folder: URL, documents: Int) throws {
        let corpus = folder.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        let names = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Juniper", "Larch", "Maple", "Oak"]
        for index in 0..<documents {
            let a = names[index % names.count], b = names[(index + 3) % names.count], c = names[(index + 7) % names.count]
            let text = """
                # Grove \(index)

                \(a) grows beside \(b) in the northern valley. The soil there favours \(a) over most trees.

                ## Notes

                \(b) shares its roots with \(c). Foresters in Oregon planted \(c) after the fire of document \(index).
                """
            try Data(text.utf8).write(to: corpus.appendingPathComponent("grove-\(index).md"))
        }
    }
}

/// Starts `rhizome` without waiting for it.
func startRhizome(_ arguments: [String], in directory: URL, environment: [String: String]) throws -> Process {
    let process = Process()
    process.executableURL = rhizomeBinary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = childEnvironment(environment)
    process.standardOutput = FileHandle.nullDevice
    let log = directory.appendingPathComponent("interrupted.log")
    FileManager.default.createFile(atPath: log.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    return process
}
