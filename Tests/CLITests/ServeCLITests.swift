import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `rhizome serve` through real HTTP on loopback: upload → job → query (JSON and SSE) → graph → edit →
/// delete, Ollama's chat API, the key beyond loopback, size limits and file names that try to be paths.
@Suite(.serialized) struct ServeCLITests {
    static let examples = repositoryRoot.appendingPathComponent("Examples/documents")

    func upload(_ names: [String], to server: RunningServer) async throws -> HTTPResult {
        let files = try names.map { (name: $0, bytes: try Data(contentsOf: Self.examples.appendingPathComponent($0))) }
        let (body, contentType) = multipartBody(files)
        return try await http("POST", server.base.appendingPathComponent("documents/upload"), body: body, headers: ["Content-Type": contentType])
    }

    @Test func uploadQueryGraphEditDeleteThroughHTTP() async throws {
        let folder = try makeTemporaryDirectory()
        let server = try RunningServer(["--store", folder.appendingPathComponent("served.sqlite").path], in: folder)
        #expect(try await http("GET", server.base.appendingPathComponent("health")).status == 200)
        let served = try await http("GET", server.base.appendingPathComponent("openapi.json"))
        #expect(served.body == (try Data(contentsOf: repositoryRoot.appendingPathComponent("Schemas/openapi.json"))), "the binary serves Schemas/openapi.json")
        let openAPI = try served.object()
        #expect(openAPI["openapi"] as? String == "3.1.0" && (openAPI["paths"] as? [String: Any])?["/query"] != nil)

        let accepted = try await upload(["sqlite-history.dbk.xml", "zlib-how.html"], to: server)
        #expect(accepted.status == 202, "\(accepted.text)")
        let job = try await finishedJob(try accepted.object()["id"] as? String ?? "", on: server)
        let report = job["report"] as? [String: Any]
        #expect(job["status"] as? String == "succeeded" && report?["added"] as? Int == 2, "\(job)")
        // The uploads are kept as files beside the store, byte for byte.
        let kept = folder.appendingPathComponent("uploads/zlib-how.html")
        #expect(try Data(contentsOf: kept) == Data(contentsOf: repositoryRoot.appendingPathComponent("Examples/documents/zlib-how.html")))

        let answer = try await http("POST", server.base.appendingPathComponent("query"), json: ["query": "Who designed SQLite?"])
        let result = try answer.object()
        #expect(answer.status == 200 && (result["answer"] as? String ?? "").contains("D. Richard Hipp"), "\(answer.text)")
        let references = result["references"] as? [[String: Any]] ?? []
        #expect(references.first?["document_path"] as? String == "uploads/sqlite-history.dbk.xml")

        let stream = try await http("POST", server.base.appendingPathComponent("query/stream"), json: ["query": "Who designed SQLite?"])
        #expect(stream.headers["content-type"]?.hasPrefix("text/event-stream") == true)
        let events = stream.text.components(separatedBy: "\n").filter { $0.hasPrefix("event: ") }
        #expect(events.first == "event: context" && events.contains("event: token") && events.suffix(2) == ["event: references", "event: done"],
                "\(stream.text.prefix(400))")
        #expect(stream.text.contains("D. Richard Hipp"))

        let view = try await http("GET", URL(string: server.base.absoluteString + "/graph?entity=SQLite&depth=1&max_nodes=20")!).object()
        let names = (view["nodes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("SQLite") && names.count <= 20 && !(view["edges"] as? [Any] ?? []).isEmpty, "\(view)")
        // A form-encoded query: `+` is a space.
        let hipp = try await http("GET", URL(string: server.base.absoluteString + "/graph?entity=D.+Richard+Hipp&depth=1")!).object()
        #expect((hipp["nodes"] as? [[String: Any]] ?? []).contains { $0["name"] as? String == "D. Richard Hipp" }, "\(hipp)")
        let graphML = try await http("GET", URL(string: server.base.absoluteString + "/graph?entity=SQLite&format=graphml")!)
        #expect(graphML.status == 200 && graphML.text.hasPrefix("<?xml") && graphML.text.contains("<graphml"))

        let entityURL = server.base.appendingPathComponent("entities").appendingPathComponent("SQLite")
        let edited = try await http("PATCH", entityURL, json: ["description": "An embedded SQL database engine, edited over HTTP."])
        #expect(edited.status == 200, "\(edited.text)")
        let entity = try await http("GET", entityURL).object()
        #expect(entity["description"] as? String == "An embedded SQL database engine, edited over HTTP.")
        let missing = try await http("GET", server.base.appendingPathComponent("entities/No Such Thing"))
        let missingError = try missing.object()["error"] as? [String: Any]
        #expect(missing.status == 404 && missingError?["status"] as? Int == 404)

        let documents = try await http("GET", server.base.appendingPathComponent("documents")).json() as? [[String: Any]] ?? []
        #expect(documents.count == 2)
        let id = documents.first { $0["path"] as? String == "uploads/zlib-how.html" }?["id"] as? String ?? ""
        #expect(try await http("DELETE", server.base.appendingPathComponent("documents/\(id)")).status == 200)
        let left = try await http("GET", server.base.appendingPathComponent("documents")).json() as? [[String: Any]] ?? []
        #expect(left.map { $0["path"] as? String } == ["uploads/sqlite-history.dbk.xml"])
        #expect(!FileManager.default.fileExists(atPath: kept.path), "a deleted upload's file goes with it")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("uploads/sqlite-history.dbk.xml").path))
        #expect(try await http("GET", server.base.appendingPathComponent("documents/\(id)")).status == 404)
    }

    @Test func anOpenWebUIStyleChatStreamsAnAnswer() async throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("chat.sqlite").path
        #expect(try rhizome(["ingest", Self.examples.path, "--store", store, "--quiet"], in: folder).status == 0)
        let server = try RunningServer(["--store", store], in: folder)
        let tags = try await http("GET", server.base.appendingPathComponent("api/tags")).object()
        #expect((tags["models"] as? [[String: Any]])?.first?["name"] as? String == "rhizome:latest")
        let chat = try await http("POST", server.base.appendingPathComponent("api/chat"), json: [
            "model": "rhizome:latest", "stream": true,
            "messages": [["role": "system", "content": "Be brief."], ["role": "user", "content": "/local Who designed SQLite?"]],
        ])
        let lines = chat.text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(chat.status == 200 && lines.count >= 2 && lines.last?["done"] as? Bool == true, "\(chat.text.prefix(300))")
        let text = lines.compactMap { ($0["message"] as? [String: Any])?["content"] as? String }.joined()
        #expect(text.contains("D. Richard Hipp"), "\(text)")
    }

    @Test func beyondLoopbackEveryRequestNeedsTheKey() async throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("keyed.sqlite").path
        let refused = try rhizome(["serve", "--host", "0.0.0.0", "--port", "0", "--store", store], in: folder)
        #expect(refused.status == 64 && refused.stderr.contains("API key is required"), "\(refused.stderr)")

        let server = try RunningServer(["--host", "0.0.0.0", "--store", store], in: folder, environment: ["RHIZOME_API_KEY": "s3cret"])
        for path in ["health", "documents", "openapi.json", "api/tags"] {
            let bare = try await http("GET", server.base.appendingPathComponent(path))
            #expect(bare.status == 401 && !bare.text.contains("s3cret"), "\(path): \(bare.status)")
            let wrong = try await http("GET", server.base.appendingPathComponent(path), headers: ["Authorization": "Bearer s3cre"])
            #expect(wrong.status == 401)
        }
        #expect(try await http("GET", server.base.appendingPathComponent("documents"), headers: ["Authorization": "Bearer s3cret"]).status == 200)
        #expect(try await http("GET", server.base.appendingPathComponent("health"), headers: ["X-API-Key": "s3cret"]).status == 200)
    }

    @Test func oversizeUploadsAndPathLikeFileNamesAreRefusedAndNothingIsStored() async throws {
        let folder = try makeTemporaryDirectory()
        let server = try RunningServer(["--store", folder.appendingPathComponent("limits.sqlite").path, "--max-upload-size", "4k"], in: folder)
        let big = try await upload(["iso-4217-currencies.xml"], to: server)
        let bigError = try big.object()["error"] as? [String: Any]
        #expect(big.status == 413 && bigError?["message"] != nil, "\(big.status) \(big.text)")
        for name in ["../escape.html", "/etc/passwd", "a/../../b.html", "..\\\\win.html"] {
            let (body, contentType) = multipartBody([(name: name, bytes: Data("<p>hello</p>".utf8))])
            let result = try await http("POST", server.base.appendingPathComponent("documents/upload"), body: body, headers: ["Content-Type": contentType])
            #expect(result.status == 400, "\(name): \(result.status) \(result.text)")
        }
        let notMultipart = try await http("POST", server.base.appendingPathComponent("documents/upload"), json: ["file": "x"])
        #expect(notMultipart.status == 400)
        let scan = try await http("POST", server.base.appendingPathComponent("documents/scan"))
        #expect(scan.status == 403)
        let badJSON = try await http("POST", server.base.appendingPathComponent("query"), body: Data("{\"quer".utf8), headers: ["Content-Type": "application/json"])
        #expect(badJSON.status == 400)
        let empty = try await http("POST", server.base.appendingPathComponent("query"), json: ["query": "anything"])
        #expect(empty.status == 409, "\(empty.text)")
        #expect((try await http("GET", server.base.appendingPathComponent("documents")).json() as? [Any])?.isEmpty == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escape.html").path))
    }

    @Test func twentyQueriesDuringAnIngestAllSucceed() async throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("busy.sqlite").path
        #expect(try rhizome(["ingest", Self.examples.appendingPathComponent("sqlite-history.dbk.xml").path, "--store", store, "--quiet"],
                            in: folder).status == 0)
        let server = try RunningServer(["--store", store, "--scan-folder", Self.examples.path], in: folder)
        let scan = try await http("POST", server.base.appendingPathComponent("documents/scan"))
        #expect(scan.status == 202, "\(scan.text)")
        let statuses = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for _ in 0..<20 {
                group.addTask {
                    let result = try await http("POST", server.base.appendingPathComponent("query"), json: ["query": "Who designed SQLite?"])
                    return (result.status, (try? result.object()["answer"] as? String)??.contains("Hipp") ?? false)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.count == 20 && statuses.allSatisfy { $0 == (200, true) }, "\(statuses)")
        let job = try await finishedJob(try scan.object()["id"] as? String ?? "", on: server)
        #expect(job["status"] as? String == "succeeded" && (job["report"] as? [String: Any])?["failed"] as? Int == 0, "\(job)")
        let documents = try await http("GET", server.base.appendingPathComponent("documents")).json() as? [Any] ?? []
        #expect(documents.count == 10)
    }
}
