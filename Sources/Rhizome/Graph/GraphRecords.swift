/// An entity as it will be stored: the merge of all its mentions.
public struct EntityRecord: Sendable, Equatable {
    public var key: String
    public var name: String
    public var type: String
    public var description: String
    public var aliases: [String]
}

/// A relation as it will be stored: the merge of all its mentions.
public struct RelationRecord: Sendable, Equatable {
    public var key: RelationKey
    public var keywords: [String]
    public var description: String
    /// Distinct supporting chunks.
    public var weight: Int
}

/// Merges mentions into records: most frequent surface form as the name, type by majority vote, every
/// surface form an alias, description fragments deduplicated and condensed by the summarizer when long.
public struct GraphMerger: Sendable {
    public let summarizer: any DescriptionSummarizer

    public init(summarizer: any DescriptionSummarizer) { self.summarizer = summarizer }

    /// The record for entity `key`, or nil when nothing mentions it any more. `endpointNames` counts the
    /// surface forms relation mentions use for it (they become aliases); `relationMentions` are only needed
    /// when no chunk describes the entity itself, as its name and description then come from them.
    public func entity(key: String, mentions: [EntityMention], endpointNames: [String: Int],
                       relationMentions: [RelationMention]) async throws -> EntityRecord? {
        let mentions = mentions.sorted { provenanceOrder(($0.documentPath, $0.chunkOrder, $0.chunkID),
                                                         ($1.documentPath, $1.chunkOrder, $1.chunkID)) }
        var aliases = Set(mentions.flatMap { [$0.name] + $0.aliases }).union(endpointNames.keys)
        let name: String
        let fragments: [String]
        if mentions.isEmpty {
            let relationMentions = relationMentions.sorted { provenanceOrder(($0.documentPath, $0.chunkOrder, $0.chunkID),
                                                                             ($1.documentPath, $1.chunkOrder, $1.chunkID)) }
            let endpointNames = relationMentions.map { $0.key.source == key ? $0.sourceName : $0.targetName }
            guard let mostFrequent = Self.mostFrequent(endpointNames) else { return nil }
            aliases.formUnion(endpointNames)
            name = mostFrequent
            fragments = relationMentions.map(\.description)
        } else {
            name = Self.mostFrequent(mentions.map(\.name))!
            fragments = mentions.map(\.description)
        }
        let type = Self.mostFrequent(mentions.map(\.type).filter { $0 != "unknown" }) ?? "unknown"
        let description = try await summarizer.describe(name: name, fragments: Self.distinct(fragments))
        return EntityRecord(key: key, name: name, type: type, description: description, aliases: aliases.sorted())
    }

    /// The record for relation `key`, or nil when no chunk supports it any more.
    public func relation(key: RelationKey, mentions: [RelationMention], names: (String, String)) async throws -> RelationRecord? {
        guard !mentions.isEmpty else { return nil }
        let mentions = mentions.sorted { provenanceOrder(($0.documentPath, $0.chunkOrder, $0.chunkID),
                                                         ($1.documentPath, $1.chunkOrder, $1.chunkID)) }
        var counts: [String: Int] = [:]
        var firstSeen: [String] = []
        for keyword in mentions.flatMap(\.keywords) {
            if counts[keyword] == nil { firstSeen.append(keyword) }
            counts[keyword, default: 0] += 1
        }
        let keywords = firstSeen.enumerated().sorted { a, b in
            counts[a.element]! != counts[b.element]! ? counts[a.element]! > counts[b.element]! : a.offset < b.offset
        }.map(\.element)
        let description = try await summarizer.describe(name: "\(names.0) — \(names.1)",
                                                        fragments: Self.distinct(mentions.map(\.description)))
        return RelationRecord(key: key, keywords: keywords, description: description,
                              weight: Set(mentions.map(\.chunkID)).count)
    }

    /// The most frequent value; ties go to the one seen first.
    static func mostFrequent(_ values: [String]) -> String? {
        var counts: [String: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        var best: String?
        for value in values where best == nil || counts[value]! > counts[best!]! { best = value }
        return best
    }

    /// Non-empty fragments with duplicates (ignoring case and spacing) removed, first occurrence kept.
    static func distinct(_ fragments: [String]) -> [String] {
        var seen: Set<String> = []
        return fragments.filter { fragment in
            let normal = fragment.collapsingWhitespace.lowercased()
            return !normal.isEmpty && seen.insert(normal).inserted
        }
    }
}
