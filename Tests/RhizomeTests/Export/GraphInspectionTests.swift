import Foundation
import Testing
@testable import Rhizome

/// `graph stats|search|neighbors|top` on the export fixture: a 6-entity chain and a hub with five spokes
/// (one spoke also linked to "Far Away"), the Hub–Spoke 1 relation supported twice.
@Suite struct GraphInspectionTests {
    @Test func statisticsCountComponentsAndDegrees() async throws {
        let store = try await ExportTests.store()
        let statistics = try await store.graphStatistics()
        #expect(statistics.entities == 13 && statistics.relations == 11)
        #expect(statistics.components == 2 && statistics.largestComponent == 7 && statistics.isolatedEntities == 0)
        #expect(statistics.maxDegree == 5)
        #expect(statistics.types.first == GraphStatistics.TypeCount(type: "concept", entities: 6))
        #expect(statistics.degreeDistribution.reduce(0) { $0 + $1.entities } == 13)
        #expect(statistics.degreeDistribution.first { $0.min == 4 }?.entities == 1)   // the hub, degree 5
    }

    @Test func searchNeighboursAndRankings() async throws {
        let store = try await ExportTests.store()
        await #expect(Set(try store.searchEntities("spoke", limit: 10).map(\.name)).isSuperset(of: (1...5).map { "Spoke \($0)" }))
        #expect(try await store.searchEntities("hub", limit: 10).first?.name == "Hub")
        let near = try #require(try await store.neighbourhood(of: "spoke 1", depth: 2, limit: 50))
        #expect(Set(near.filter { $0.depth == 1 }.map(\.name)) == ["Hub", "Far Away"])
        #expect(Set(near.filter { $0.depth == 2 }.map(\.name)) == Set((2...5).map { "Spoke \($0)" }))
        #expect(try await store.neighbourhood(of: "nobody", depth: 1, limit: 5) == nil)
        await #expect(try store.topEntities(limit: 1).first?.name == "Hub")
        let heaviest = try await #require(try store.topRelations(limit: 1).first)
        #expect(Set([heaviest.source, heaviest.target]) == ["Hub", "Spoke 1"] && heaviest.weight == 2)
    }
}
