import Foundation

/// Reads a schema-constrained extraction answer (`{"entities": […], "relations": […]}`) into records,
/// with the row parser's rules: names must be names (no template words, no self-loops), text is trimmed. A
/// model may still wrap the object in prose or stop before it closes; what can be read is kept.
enum StructuredExtractionParser {
    private struct Answer: Decodable {
        struct Entity: Decodable { let name: String?; let type: String?; let description: String? }
        struct Relation: Decodable {
            let source: String?
            let target: String?
            let keywords: Keywords?
            let description: String?
        }
        /// Keywords as the schema asks (one string) or as models also write them (a list).
        enum Keywords: Decodable {
            case text(String), list([String])
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let text = try? container.decode(String.self) { self = .text(text) } else { self = .list(try container.decode([String].self)) }
            }
            var joined: String { switch self { case .text(let text): text; case .list(let list): list.joined(separator: ", ") } }
        }
        let entities: [Entity]?
        let relations: [Relation]?
    }

    /// The records of `answer`; nil when it holds no JSON object at all (the caller may try the row format).
    static func parse(_ answer: String) -> ChunkExtraction? {
        guard let start = answer.firstIndex(of: "{") else { return nil }
        let text = String(answer[start...])
        let decoded = (try? JSONDecoder().decode(Answer.self, from: Data(text.utf8)))
            ?? answer.lastIndex(of: "}").flatMap { try? JSONDecoder().decode(Answer.self, from: Data(answer[start...$0].utf8)) }
            ?? closedPrefix(text[...]).flatMap { try? JSONDecoder().decode(Answer.self, from: Data($0.utf8)) }
        guard let decoded else { return nil }
        var rows: [String] = []
        let delimiter = ExtractionParser.delimiter
        for entity in decoded.entities ?? [] {
            rows.append(["entity", entity.name ?? "", entity.type ?? "", entity.description ?? ""].map(flat).joined(separator: delimiter))
        }
        for relation in decoded.relations ?? [] {
            rows.append(["relation", relation.source ?? "", relation.target ?? "", relation.keywords?.joined ?? "",
                         relation.description ?? ""].map(flat).joined(separator: delimiter))
        }
        // The row parser owns the rules for names and endpoints; a complete object is a complete answer.
        return ExtractionParser.parse(rows.joined(separator: "\n") + "\n" + ExtractionParser.completionMarker)
    }

    private static func flat(_ field: String) -> String {
        field.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ExtractionParser.delimiter, with: " ")
    }

    /// An answer cut short (by the token limit or the repetition guard), up to its last complete array
    /// element and then closed: `{"entities":[{…},{…},{"na` becomes `{"entities":[{…},{…}]}`.
    static func closedPrefix(_ text: Substring) -> String? {
        var open: [Character] = []
        var (inString, escaped) = (false, false)
        var lastElementEnd: (index: String.Index, closers: String)?
        for index in text.indices {
            let character = text[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
                continue
            }
            switch character {
            case "\"": inString = true
            case "{", "[": open.append(character)
            case "}", "]":
                guard !open.isEmpty else { return nil }
                open.removeLast()
                if open.last == "[" {
                    lastElementEnd = (text.index(after: index), String(open.reversed().map { $0 == "[" ? "]" : "}" }))
                }
            default: break
            }
        }
        return lastElementEnd.map { String(text[..<$0.index]) + $0.closers }
    }
}
