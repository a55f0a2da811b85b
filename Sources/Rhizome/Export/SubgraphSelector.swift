/// Works out which entities and relations an export covers.
public struct SubgraphSelector: Sendable {
    public let store: any ExportStore

    public init(store: any ExportStore) { self.store = store }

    /// Breadth-first from the entity called `name`, `depth` hops, at most `maxNodes` entities: within a
    /// level the best-connected come first, and the export is the induced subgraph.
    public func around(_ name: String, depth: Int, maxNodes: Int) throws -> GraphSelection {
        guard let start = try store.entityID(named: name) else { throw ExportError.unknownEntity(name) }
        var selected: Set<Int64> = [start]
        var frontier: Set<Int64> = [start]
        var truncated = false
        for _ in 0..<max(0, depth) where !frontier.isEmpty && !truncated {
            let candidates = try store.neighbours(of: frontier).filter { !selected.contains($0.id) }
                .sorted { $0.degree != $1.degree ? $0.degree > $1.degree : $0.id < $1.id }
            let room = maxNodes - selected.count
            if candidates.count > room { truncated = true }
            let taken = candidates.prefix(max(0, room)).map(\.id)
            selected.formUnion(taken)
            frontier = Set(taken)
        }
        return GraphSelection(entityIDs: selected,
                              note: truncated ? "stopped at --max-nodes \(maxNodes): more entities lie within depth \(depth)" : nil)
    }

    /// Everything with provenance in one document.
    public func document(_ pathOrID: String) throws -> GraphSelection {
        let found = try store.documentSubgraph(pathOrID)
        return GraphSelection(entityIDs: found.entities, relationIDs: found.relations)
    }

    /// The entities and relations a query retrieved (relations' endpoints included).
    public static func retrieved(_ retrieval: Retrieval) -> GraphSelection {
        let entities = Set(retrieval.entities.map(\.id)).union(retrieval.relations.flatMap { [$0.sourceID, $0.targetID] })
        return GraphSelection(entityIDs: entities, relationIDs: Set(retrieval.relations.map(\.id)))
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
