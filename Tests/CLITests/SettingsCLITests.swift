import Foundation
import ModelServerDouble
import Testing

/// Settings a user sets once: `rhizome init` writes rhizome.toml, the store remembers its models, and a
/// plain command afterwards needs no flags.
@Suite struct SettingsCLITests {
    func writeNotes(in folder: URL) throws {
        let corpus = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for (index, (a, b)) in [("Alder", "Birch"), ("Cedar", "Dogwood")].enumerated() {
            try "# Grove \(index)\n\n\(a) grows beside \(b) in the northern valley. The soil there favours \(a).\n"
                .write(to: corpus.appendingPathComponent("grove-\(index).md"), atomically: true, encoding: .utf8)
        }
    }

    @Test func initWritesSettingsThatLaterCommandsUseAndTheStoreRemembersItsModel() throws {
        let model = ScriptedModel()
        let server = try HTTPServer { model.respond(to: $0) }
        let folder = try makeTemporaryDirectory()
        try writeNotes(in: folder)
        let base = server.baseURL.absoluteString + "/v1"
        let initialised = try rhizome(["init", "--llm", "openai", "--llm-base-url", base, "--model", "scripted",
                                       "--chunk-tokens", "48", "--structured", "off", "--gleaning", "0"], in: folder)
        #expect(initialised.status == 0, "\(initialised.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("rhizome.toml"), encoding: .utf8)
        #expect(text.contains("provider = \"openai\"") && text.contains("chunk_tokens = 48") && text.contains("# timeout = 120"))
        #expect(try rhizome(["init"], in: folder).stderr.contains("already exists"), "an existing file is never overwritten silently")

        let ingest = try rhizome(["ingest", "notes", "--json"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let report = try decodeJSON(ingest.stdout)
        #expect(report["model_calls"] as? Int == report["chunks"] as? Int, "the file's model, structured = off and gleaning = 0 were used")
        #expect(server.received.allSatisfy { !$0.path.contains("chat") || $0.json?["model"] as? String == "scripted" })

        let status = try rhizome(["status", "--json"], in: folder)
        let providers = try decodeJSON(status.stdout)["providers"] as? [String: Any]
        #expect(providers?["llm"] as? String == "openai" && providers?["model"] as? String == "scripted")
        #expect(providers?["llm_base_url"] as? String == base)
        if let verdict = try validateAgainstSchema(status.stdout, schema: "status.schema.json") { #expect(verdict == "valid") }
        #expect(try rhizome(["status"], in: folder).stdout.contains("Models:    openai scripted at \(base)"))

        // Without the file, the store's memory still names the model; a flag overrides it.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("rhizome.toml"))
        let before = server.received.count
        let query = try rhizome(["query", "Where does Alder grow?"], in: folder)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(server.received.count > before, "the remembered model answered")
        let calls = server.received.count
        let offline = try rhizome(["query", "Where does Alder grow?", "--llm", "offline"], in: folder)
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(server.received.count == calls)
    }

    @Test func aMisspeltSettingIsAnErrorNamingIt() throws {
        let folder = try makeTemporaryDirectory()
        try writeNotes(in: folder)
        try "[llm]\nprovider = \"openai\"\nmodle = \"x\"\n".write(to: folder.appendingPathComponent("rhizome.toml"),
                                                                atomically: true, encoding: .utf8)
        let result = try rhizome(["ingest", "notes"], in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("unknown setting llm.modle"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("rhizome.sqlite").path))

        try "[llm\nprovider = 1\n".write(to: folder.appendingPathComponent("rhizome.toml"), atomically: true, encoding: .utf8)
        let broken = try rhizome(["ingest", "notes"], in: folder)
        #expect(broken.stderr.contains("rhizome.toml: line 1"), "\(broken.stderr)")
    }
}
