import Foundation

/// Orders what the graph returns for the question rather than by raw size: hubs are damped (a relation's
/// score falls with the log of its endpoints' degree), and every tie goes to a stable key (the entity
/// key, the endpoint keys), so two stores built from the same files in another order rank alike.
enum GraphRanking {
    /// Entities by fused score, ties by entity key.
    static func ordered(_ entities: [RetrievedEntity]) -> [RetrievedEntity] {
        entities.map { ($0, EntityKey.of($0.name)) }
            .sorted { differ($0.0.score, $1.0.score) ? $0.0.score > $1.0.score : $0.1 < $1.1 }.map(\.0)
    }

    /// Scores equal but for rounding (sums taken in another order) are a tie.
    static func differ(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) > 1e-9 * max(abs(a), abs(b))
    }

    /// Relations by fused score, ties by their endpoints' keys.
    static func ordered(_ relations: [RetrievedRelation]) -> [RetrievedRelation] {
        relations.map { ($0, EntityKey.pair($0.source, $0.target)) }
            .sorted { differ($0.0.score, $1.0.score) ? $0.0.score > $1.0.score : $0.1 < $1.1 }.map(\.0)
    }

    /// The relations of retrieved entities, scored by how well their endpoints matched the question, by
    /// how many chunks support them, and damped by how central they are.
    static func relations(_ relations: [RetrievedRelation], around entities: [RetrievedEntity]) -> [RetrievedRelation] {
        let scores = Dictionary(entities.map { ($0.id, $0.score) }, uniquingKeysWith: max)
        let scored = relations.map { relation -> RetrievedRelation in
            var relation = relation
            let endpoints = (scores[relation.sourceID] ?? 0) + (scores[relation.targetID] ?? 0)
            relation.score = endpoints * (1 + log(max(1, relation.weight))) / log(2 + Double(relation.degree))
            return relation
        }
        return ordered(scored)
    }

    /// Chunks in the order of the graph items that cite them: an item at rank r gives each of its chunks
    /// 1 / (60 + r), so a chunk several top items share comes first; ties by chunk id.
    static func supportOrder(_ items: [(score: Double, chunks: [String])]) -> [String] {
        var support: [String: Double] = [:]
        for (rank, item) in items.enumerated() {
            for chunk in Set(item.chunks) { support[chunk, default: 0] += 1 / (60 + Double(rank + 1)) }
        }
        return support.sorted { differ($0.value, $1.value) ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }
}
