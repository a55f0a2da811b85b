import Foundation

/// A hand-labelled passage (`Examples/eval/names/names.jsonl`): its text and the names a reader accepts
/// in it, with the forms that name one thing grouped as aliases.
public struct LabelledPassage: Sendable, Codable, Equatable {
    public var id: String
    public var language: String
    public var source: String
    public var text: String
    public var names: [String]
    public var aliases: [[String]]?

    /// The gold entities: each alias group once, every other name on its own.
    public var goldGroups: [Set<String>] {
        var groups: [Set<String>] = []
        var grouped: Set<String> = []
        for group in aliases ?? [] {
            let keys = Set(group.map(NameSampleScore.key))
            groups.append(keys)
            grouped.formUnion(keys)
        }
        for name in names where !grouped.contains(NameSampleScore.key(name)) {
            let key = NameSampleScore.key(name)
            if !groups.contains(where: { $0.contains(key) }) { groups.append([key]) }
        }
        return groups
    }

    public static func load(_ url: URL) throws -> [LabelledPassage] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.isEmpty }
            .map { try JSONDecoder().decode(LabelledPassage.self, from: Data($0.utf8)) }
    }
}

/// Precision and recall of an extractor's entity names against labelled passages: an extracted name is
/// right when it is one of the passage's names (any alias), compared without case, width or spacing
/// differences; each gold entity is found at most once.
public struct NameSampleScore: Sendable, Equatable {
    public var extracted = 0
    public var correct = 0
    public var gold = 0
    public var found = 0
    /// Extracted names that are not in the labels, for reading (at most 40).
    public var wrong: [String] = []
    /// Labelled names that were not extracted (at most 40).
    public var missed: [String] = []

    public init() {}

    public var precision: Double { extracted == 0 ? 0 : Double(correct) / Double(extracted) }
    public var recall: Double { gold == 0 ? 0 : Double(found) / Double(gold) }

    public mutating func add(_ passage: LabelledPassage, extractedNames: [String]) {
        let groups = passage.goldGroups
        let names = Array(Set(extractedNames.map(Self.key))).sorted()
        var matched = Set<Int>()
        for name in names {
            extracted += 1
            if let group = groups.indices.first(where: { groups[$0].contains(name) }) {
                correct += 1
                matched.insert(group)
            } else if wrong.count < 40 {
                wrong.append(name)
            }
        }
        gold += groups.count
        found += matched.count
        for index in groups.indices where !matched.contains(index) && missed.count < 40 {
            missed.append(groups[index].sorted().joined(separator: " / "))
        }
    }

    static func key(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
