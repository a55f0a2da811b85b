import Foundation

/// The shape of the graph, for `rhizome graph stats`.
public struct GraphStatistics: Sendable, Codable, Equatable {
    public struct TypeCount: Sendable, Codable, Equatable { public var type: String; public var entities: Int }
    public struct DegreeBucket: Sendable, Codable, Equatable {
        /// Degrees from `min` to `max` inclusive.
        public var min: Int
        public var max: Int
        public var entities: Int
    }
    public var entities: Int
    public var relations: Int
    public var types: [TypeCount]
    public var degreeDistribution: [DegreeBucket]
    public var maxDegree: Int
    public var meanDegree: Double
    /// Connected components (an entity without relations is a component of its own).
    public var components: Int
    public var largestComponent: Int
    public var isolatedEntities: Int
}

/// The graph's shape worked out from its relations, one edge at a time (the store streams them): degrees,
/// and connected components by union-find.
struct GraphShape {
    private var parent: [Int64: Int64] = [:]
    private var degree: [Int64: Int] = [:]
    private var relations = 0

    mutating func add(_ a: Int64, _ b: Int64) {
        relations += 1
        degree[a, default: 0] += 1
        degree[b, default: 0] += 1
        if parent[a] == nil { parent[a] = a }
        if parent[b] == nil { parent[b] = b }
        let (rootA, rootB) = (root(a), root(b))
        if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
    }

    private mutating func root(_ id: Int64) -> Int64 {
        var node = id
        while let next = parent[node], next != node { parent[node] = parent[next] ?? next; node = next }
        return node
    }

    /// The statistics of a graph of `entities` entities (those without relations are components of their own).
    mutating func statistics(entities: Int, types: [GraphStatistics.TypeCount]) -> GraphStatistics {
        var sizes: [Int64: Int] = [:]
        for id in Array(parent.keys) { sizes[root(id), default: 0] += 1 }
        let isolated = entities - parent.count
        let maxDegree = degree.values.max() ?? 0
        return GraphStatistics(entities: entities, relations: relations, types: types,
                               degreeDistribution: Self.buckets(Array(degree.values), isolated: isolated, maxDegree: maxDegree),
                               maxDegree: maxDegree, meanDegree: entities == 0 ? 0 : Double(2 * relations) / Double(entities),
                               components: sizes.count + isolated, largestComponent: max(sizes.values.max() ?? 0, isolated > 0 ? 1 : 0),
                               isolatedEntities: isolated)
    }

    /// Degree 0 (isolated), 1, then doubling ranges: 2–3, 4–7, 8–15, …
    private static func buckets(_ degrees: [Int], isolated: Int, maxDegree: Int) -> [GraphStatistics.DegreeBucket] {
        var buckets: [GraphStatistics.DegreeBucket] = isolated > 0 ? [.init(min: 0, max: 0, entities: isolated)] : []
        var low = 1
        while low <= maxDegree {
            let high = low == 1 ? 1 : low * 2 - 1
            let count = degrees.filter { $0 >= low && $0 <= high }.count
            if count > 0 { buckets.append(.init(min: low, max: high, entities: count)) }
            low = low == 1 ? 2 : low * 2
        }
        return buckets
    }
}
