import Testing
@testable import Rhizome

@Suite struct HeuristicExtractorTests {
    let extractor = HeuristicExtractor()

    func extract(_ text: String, headings: [String] = []) -> ChunkExtraction {
        extractor.extractNow(ExtractionInput(text: text, headingPath: headings, documentTitle: "Test"))
    }

    @Test func findsTypedEntitiesAndTheirSentences() {
        let result = extract("""
            SQLite was designed by D. Richard Hipp in 2000 while he worked for General Dynamics Corporation. \
            Dr. Ada Lovelace visited Concord in March 1843. The Apache Software Foundation hosts many projects.
            """)
        let types = Dictionary(result.entities.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        #expect(types["SQLite"] == "concept")
        #expect(types["D. Richard Hipp"] == "person")
        #expect(types["General Dynamics Corporation"] == "organization")
        #expect(types["Ada Lovelace"] == "person")
        #expect(types["Concord"] == "location")
        #expect(types["March 1843"] == "event")
        #expect(types["2000"] == "event")
        #expect(types["Apache Software Foundation"] == "organization")
        #expect(result.entities.first { $0.name == "SQLite" }?.description.hasPrefix("SQLite was designed by") == true)
    }

    @Test func relatesEntitiesInASentenceWithTheConnectingWords() throws {
        let result = extract("Henry David Thoreau built a cabin near Walden Pond.")
        let relation = try #require(result.relations.first)
        #expect(Set([relation.source, relation.target]) == ["Henry David Thoreau", "Walden Pond"])
        #expect(relation.keywords == ["built cabin near"])
        #expect(relation.description == "Henry David Thoreau built a cabin near Walden Pond.")
    }

    @Test func ordinaryCapitalisedSentenceStartsAreNotEntities() {
        let result = extract("However, the file is read. Finally it is closed. This is fine.")
        #expect(result.entities.isEmpty)
    }

    @Test func aNameOpeningASentenceCountsWhenItIsANameElsewhere() {
        let result = extract("Zlib compresses data. Programs link against Zlib.")
        #expect(result.entities.map(\.name) == ["Zlib"])
    }

    @Test func theSectionHeadingIsAnEntityWithoutItsNumbering() {
        let result = extract("Every user has a home directory.", headings: ["Debian Guide", "Chapter 2. Users and Groups"])
        #expect(result.entities.first?.name == "Users and Groups")
    }

    @Test func isDeterministic() {
        let text = "Alice Smith met Bob Jones at Oxford University in 1999. Alice Smith later moved to Paris."
        #expect(extract(text) == extract(text))
    }
}
