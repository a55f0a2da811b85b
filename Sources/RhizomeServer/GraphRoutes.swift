import Foundation
import Hummingbird
import Rhizome

/// The graph: a neighbourhood (or the whole graph) as JSON or in any export format, entities and
/// relations to read and edit, and the store's counts.
struct GraphRoutes {
    let knowledgeBase: KnowledgeBase
    let settings: ServerSettings

    /// `PATCH /entities/{name}`: the fields to change (a new `name` renames).
    struct EntityChange: Decodable { var name: String?; var type: String?; var description: String? }
    /// `POST /entities/merge`.
    struct EntityMerge: Decodable { var names: [String]; var into: String }
    /// `PATCH /relations` and `DELETE /relations`.
    struct RelationChange: Decodable { var source: String; var target: String; var keywords: [String]?; var description: String? }

    func add(to router: Router<BasicRequestContext>) {
        router.get("/graph") { request, _ in try await graph(request, entity: "entity", depth: "depth") }
        // LightRAG's spelling of the same.
        router.get("/graphs") { request, _ in try await graph(request, entity: "label", depth: "max_depth") }
        router.get("/graph/stats") { _, _ in try await JSONBody.response(try knowledgeBase.stored.graphStatistics()) }
        router.get("/entities") { request, _ in
            let limit = try Self.integer(request, "limit", default: 20, in: 1...1000)
            guard let text = FormQuery(request)["search"], !text.isEmpty else {
                return try await JSONBody.response(try knowledgeBase.stored.topEntities(limit: limit))
            }
            return try await JSONBody.response(try knowledgeBase.stored.searchEntities(text, limit: limit))
        }
        router.get("/entities/{name}") { _, context in
            let name = try Self.name(context)
            guard let entity = try await knowledgeBase.stored.entity(named: name) else { throw EditError.unknownEntity(name) }
            return try JSONBody.response(entity)
        }
        router.patch("/entities/{name}") { request, context in
            let (name, change) = (try Self.name(context), try await JSONBody.decode(EntityChange.self, from: request, limit: settings.maxRequestBytes))
            return try JSONBody.response(try await knowledgeBase.edit { editor in
                if let newName = change.name, newName != name {
                    let renamed = try await editor.rename(name, to: newName)
                    guard change.type != nil || change.description != nil else { return renamed }
                    return try await editor.edit(newName, type: change.type, description: change.description)
                }
                return try await editor.edit(name, type: change.type, description: change.description)
            })
        }
        router.delete("/entities/{name}") { _, context in
            let name = try Self.name(context)
            return try JSONBody.response(try await knowledgeBase.edit { try await $0.delete(name) })
        }
        router.post("/entities/merge") { request, _ in
            let merge = try await JSONBody.decode(EntityMerge.self, from: request, limit: settings.maxRequestBytes)
            return try JSONBody.response(try await knowledgeBase.edit { try await $0.merge(merge.names, into: merge.into) })
        }
        router.patch("/relations") { request, _ in
            let change = try await JSONBody.decode(RelationChange.self, from: request, limit: settings.maxRequestBytes)
            return try JSONBody.response(try await knowledgeBase.edit {
                try await $0.editRelation(change.source, change.target, keywords: change.keywords, description: change.description)
            })
        }
        router.delete("/relations") { request, _ in
            let change = try await JSONBody.decode(RelationChange.self, from: request, limit: settings.maxRequestBytes)
            return try JSONBody.response(try await knowledgeBase.edit { try await $0.deleteRelation(change.source, change.target) })
        }
    }

    /// `?entity=NAME&depth=1&max_nodes=200&types=a,b&min_weight=0&format=json` (default: the view JSON).
    func graph(_ request: Request, entity entityKey: String, depth depthKey: String) async throws -> Response {
        let query = FormQuery(request)
        let entity = query[entityKey].flatMap { $0.isEmpty || $0 == "*" ? nil : $0 }
        let format = query["format"].map { $0.lowercased() } ?? "view"
        let maxNodes = try Self.integer(request, "max_nodes", default: 200, in: 1...100_000)
        // A view without a starting entity shows the best-connected part; an export is the whole graph.
        var selection: GraphSelection
        if entity == nil && format == "view" {
            selection = try await knowledgeBase.stored.selection(mostConnected: maxNodes)
        } else {
            let depth = try Self.integer(request, depthKey, default: 1, in: 0...10)
            selection = try await knowledgeBase.stored.selection(around: entity, depth: depth, maxNodes: maxNodes)
        }
        if let types = query["types"], !types.isEmpty { selection.types = Set(types.split(separator: ",").map(String.init)) }
        if let weight = query["min_weight"] {
            guard let value = Double(weight), value >= 0 else { throw APIError.badRequest("min_weight must be a number, 0 or more") }
            selection.minWeight = value
        }
        guard format != "view" else { return try await JSONBody.response(try knowledgeBase.stored.view(selection)) }
        guard let format = ExportFormat(rawValue: format), format != .csv else {
            throw APIError.badRequest("format must be view, \(ExportFormat.allCases.filter { $0 != .csv }.map(\.rawValue).joined(separator: ", "))")
        }
        return Response(status: .ok, headers: [.contentType: format.mediaType + "; charset=utf-8"],
                        body: Self.exportBody(selection, format: format, from: knowledgeBase.stored))
    }

    /// The export written to the client as it is read from one snapshot of the store, in pieces of about
    /// 64 KB: a large graph never sits in the server's memory whole.
    static func exportBody(_ selection: GraphSelection, format: ExportFormat, from stored: StoredKnowledge) -> ResponseBody {
        ResponseBody { body in
            let sink = TextSink()
            guard let writer = format.writer(into: sink) else { return }
            _ = try await stored.export(selection, to: writer, written: {
                if sink.collected.utf8.count >= 1 << 16 { try await body.write(ByteBuffer(string: sink.takeCollected())) }
            })
            try await body.write(ByteBuffer(string: sink.takeCollected()))
            try await body.finish(nil)
        }
    }

    static func name(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("name")
        return raw.removingPercentEncoding ?? raw
    }

    static func integer(_ request: Request, _ key: String, default value: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = FormQuery(request)[key] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.badRequest("\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
