import Foundation
@testable import Rhizome

/// Everything a store holds that a reader could notice, read through the protocols only and without row
/// ids (which may differ between two stores holding the same knowledge): documents, chunks, entities and
/// relations with their provenance, every mention, which chunks full-text search finds for the graph's
/// names, and how many vectors each kind has.
struct StoreSnapshot: Equatable, CustomStringConvertible {
    var documents: [String] = []
    var chunks: [String] = []
    var nodes: [String] = []
    var edges: [String] = []
    var mentions: Set<EntityMention> = []
    var relationMentions: Set<RelationMention> = []
    var searches: [String: [String]] = [:]
    var vectors: [String] = []

    init(_ store: any ConformingStore) async throws {
        for document in try await store.documents() {
            documents.append("\(document.path) \(document.status.rawValue) \(document.contentHash) \(document.chunkCount) \(document.title)")
            chunks += try await store.chunks(ofDocument: document.id).map {
                "\(document.path)#\($0.order) \($0.id) \($0.startOffset)–\($0.endOffset) \($0.headingPath) \($0.text)"
            }
        }
        var keys: Set<String> = []
        var names: [String] = []
        let graph = try await store.snapshot()
        try await graph.forEachNode(GraphSelection()) { node in
            nodes.append("\(node.name) (\(node.type)) \(node.description) aka \(node.aliases) degree \(node.degree) in \(node.chunks.sorted())")
            names.append(node.name)
        }
        for name in names { if let entity = try await store.entity(named: name) { keys.insert(entity.key) } }
        try await graph.forEachEdge(GraphSelection()) { edge in
            let (a, b) = (min(edge.source, edge.target), max(edge.source, edge.target))
            edges.append("\(a) — \(b) \(edge.keywords) \(edge.description) ×\(edge.weight) in \(edge.chunks.sorted())")
        }
        nodes.sort()
        edges.sort()
        mentions = Set(try await store.entityMentions(keys: keys))
        relationMentions = Set(try await store.relationMentions(touching: keys))
        for name in names.sorted().prefix(40) {
            let terms = name.split(separator: " ").map(String.init)
            searches[name] = try await store.lexicalChunks(matching: terms, limit: 20).sorted()
        }
        for target in EmbeddingTarget.allCases {
            let stored = try await store.storedVectors(target)
            let pending = try await store.pendingEmbeddings(target, limit: 1_000_000).count
            // Chunk vectors are keyed by chunk id (the same in both stores); entity and relation ids are counted.
            vectors.append("\(target.rawValue): \(target == .chunk ? stored.keys.sorted().joined(separator: ",") : "\(stored.keys.count)") pending \(pending)")
        }
    }

    /// What differs from `other`, part by part (at most three items each), for a failed expectation.
    func differences(from other: StoreSnapshot) -> String {
        func diff<T: Hashable>(_ name: String, _ mine: some Collection<T>, _ theirs: some Collection<T>) -> String? {
            let (a, b) = (Set(mine), Set(theirs))
            guard a != b else { return nil }
            return "\(name): only here \(a.subtracting(b).prefix(3).map { "\($0)" }), only there \(b.subtracting(a).prefix(3).map { "\($0)" })"
        }
        return [diff("documents", documents, other.documents), diff("chunks", chunks, other.chunks), diff("nodes", nodes, other.nodes),
                diff("edges", edges, other.edges), diff("mentions", mentions, other.mentions),
                diff("relation mentions", relationMentions, other.relationMentions),
                diff("searches", searches.map { "\($0.key): \($0.value)" }, other.searches.map { "\($0.key): \($0.value)" }),
                diff("vectors", vectors, other.vectors)].compactMap { $0 }.joined(separator: "\n")
    }

    var description: String {
        "\(documents.count) documents, \(chunks.count) chunks, \(nodes.count) entities, \(edges.count) relations, "
            + "\(mentions.count) + \(relationMentions.count) mentions; vectors \(vectors)"
    }
}
