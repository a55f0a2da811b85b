import Foundation

/// Why a file could not be imported. Nothing is written when this is thrown.
public enum ImportError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .unreadable(let detail): "cannot read the import file: \(detail)"
        case .malformed(let detail): "not a graph Rhizome can import: \(detail)"
        }
    }
}

/// A graph to import: Rhizome's own JSON or JSON Lines export (`nodes`, `edges`, optional `chunks`), or the
/// same written by hand (`entities`, `relations`, optional `chunks` with their text).
public struct ImportFile: Sendable, Equatable {
    public struct Entity: Sendable, Equatable {
        /// The file's id for the entity (an exported node id), used by relations that cite it.
        public var id: String?
        public var name: String
        public var type: String
        public var description: String
        public var aliases: [String]
        /// Ids of chunks (in this file or already in the store) that support it.
        public var chunks: [String]
    }

    public struct Relation: Sendable, Equatable {
        public var id: String?
        public var source: String
        public var target: String
        public var sourceID: String?
        public var targetID: String?
        public var keywords: [String]
        public var description: String
        public var chunks: [String]
    }

    public struct SourceChunk: Sendable, Equatable {
        public var id: String
        public var document: String?
        public var documentTitle: String?
        public var order: Int?
        public var headingPath: [String]
        public var start: Int?
        public var end: Int?
        public var text: String
    }

    public var entities: [Entity] = []
    public var relations: [Relation] = []
    public var chunks: [SourceChunk] = []

    /// Reads JSON (an object with the arrays) or JSON Lines (one object per line with a `kind`).
    public static func parse(_ data: Data) throws(ImportError) -> ImportFile {
        let text = String(decoding: data, as: UTF8.self)
        var file = ImportFile()
        do {
            if let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] {
                for (index, item) in try array(root, "nodes", "entities").enumerated() {
                    file.entities.append(try entity(item, at: "entities[\(index)]"))
                }
                for (index, item) in try array(root, "edges", "relations").enumerated() {
                    file.relations.append(try relation(item, at: "relations[\(index)]"))
                }
                for (index, item) in try array(root, "chunks").enumerated() {
                    file.chunks.append(try chunk(item, at: "chunks[\(index)]"))
                }
            } else {
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    guard !trimmed.isEmpty else { continue }
                    guard let item = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) as? [String: Any] else {
                        throw ImportError.malformed(number == 0 ? "neither a JSON object nor JSON Lines" : "line \(number + 1) is not a JSON object")
                    }
                    let place = "line \(number + 1)"
                    switch item["kind"] as? String {
                    case "node", "entity": file.entities.append(try entity(item, at: place))
                    case "edge", "relation": file.relations.append(try relation(item, at: place))
                    case "chunk": file.chunks.append(try chunk(item, at: place))
                    case "graph": continue
                    default: throw ImportError.malformed("\(place): \"kind\" must be node, edge, chunk or graph")
                    }
                }
            }
        } catch let error as ImportError {
            throw error
        } catch {
            throw .malformed("\(error)")
        }
        if file.entities.isEmpty && file.relations.isEmpty { throw .malformed("no entities or relations in the file") }
        return file
    }

    private static func array(_ root: [String: Any], _ keys: String...) throws(ImportError) -> [[String: Any]] {
        guard let key = keys.first(where: { root[$0] != nil }) else { return [] }
        guard let items = root[key] as? [[String: Any]] else { throw .malformed("\"\(key)\" must be an array of objects") }
        return items
    }

    private static func entity(_ item: [String: Any], at place: String) throws(ImportError) -> Entity {
        guard let name = string(item["name"]).map(NameCleaner.clean), !name.isEmpty else { throw .malformed("\(place): an entity needs a \"name\"") }
        return Entity(id: string(item["id"]), name: name, type: NameCleaner.type(string(item["type"]) ?? "unknown"),
                      description: string(item["description"]) ?? "", aliases: strings(item["aliases"]),
                      chunks: strings(item["chunks"]))
    }

    private static func relation(_ item: [String: Any], at place: String) throws(ImportError) -> Relation {
        let source = string(item["source"]).map(NameCleaner.clean) ?? ""
        let target = string(item["target"]).map(NameCleaner.clean) ?? ""
        let sourceID = string(item["source_id"]), targetID = string(item["target_id"])
        guard (!source.isEmpty || sourceID != nil) && (!target.isEmpty || targetID != nil) else {
            throw .malformed("\(place): a relation needs a \"source\" and a \"target\"")
        }
        return Relation(id: string(item["id"]), source: source, target: target, sourceID: sourceID, targetID: targetID,
                        keywords: strings(item["keywords"]), description: string(item["description"]) ?? "",
                        chunks: strings(item["chunks"]))
    }

    private static func chunk(_ item: [String: Any], at place: String) throws(ImportError) -> SourceChunk {
        guard let text = item["text"] as? String, let id = string(item["id"]) else {
            throw .malformed("\(place): a chunk needs an \"id\" and its \"text\"")
        }
        return SourceChunk(id: id, document: string(item["document"]), documentTitle: string(item["document_title"]),
                           order: item["ord"] as? Int, headingPath: strings(item["heading_path"]),
                           start: item["start"] as? Int, end: item["end"] as? Int, text: text)
    }

    /// A string, or a number written as one (ids may be either).
    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    /// An array of strings, or one comma-separated string.
    private static func strings(_ value: Any?) -> [String] {
        if let items = value as? [Any] { return items.compactMap { string($0) } }
        if let text = value as? String {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return []
    }
}
