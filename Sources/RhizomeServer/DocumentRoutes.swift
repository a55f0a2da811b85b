import Foundation
import Hummingbird
import Rhizome

/// Documents: list, one with its chunks, delete; upload files or scan the start-up folder as ingest jobs.
struct DocumentRoutes {
    let knowledgeBase: KnowledgeBase
    let jobs: IngestJobs
    let settings: ServerSettings

    /// One document as `GET /documents/{id}` shows it.
    struct Detail: Encodable {
        var document: StoredDocument
        var chunks: [StoredChunk]
    }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/documents") { request, _ in
            let status = FormQuery(request)["status"]
            if let status, DocumentStatus(rawValue: status) == nil {
                throw APIError.badRequest("status must be one of \(DocumentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return try await JSONBody.response(try knowledgeBase.stored.documents().filter { status == nil || $0.status.rawValue == status })
        }
        router.get("/documents/{id}") { request, context in
            let document = try await knowledgeBase.stored.storedDocument(try context.parameters.require("id"))
            let withText = ["true", "1", "yes"].contains(FormQuery(request)["text"] ?? "")
            let chunks = try await knowledgeBase.stored.chunks(ofDocument: document.id).map { chunk in
                var chunk = chunk
                if !withText { chunk.text = "" }
                return chunk
            }
            return try JSONBody.response(Detail(document: document, chunks: chunks))
        }
        router.delete("/documents/{id}") { _, context in
            let deleted = try await knowledgeBase.delete(storedDocument: try context.parameters.require("id"))
            // An uploaded file goes with its document; a file of the scan folder is the user's and stays.
            if let file = uploadedFile(storedPath: deleted.path) { try? FileManager.default.removeItem(at: file) }
            return try JSONBody.response(deleted)
        }
        router.post("/documents/upload") { request, _ in try writable(); return try await upload(request) }
        router.post("/documents/scan") { _, _ in try writable(); return try await scan() }
        router.get("/jobs") { _, _ in try JSONBody.response(await jobs.all()) }
        router.get("/jobs/{id}") { _, context in
            guard let job = await jobs.job(try context.parameters.require("id")) else { throw APIError.notFound("no such job") }
            return try JSONBody.response(job)
        }
        router.get("/jobs/{id}/events") { _, context in try await events(ofJob: try context.parameters.require("id")) }
    }

    /// Refuses a change to a read-only store before anything is queued.
    func writable() throws {
        if knowledgeBase.stored.isReadOnly { throw StoreError.readOnly(path: knowledgeBase.path) }
    }

    /// Keeps each file as `uploads/NAME` in the store's folder (a bare name: no request path reaches any
    /// other place), replacing an earlier upload of that name, and ingests it from there, so the document's
    /// path is a real file that later ingests, `--prune` and `documents show` see.
    func upload(_ request: Request) async throws -> Response {
        let body = try await JSONBody.collect(request, limit: settings.maxUploadBytes)
        let files = try MultipartUpload.files(in: body, contentType: request.headers[.contentType])
        let folder = uploadsFolder
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in files { try Data(file.bytes).write(to: folder.appendingPathComponent(file.name), options: .atomic) }
        } catch {
            throw APIError(HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), "the upload could not be kept beside the store: \(error.localizedDescription)")
        }
        let found = knowledgeBase.stored.discovery.files(in: files.map { folder.appendingPathComponent($0.name).path })
        return try JSONBody.response(await jobs.submit(found.files.map(IngestSource.file), paths: found.files.map(\.storedPath)),
                                     status: .accepted)
    }

    /// `uploads/` in the store's folder.
    var uploadsFolder: URL { URL(fileURLWithPath: knowledgeBase.path).deletingLastPathComponent().appendingPathComponent("uploads") }

    /// The kept file of an uploaded document, if `storedPath` is one.
    func uploadedFile(storedPath: String) -> URL? {
        guard storedPath.hasPrefix("uploads/"), !storedPath.dropFirst("uploads/".count).contains("/") else { return nil }
        let file = uploadsFolder.appendingPathComponent(String(storedPath.dropFirst("uploads/".count)))
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// Ingests the folder given at start-up (new and changed files; unchanged ones cost nothing).
    func scan() async throws -> Response {
        guard let folder = settings.scanFolder else {
            throw APIError(.forbidden, "this server was started without a folder to scan (rhizome serve --scan-folder DIR)")
        }
        let found = knowledgeBase.stored.discovery.files(in: [folder.path])
        return try JSONBody.response(await jobs.submit(found.files.map(IngestSource.file), paths: found.files.map(\.storedPath)),
                                     status: .accepted)
    }

    /// The job's state as server-sent events whenever it changes, ending with the finished job.
    func events(ofJob id: String) async throws -> Response {
        guard await jobs.job(id) != nil else { throw APIError.notFound("no such job") }
        let jobs = self.jobs
        return ServerSentEvents.response { send in
            var last: IngestJob?
            while let job = await jobs.job(id) {
                if job != last { try await send(job.isFinished ? "done" : "progress", job) }
                if job.isFinished { return }
                last = job
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
