import Foundation
import MCP
import Rhizome

/// What each tool does: arguments checked against the catalog's schema, the knowledge base called, the
/// outcome returned as text for the model and as structured JSON. Bad arguments and unknown names are
/// MCP `invalidParams` errors; anything else failing is an `internalError` naming the cause.
struct ToolHandlers: Sendable {
    let knowledgeBase: KnowledgeBase
    let allowedRoot: URL?

    func call(_ name: String, _ arguments: [String: Value]) async throws -> CallTool.Result {
        let input = ToolArguments(values: arguments)
        do {
            switch name {
            case "query": return try await query(input)
            case "search_entities":
                let text = try input.string("text") ?? ""
                let limit = try input.integer("limit", default: 20, in: 1...200)
                return try await result(["entities": text.isEmpty ? knowledgeBase.stored.topEntities(limit: limit) : knowledgeBase.stored.searchEntities(text, limit: limit)])
            case "get_entity":
                let entityName = try input.required("name")
                guard let entity = try await knowledgeBase.stored.entity(named: entityName) else { throw MCPError.invalidParams("no entity named '\(entityName)'") }
                return try result(entity)
            case "neighbors":
                let selection = try await knowledgeBase.stored.selection(around: try input.required("name"), depth: try input.integer("depth", default: 1, in: 1...3),
                                                            maxNodes: try input.integer("max_nodes", default: 50, in: 1...500))
                return try await result(try knowledgeBase.stored.view(selection))
            case "get_passage": return try await passage(input)
            case "list_documents":
                let status = try input.string("status")
                return try await result(["documents": try knowledgeBase.stored.documents().filter { status == nil || $0.status.rawValue == status }])
            case "ingest": return try await ingest(input)
            default: throw MCPError.methodNotFound("no tool named '\(name)'")
            }
        } catch let error as MCPError {
            throw error
        } catch ExportError.unknownEntity(let entity) {
            throw MCPError.invalidParams("no entity named '\(entity)'")
        } catch let error as StoreError {
            if case .documentNotFound = error { throw MCPError.invalidParams(error.description) }
            throw MCPError.internalError(error.description)
        } catch QueryError.emptyStore {
            throw MCPError.invalidParams("the store has no documents yet: ingest some first")
        } catch let error as QueryError {
            throw MCPError.invalidParams(error.description)
        } catch {
            throw MCPError.internalError("\(name) failed: \(error)")
        }
    }

    func query(_ input: ToolArguments) async throws -> CallTool.Result {
        let modeName = try input.string("mode") ?? "mix"
        guard let mode = QueryMode(rawValue: modeName) else { throw MCPError.invalidParams("mode must be one of \(QueryMode.allCases.map(\.rawValue))") }
        var request = QueryRequest(query: try input.required("question"), mode: mode)
        request.limits.topK = try input.integer("top_k", default: 40, in: 1...200)
        request.limits.chunkTopK = try input.integer("chunk_top_k", default: 20, in: 0...100)
        let outcome = try await knowledgeBase.query(request, contextOnly: try input.boolean("context_only") ?? false)
        let references = outcome.references.map { "[\($0.id)] \($0.documentPath) — \($0.documentTitle) (chunk \($0.chunkID), characters \($0.startOffset)–\($0.endOffset))" }
        let text = (outcome.answer ?? outcome.context) + (references.isEmpty ? "" : "\n\nReferences:\n" + references.joined(separator: "\n"))
        return try CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: Self.value(outcome))
    }

    /// A reference's chunk, or an exact span of a document.
    func passage(_ input: ToolArguments) async throws -> CallTool.Result {
        struct Passage: Encodable { var documentPath: String; var chunkID: String?; var startOffset: Int; var endOffset: Int; var text: String }
        let document = try await knowledgeBase.stored.storedDocument(try input.required("document"))
        if let chunkID = try input.string("chunk_id") {
            guard let chunk = try await knowledgeBase.stored.chunks(ofDocument: document.id).first(where: { $0.id == chunkID }) else {
                throw MCPError.invalidParams("document \(document.path) has no chunk \(chunkID)")
            }
            return try result(Passage(documentPath: document.path, chunkID: chunk.id, startOffset: chunk.startOffset, endOffset: chunk.endOffset, text: chunk.text),
                              text: chunk.text)
        }
        let scalars = Array(try await knowledgeBase.stored.text(ofDocument: document.id).unicodeScalars)
        let start = try input.integer("start_offset", default: 0, in: 0...scalars.count)
        let end = try input.integer("end_offset", default: scalars.count, in: start...scalars.count)
        let text = String(String.UnicodeScalarView(scalars[start..<end]))
        return try result(Passage(documentPath: document.path, chunkID: nil, startOffset: start, endOffset: end, text: text), text: text)
    }

    /// Files and folders under the allowed root only; a path that leaves it (`..`, a symlink) is refused.
    func ingest(_ input: ToolArguments) async throws -> CallTool.Result {
        guard let root = allowedRoot else { throw MCPError.invalidParams("this server was started without a folder to ingest from (rhizome mcp --allow-root DIR)") }
        let paths = try input.strings("paths")
        guard !paths.isEmpty else { throw MCPError.invalidParams("paths must name at least one file or folder") }
        var inside: [String] = []
        for path in paths {
            let resolved = root.appendingPathComponent(path).standardizedFileURL.resolvingSymlinksInPath()
            guard resolved.path == root.path || resolved.path.hasPrefix(root.path + "/") else {
                throw MCPError.invalidParams("\(path) is outside the allowed folder")
            }
            guard FileManager.default.fileExists(atPath: resolved.path) else { throw MCPError.invalidParams("\(path) does not exist") }
            inside.append(resolved.path)
        }
        let found = knowledgeBase.stored.discovery.files(in: inside)
        let report = try await knowledgeBase.ingest(found.files.map(IngestSource.file))
        return try result(report, text: "\(report.added) added, \(report.updated) updated, \(report.unchanged) unchanged, \(report.failed) failed; \(report.chunks) chunks")
    }

    /// `value` as text and as structured content (an object: lists come wrapped under a key).
    func result(_ value: some Encodable, text: String? = nil) throws -> CallTool.Result {
        let json = String(decoding: try MachineJSON.encoder().encode(value), as: UTF8.self)
        return try CallTool.Result(content: [.text(text: text ?? json, annotations: nil, _meta: nil)], structuredContent: Self.value(value))
    }

    /// The value as MCP JSON, keyed as every Rhizome output is (snake_case).
    static func value(_ value: some Encodable) throws -> Value {
        try JSONDecoder().decode(Value.self, from: MachineJSON.encoder(pretty: false).encode(value))
    }
}

/// A tool's arguments, read with the types its schema promises.
struct ToolArguments {
    let values: [String: Value]

    func string(_ key: String) throws -> String? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw MCPError.invalidParams("\(key) must be a string") }
        return text
    }

    func required(_ key: String) throws -> String {
        guard let text = try string(key), !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw MCPError.invalidParams("\(key) is required") }
        return text
    }

    func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value = values[key], !value.isNull else { return fallback }
        guard let number = value.intValue ?? value.doubleValue.flatMap({ $0 == $0.rounded() ? Int($0) : nil }), range.contains(number) else {
            throw MCPError.invalidParams("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    func boolean(_ key: String) throws -> Bool? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw MCPError.invalidParams("\(key) must be true or false") }
        return flag
    }

    func strings(_ key: String) throws -> [String] {
        guard let items = values[key]?.arrayValue else { throw MCPError.invalidParams("\(key) must be a list of strings") }
        return try items.map { item in
            guard let text = item.stringValue else { throw MCPError.invalidParams("\(key) must be a list of strings") }
            return text
        }
    }
}
