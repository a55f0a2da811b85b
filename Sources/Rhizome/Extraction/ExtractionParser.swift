import Foundation

/// Reads a model's extraction answer in the row format
/// `entity<|#|>NAME<|#|>TYPE<|#|>DESCRIPTION` / `relation<|#|>SOURCE<|#|>TARGET<|#|>KEYWORDS<|#|>DESCRIPTION`,
/// ending with `<|COMPLETE|>`, and forgives what models get wrong: fences, quotes, corrupted delimiters,
/// records glued on one line, a missing completion marker.
public enum ExtractionParser {
    public static let delimiter = "<|#|>"
    public static let completionMarker = "<|COMPLETE|>"

    /// Delimiter corruptions seen in the wild, all read as `<|#|>`.
    private static let corruptDelimiter = pattern(#"<\s*\|\s*#+\s*\|\s*>|<\|>|<#\|>|<\|#>|<#>|(?<![<|])\|#+\|(?![>|])"#)
    private static let marker = pattern(#"<\|?\s*complete\s*\|?>"#)
    /// A record keyword that does not start its line: records glued together.
    private static let gluedRecord = pattern(#"(?<=[^\n])[ \t]*(?=\(?["'`]?(?:entity|relationship|relation)["'`]?\s*<\|#\|>)"#)

    private static func pattern(_ source: String) -> NSRegularExpression {
        try! NSRegularExpression(pattern: source, options: [.caseInsensitive])
    }

    private static func replacing(_ regex: NSRegularExpression, in text: String, with template: String) -> String {
        regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    public static func parse(_ answer: String) -> ChunkExtraction {
        var text = replacing(corruptDelimiter, in: answer, with: NSRegularExpression.escapedTemplate(for: delimiter))
        var truncated = true
        if let found = marker.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
           let range = Range(found.range, in: text) {
            truncated = false
            text = String(text[..<range.lowerBound])
        }
        text = replacing(gluedRecord, in: text, with: "\n")

        var result = ChunkExtraction(truncated: truncated)
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard line.contains(delimiter) else { continue }   // prose, fences, blank lines
            var fields = line.components(separatedBy: delimiter).map(NameCleaner.clean)
            while fields.last == "" && fields.count > 4 { fields.removeLast() }
            let kind = fields[0].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "()#-*0123456789. "))
            switch (kind, fields.count) {
            case ("entity", 4):
                addEntity(fields[1], fields[2], fields[3], to: &result)
            case ("entity", 5), ("relation", 5), ("relationship", 5):
                addRelation(fields[1], fields[2], fields[3], fields[4], to: &result)
            default:
                result.droppedRecords += 1
            }
        }
        return result
    }

    /// Words of the prompt's own template that small models echo back as if they were names.
    static let placeholderNames: Set<String> = [
        "name", "entity", "entity name", "entity_name", "type", "entity type", "entity_type", "source", "target",
        "source entity", "target entity", "source_entity", "target_entity", "keywords", "relationship keywords",
        "description", "entity description", "relationship description", "relation", "relationship", "example",
        "n/a", "none", "unknown", "null",
    ]

    /// Whether `name` is a template word or an entity type rather than a name.
    static func isPlaceholder(_ name: String) -> Bool {
        let key = EntityKey.of(name)
        return placeholderNames.contains(key) || placeholderNames.contains(name.lowercased())
            || ModelExtractor.defaultEntityTypes.contains(key)
    }

    private static func addEntity(_ name: String, _ type: String, _ description: String, to result: inout ChunkExtraction) {
        guard !name.isEmpty, !EntityKey.of(name).isEmpty, !isPlaceholder(name) else {
            result.droppedRecords += 1
            return
        }
        result.absorb(ChunkExtraction(entities: [ExtractedEntity(name: name, type: NameCleaner.type(type),
                                                                 description: description.collapsingWhitespace)]))
    }

    private static func addRelation(_ source: String, _ target: String, _ keywords: String, _ description: String,
                                    to result: inout ChunkExtraction) {
        guard !source.isEmpty, !target.isEmpty, EntityKey.of(source) != EntityKey.of(target),
              !isPlaceholder(source), !isPlaceholder(target) else {
            result.droppedRecords += 1   // empty or placeholder endpoint, or a self-loop
            return
        }
        let words = keywords.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "，" }).map { NameCleaner.clean(String($0)) }
            .filter { !$0.isEmpty }
        var unique: [String] = []
        for word in words where !unique.contains(word) { unique.append(word) }
        result.absorb(ChunkExtraction(relations: [ExtractedRelation(source: source, target: target, keywords: unique,
                                                                    description: description.collapsingWhitespace)]))
    }
}
