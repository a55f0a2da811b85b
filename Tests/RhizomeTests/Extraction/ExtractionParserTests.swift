import Testing
@testable import Rhizome

/// The parser against answers models really give: each case is one kind of damage.
@Suite struct ExtractionParserTests {
    @Test func readsAWellFormedAnswer() {
        let answer = """
        entity<|#|>Henry David Thoreau<|#|>person<|#|>An American writer who lived at Walden Pond.
        entity<|#|>Walden Pond<|#|>location<|#|>A pond near Concord, Massachusetts.
        relation<|#|>Henry David Thoreau<|#|>Walden Pond<|#|>lived at, built a cabin<|#|>Thoreau lived in a cabin by Walden Pond.
        <|COMPLETE|>
        """
        let result = ExtractionParser.parse(answer)
        #expect(result.entities.map(\.name) == ["Henry David Thoreau", "Walden Pond"])
        #expect(result.entities.map(\.type) == ["person", "location"])
        #expect(result.relations.count == 1)
        #expect(result.relations[0].keywords == ["lived at", "built a cabin"])
        #expect(!result.truncated)
        #expect(result.droppedRecords == 0)
    }

    @Test func missingCompletionMarkerIsNotedAsTruncation() {
        let result = ExtractionParser.parse("entity<|#|>Zlib<|#|>technology<|#|>A compression library.\nentity<|#|>Deflate<|#|>met")
        #expect(result.truncated)
        #expect(result.entities.map(\.name) == ["Zlib"])
        #expect(result.droppedRecords == 1)   // the cut-off last line has the wrong arity
    }

    @Test func markdownFencesQuotesAndWhitespaceAreForgiven() {
        let answer = """
        Here are the records:
        ```text
          entity<|#|>"SQLite"<|#|> Technology <|#|>  An embedded   database engine.
        entity<|#|>**D. Richard Hipp**<|#|>person<|#|>Author of SQLite.
        ```
        <|complete|>
        """
        let result = ExtractionParser.parse(answer)
        #expect(result.entities.map(\.name) == ["SQLite", "D. Richard Hipp"])
        #expect(result.entities[0].type == "technology")
        #expect(result.entities[0].description == "An embedded database engine.")
        #expect(!result.truncated)
    }

    @Test(arguments: ["<|>", "<|##|>", "|#|", "<#>", "<|#>", "<#|>", "< | # | >"])
    func corruptedDelimitersAreRepaired(_ delimiter: String) {
        let answer = "entity\(delimiter)Alpha\(delimiter)concept\(delimiter)First letter.\n<|COMPLETE|>"
        let result = ExtractionParser.parse(answer)
        #expect(result.entities == [ExtractedEntity(name: "Alpha", type: "concept", description: "First letter.")])
    }

    @Test func recordsGluedOnOneLineAreSeparated() {
        let answer = "entity<|#|>Alpha<|#|>concept<|#|>First. entity<|#|>Beta<|#|>concept<|#|>Second. "
            + "relation<|#|>Alpha<|#|>Beta<|#|>precedes<|#|>Alpha comes before Beta.<|COMPLETE|>"
        let result = ExtractionParser.parse(answer)
        #expect(result.entities.map(\.name) == ["Alpha", "Beta"])
        #expect(result.entities.map(\.description) == ["First.", "Second."])
        #expect(result.relations.map(\.description) == ["Alpha comes before Beta."])
    }

    @Test func anEntityRowWithRelationArityIsReadAsARelation() {
        let result = ExtractionParser.parse("entity<|#|>Alpha<|#|>Beta<|#|>precedes<|#|>Alpha comes before Beta.\n<|COMPLETE|>")
        #expect(result.entities.isEmpty)
        #expect(result.relations.map(\.source) == ["Alpha"])
    }

    @Test func wrongArityEmptyNamesAndSelfLoopsAreDroppedAndCounted() {
        let answer = """
        entity<|#|>OnlyTwoFields
        entity<|#|><|#|>concept<|#|>No name.
        relation<|#|>Apple Inc.<|#|>APPLE INC<|#|>is<|#|>The same company twice.
        banana<|#|>x<|#|>y<|#|>z
        entity<|#|>Kept<|#|>concept<|#|>Fine.
        <|COMPLETE|>
        """
        let result = ExtractionParser.parse(answer)
        #expect(result.entities.map(\.name) == ["Kept"])
        #expect(result.relations.isEmpty)
        #expect(result.droppedRecords == 4)
    }

    @Test func namesAreComposedToNFC() {
        let decomposed = "Cafe\u{301} Society"
        let result = ExtractionParser.parse("entity<|#|>\(decomposed)<|#|>organization<|#|>A café.\n<|COMPLETE|>")
        #expect(result.entities.first?.name.unicodeScalars.count == "Café Society".unicodeScalars.count)
        #expect(result.entities.first?.name == "Café Society")
    }

    @Test func repeatedEntitiesKeepTheLongerDescription() {
        let answer = """
        entity<|#|>Alpha<|#|>concept<|#|>Short.
        entity<|#|>alpha<|#|>concept<|#|>A much longer description of alpha.
        <|COMPLETE|>
        """
        let result = ExtractionParser.parse(answer)
        #expect(result.entities.count == 1)
        #expect(result.entities[0].description == "A much longer description of alpha.")
    }

    @Test func proseWithoutRecordsYieldsNothingAndIsNotAnError() {
        let result = ExtractionParser.parse("I could not find any entities in this text.")
        #expect(result.entities.isEmpty && result.relations.isEmpty)
        #expect(result.truncated)
        #expect(result.droppedRecords == 0)
    }
}
