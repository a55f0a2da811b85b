/// Reciprocal-rank fusion: each list votes 1 / (k + rank) for its items, so an item several keywords (or
/// both the vector and the lexical search) agree on rises, and no list's raw scores need calibrating.
public enum RankFusion {
    public static func fuse<Key: Hashable & Comparable>(_ lists: [[Key]], k: Double = 60) -> [(key: Key, score: Double)] {
        var scores: [Key: Double] = [:]
        for list in lists {
            for (rank, key) in list.enumerated() { scores[key, default: 0] += 1 / (k + Double(rank + 1)) }
        }
        return scores.map { ($0.key, $0.value) }.sorted { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
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
