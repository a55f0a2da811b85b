/// Works out which entities and relations an export covers.
public struct SubgraphSelector: Sendable {
    public let store: any ExportStore

    public init(store: any ExportStore) { self.store = store }

    /// Breadth-first from the entity called `name`, `depth` hops, at most `maxNodes` entities: within a
    /// level the best-connected come first, and the export is the induced subgraph.
    public func around(_ name: String, depth: Int, maxNodes: Int) async throws -> GraphSelection {
        guard let start = try await store.entityID(named: name) else { throw ExportError.unknownEntity(name) }
        let reached = try await store.breadthFirst(from: start, depth: depth, limit: maxNodes - 1)
        return GraphSelection(entityIDs: Set([start] + reached.found.map(\.id)),
                              note: reached.truncated ? "stopped at --max-nodes \(maxNodes): more entities lie within depth \(depth)" : nil)
    }

    /// Everything with provenance in one document.
    public func document(_ pathOrID: String) async throws -> GraphSelection {
        let found = try await store.documentSubgraph(pathOrID)
        return GraphSelection(entityIDs: found.entities, relationIDs: found.relations)
    }

    /// The entities and relations a query retrieved (relations' endpoints included).
    public static func retrieved(_ retrieval: Retrieval) -> GraphSelection {
        let entities = Set(retrieval.entities.map(\.id)).union(retrieval.relations.flatMap { [$0.sourceID, $0.targetID] })
        return GraphSelection(entityIDs: entities, relationIDs: Set(retrieval.relations.map(\.id)))
    }
}

extension ExportStore {
    /// Breadth-first from `start`: at most `limit` other entities within `depth` hops, nearest first and,
    /// within a level, best-connected first; `truncated` when the limit left some out.
    public func breadthFirst(from start: Int64, depth: Int, limit: Int) async throws -> (found: [(id: Int64, depth: Int)], truncated: Bool) {
        var seen: Set<Int64> = [start]
        var frontier: Set<Int64> = [start]
        var found: [(id: Int64, depth: Int)] = []
        for level in 1...max(1, depth) where depth > 0 && !frontier.isEmpty {
            let next = try await neighbours(of: frontier).filter { !seen.contains($0.id) }
                .sorted { $0.degree != $1.degree ? $0.degree > $1.degree : $0.id < $1.id }
            let room = max(0, limit - found.count)
            found += next.prefix(room).map { ($0.id, level) }
            if next.count > room { return (found, true) }
            seen.formUnion(next.map(\.id))
            frontier = Set(next.map(\.id))
        }
        return (found, false)
    }
}

/// Why an export could not run.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    case unknownEntity(String)
    case unknownFormat(String)
    case needsDirectory(String)

    public var description: String {
        switch self {
        case .unknownEntity(let name): "no entity named '\(name)' (names and aliases are matched without regard to case)"
        case .unknownFormat(let format):
            "unknown format '\(format)': use one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        case .needsDirectory(let format): "--format \(format) writes nodes.csv and edges.csv: give a directory with -o"
        }
    }
}
