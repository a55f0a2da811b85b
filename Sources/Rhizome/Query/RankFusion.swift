import Foundation

/// Weighted reciprocal-rank fusion: each list votes `weight / (k + rank)` for its items, so an item several
/// keywords (or both the vector and the lexical search) agree on rises, a list that earns less on
/// `rhizome eval` counts less, and no list's raw scores need calibrating. Ties go to the smaller key, so
/// the order never depends on timing or on the order rows were stored in.
public enum RankFusion {
    public static func fuse<Key: Hashable & Comparable>(_ lists: [[Key]], k: Double = 60) -> [(key: Key, score: Double)] {
        fuse(lists.map { ($0, 1.0) }, k: k)
    }

    public static func fuse<Key: Hashable & Comparable>(_ lists: [(keys: [Key], weight: Double)], k: Double = 60)
        -> [(key: Key, score: Double)] {
        var scores: [Key: Double] = [:]
        for (keys, weight) in lists where weight > 0 {
            for (rank, key) in keys.enumerated() { scores[key, default: 0] += weight / (k + Double(rank + 1)) }
        }
        return scores.map { ($0.key, $0.value) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
    }

    /// Fusion of lists whose items may tie: items of one group share the rank of the group's first item
    /// (competition ranking), so which of two equal vector scores comes first cannot matter.
    public static func fuse<Key: Hashable & Comparable>(groups lists: [(groups: [[Key]], weight: Double)], k: Double = 60)
        -> [(key: Key, score: Double)] {
        var scores: [Key: Double] = [:]
        for (groups, weight) in lists where weight > 0 {
            var rank = 1
            for group in groups {
                for key in group { scores[key, default: 0] += weight / (k + Double(rank)) }
                rank += group.count
            }
        }
        return scores.map { ($0.key, $0.value) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
    }

    /// The first `count` fused items and those after them that tie with the last: ties are broken by key,
    /// and an entity's or relation's key (its row id) depends on the order things were stored in, so a cut
    /// at `count` is made only after the caller has ordered the tied items by what they are.
    public static func leading<Key>(_ fused: [(key: Key, score: Double)], _ count: Int) -> [(key: Key, score: Double)] {
        guard count > 0, fused.count > count else { return Array(fused.prefix(max(0, count))) }
        let last = fused[count - 1].score
        var end = count
        while end < fused.count, !GraphRanking.differ(fused[end].score, last) { end += 1 }
        return Array(fused[..<end])
    }

    /// Items with equal scores grouped, best first.
    public static func tieGroups<Key>(_ scored: [(key: Key, score: Float)]) -> [[Key]] {
        var groups: [[Key]] = []
        var last: Float?
        for item in scored {
            if item.score == last { groups[groups.count - 1].append(item.key) } else { groups.append([item.key]) }
            last = item.score
        }
        return groups
    }

    /// Round-robin merge of ranked lists with duplicates removed (first occurrence wins).
    public static func interleave<Item, Key: Hashable>(_ lists: [[Item]], key: (Item) -> Key) -> [Item] {
        var seen: Set<Key> = []
        var merged: [Item] = []
        for index in 0..<(lists.map(\.count).max() ?? 0) {
            for list in lists where index < list.count && seen.insert(key(list[index])).inserted {
                merged.append(list[index])
            }
        }
        return merged
    }
}

/// How much each ranked list counts when `Retriever` fuses them, and the fusion's `k`. The defaults were
/// chosen with `rhizome eval` on the odd-numbered questions of the shipped sets (the README says how, and
/// what the held-out questions score); the offline graph earns little yet, so it mostly reorders ties.
public struct FusionWeights: Sendable, Equatable {
    /// The store's BM25 ranking of chunks for the question.
    public var lexical: Double
    /// The vector ranking of chunks for the question.
    public var vector: Double
    /// Chunks reached through the graph (entities' and relations' provenance).
    public var graph: Double
    public var k: Double
    /// In the graph modes, each further chunk of a document already ranked has its score multiplied by
    /// `1 - diversity` (0 turns it off): questions about themes want several documents.
    public var diversity: Double

    public init(lexical: Double = 1, vector: Double = 0.1, graph: Double = 0.05, k: Double = 5, diversity: Double = 0) {
        self.lexical = lexical
        self.vector = vector
        self.graph = graph
        self.k = k
        self.diversity = diversity
    }
}

extension RankFusion {
    /// `ranked` reordered so that each further item of a group already placed counts `1 - diversity`
    /// times its score (greedy, stable: ties keep their order).
    static func spread<Key>(_ ranked: [(key: Key, score: Double)], diversity: Double, group: (Key) -> String)
        -> [(key: Key, score: Double)] {
        guard diversity > 0 else { return ranked }
        var remaining = ranked
        var placed: [String: Int] = [:]
        var result: [(key: Key, score: Double)] = []
        while !remaining.isEmpty {
            var best = 0
            var bestScore = -Double.infinity
            for (index, item) in remaining.enumerated() {
                let score = item.score * pow(1 - diversity, Double(placed[group(item.key), default: 0]))
                if score > bestScore { (best, bestScore) = (index, score) }
            }
            let item = remaining.remove(at: best)
            placed[group(item.key), default: 0] += 1
            result.append((item.key, bestScore))
        }
        return result
    }
}
