/// Fits retrieved items into the token budgets, best first: entities up to their budget, relations up to
/// theirs, then chunks (each with its reference line) in whatever the whole prompt leaves. Every line
/// ends in a newline and starts with a non-space character, so section counts add up exactly; the sections
/// are still recounted at the end and trimmed if the tokenizer disagrees.
public struct ContextBuilder: Sendable {
    public let tokenizer: any Tokenizer
    public let budgets: TokenBudgets

    public init(tokenizer: any Tokenizer, budgets: TokenBudgets) {
        self.tokenizer = tokenizer
        self.budgets = budgets
    }

    static let entityHeader = "-----Entities-----\n"
    static let relationHeader = "-----Relations-----\n"
    static let chunkHeader = "-----Sources-----\n"
    static let referenceHeader = "-----References-----\n"

    /// - Parameter fixedTokens: what the rest of the prompt (instructions, history, question) costs.
    public func build(_ retrieval: Retrieval, fixedTokens: Int) -> QueryContext {
        var context = QueryContext()
        let entityLines = retrieval.entities.map(Self.line)
        let (entityCount, entitySection) = fit(entityLines, header: Self.entityHeader, budget: budgets.maxEntityTokens)
        context.entities = Array(retrieval.entities.prefix(entityCount))
        context.entitySection = entitySection

        let relationLines = retrieval.relations.map(Self.line)
        let (relationCount, relationSection) = fit(relationLines, header: Self.relationHeader, budget: budgets.maxRelationTokens)
        context.relations = Array(retrieval.relations.prefix(relationCount))
        context.relationSection = relationSection

        var remaining = budgets.maxTotalTokens - fixedTokens - count(entitySection) - count(relationSection)
            - tokenizer.count(Self.chunkHeader) - tokenizer.count(Self.referenceHeader)
        var chunkSection = ""
        var referenceSection = ""
        for chunk in retrieval.chunks {
            let reference = QueryReference(id: context.chunks.count + 1, chunkID: chunk.id, documentPath: chunk.documentPath,
                                           documentTitle: chunk.documentTitle, headingPath: chunk.headingPath,
                                           startOffset: chunk.startOffset, endOffset: chunk.endOffset)
            let body = Self.line(chunk, reference: reference.id)
            let referenceLine = Self.line(reference)
            let cost = tokenizer.count(body) + tokenizer.count(referenceLine)
            guard cost <= remaining else { break }
            remaining -= cost
            chunkSection += body
            referenceSection += referenceLine
            context.chunks.append(ContextChunk(reference: reference.id, chunk: chunk))
            context.references.append(reference)
        }
        context.chunkSection = context.chunks.isEmpty ? "" : Self.chunkHeader + chunkSection
        context.referenceSection = context.references.isEmpty ? "" : Self.referenceHeader + referenceSection
        context.tokens = ContextTokens(entities: count(context.entitySection), relations: count(context.relationSection),
                                       chunks: count(context.chunkSection), references: count(context.referenceSection))
        return context
    }

    /// As many lines as fit in `budget` with the header, and the section they make ("" when none fit).
    private func fit(_ lines: [String], header: String, budget: Int) -> (Int, String) {
        var used = tokenizer.count(header)
        var taken = 0
        for line in lines {
            let cost = tokenizer.count(line)
            guard used + cost <= budget else { break }
            used += cost
            taken += 1
        }
        while taken > 0, tokenizer.count(header + lines.prefix(taken).joined()) > budget { taken -= 1 }
        return (taken, taken == 0 ? "" : header + lines.prefix(taken).joined())
    }

    private func count(_ section: String) -> Int { section.isEmpty ? 0 : tokenizer.count(section) }

    static func line(_ entity: RetrievedEntity) -> String {
        "- \(entity.name) (\(entity.type)): \(entity.description.onOneLine)\n"
    }

    static func line(_ relation: RetrievedRelation) -> String {
        let keywords = relation.keywords.isEmpty ? "" : " [\(relation.keywords.joined(separator: ", "))]"
        return "- \(relation.source) — \(relation.target)\(keywords): \(relation.description.onOneLine)\n"
    }

    /// "Title › Heading › Subheading", without repeating a title the first heading restates.
    static func place(title: String, headingPath: [String]) -> String {
        let headings = headingPath.first == title ? Array(headingPath.dropFirst()) : headingPath
        return ([title] + headings).filter { !$0.isEmpty }.joined(separator: " › ")
    }

    static func line(_ chunk: RetrievedChunk, reference: Int) -> String {
        let place = place(title: chunk.documentTitle, headingPath: chunk.headingPath)
        return "[\(reference)] \(place.isEmpty ? chunk.documentPath : place)\n\(chunk.text.trimmingCharacters(in: .whitespacesAndNewlines))\n"
    }

    static func line(_ reference: QueryReference) -> String {
        let place = place(title: reference.documentTitle, headingPath: reference.headingPath)
        return "[\(reference.id)] \(reference.documentPath)\(place.isEmpty ? "" : " — " + place) "
            + "(characters \(reference.startOffset)–\(reference.endOffset))\n"
    }
}

extension String {
    /// The text with its line breaks turned into spaces (for one-line renderings: context lines, comments).
    var onOneLine: String { split(whereSeparator: \.isNewline).joined(separator: " ") }
}
