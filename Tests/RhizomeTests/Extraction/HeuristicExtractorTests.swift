import Testing
@testable import Rhizome

@Suite struct HeuristicExtractorTests {
    let extractor = HeuristicExtractor(tokenizer: sharedTokenizer)

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
        #expect(types["March 1843"] == nil && types["2000"] == nil, "dates are not names")
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

    @Test func koreanTextGivesNamesNotClauses() {
        let result = extract("""
            QLoRA는 양자화와 LoRA를 결합한 방법입니다. GPT-3와 BERT는 자주 비교됩니다. Debian GNU/Linux은 GNU 프로젝트의 도구를 씁니다.
            데비안은 자유 운영 체제입니다. 데비안 개발자는 데비안을 만듭니다. 데비안의 패키지는 apt install 명령으로 설치합니다.
            """)
        let names = Set(result.entities.map(\.name))
        for expected in ["QLoRA", "LoRA", "GPT-3", "BERT", "Debian GNU/Linux", "GNU 프로젝트", "데비안", "apt"] {
            #expect(names.contains(expected), "\(expected) in \(names.sorted())")
        }
        #expect(!names.contains { $0.hasSuffix("는") || $0.hasSuffix("은") || $0.hasSuffix("를") || $0.hasSuffix("의") },
                "no particle is left on a name: \(names.sorted())")
        #expect(!names.contains { $0.contains("습니다") || $0.contains("입니다") || $0.split(separator: " ").count > 4 },
                "no clause is a name: \(names.sorted())")
        #expect(!names.contains("install"), "a command's argument is not a name")
    }

    @Test func englishListsSplitAndLowerCaseProductNamesAreFound() {
        let result = extract("We thank Jake Edge of Linux Weekly News, Clement Lefebvre of Linux Mint and the zlib authors. "
                             + "It reads libxml2 output in sRGB on an iPhone with o200k_base and calls deflate() twice.")
        let names = Set(result.entities.map(\.name))
        #expect(!names.contains { $0.contains(",") || $0.hasSuffix("Clement") }, "\(names.sorted())")
        for expected in ["Jake Edge", "Linux Weekly News", "Clement Lefebvre", "Linux Mint", "libxml2", "sRGB", "iPhone", "o200k_base", "deflate()"] {
            #expect(names.contains(expected), "\(expected) in \(names.sorted())")
        }
    }
}
