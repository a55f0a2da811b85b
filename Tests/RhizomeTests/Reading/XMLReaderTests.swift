import Testing
@testable import Rhizome

@Suite struct XMLReaderTests {
    @Test func docBookTitlesSectionsParasListsAndCode() throws {
        let document = try readFixture("docbook.xml")
        #expect(document.title == "The Debian Administrator's Handbook")
        let code = try #require(document.blocks.first { $0.kind == .code })
        #expect(code.text == "$ ar t package.deb\ndebian-binary")
        #expect(code.headingPath == ["The Debian Administrator's Handbook", "Packaging System", "Structure of a Binary Package"])
        #expect(document.blocks.first { $0.kind == .list }?.text == "- debian-binary\n- control.tar.gz")
        #expect(document.text.contains("The ar archive holds three files."))
        #expect(!document.text.contains("INDEX-TERM"))
    }

    @Test func teiHeaderTitleAndDivHeads() throws {
        let document = try readFixture("tei.xml")
        #expect(document.title == "Walden")
        let shelter = try #require(document.blocks.first { $0.text.contains("Walden Pond") })
        #expect(shelter.headingPath == ["Economy", "Shelter"])
        #expect(!document.text.contains("HEADER-TEXT"))
        #expect(!document.text.contains("RUNNING-HEAD"))
    }

    @Test func jatsArticleTitleAbstractAndSections() throws {
        let document = try readFixture("jats.xml")
        #expect(document.title == "Graph Retrieval for Question Answering")
        #expect(document.blocks.first { $0.kind == .metadata }?.text == "Authors: Marie Curie")
        let abstract = try #require(document.blocks.first { $0.text.contains("dual-level") })
        #expect(abstract.headingPath == ["Abstract"])
        let background = try #require(document.blocks.first { $0.text.contains("flat chunks") })
        #expect(background.headingPath == ["Introduction", "Background"])
        #expect(!document.text.contains("JOURNAL-META"))
    }

    @Test func atomEntriesAreSectionsWithDateLinkAndParsedHTML() throws {
        let document = try readFixture("atom.xml")
        #expect(document.title == "Project News")
        let meta = try #require(document.blocks.first { $0.kind == .metadata })
        #expect(meta.text == "Published: 2024-05-01T12:00:00Z\nLink: https://example.org/2.0")
        #expect(meta.headingPath == ["Release 2.0"])
        let content = try #require(document.blocks.first { $0.text.contains("graph export") })
        #expect(content.text == "Version 2.0 adds graph export.")
        #expect(content.headingPath == ["Release 2.0"])
        #expect(!document.text.contains("EVIL"))
        #expect(document.blocks.contains { $0.text == "First release." && $0.headingPath == ["Release 1.0"] })
    }

    @Test func rssItemsAreSections() throws {
        let document = try readFixture("rss.xml")
        #expect(document.title == "Garden Weekly")
        let item = try #require(document.blocks.first { $0.text.contains("San Marzano") })
        #expect(item.text == "The San Marzano plants are ripe.")
        #expect(item.headingPath == ["Tomatoes ripen"])
        #expect(document.text.contains("Link: https://example.org/tomatoes"))
    }

    @Test func xhtmlIsReadAsHTML() throws {
        let document = try readFixture("xhtml.xhtml")
        #expect(document.title == "XHTML Page")
        #expect(document.blocks.map(\.text) == ["Heading", "Strict & well-formed."])
    }

    @Test func genericXMLGroupsRecordsWithAttributes() throws {
        let document = try readFixture("catalog.xml")
        #expect(document.blocks.count == 2)
        #expect(document.blocks[0].text
            == "book (id: bk101)\nauthor: Gambardella, Matthew\ntitle: XML Developer's Guide\nprice: 44.95 (currency: USD)")
        #expect(document.blocks[0].headingPath == ["catalog"])
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let document = try readFixture("xxe.xml")
        #expect(!document.text.contains("root:"))
        #expect(document.text.contains("Acme Corporation"))
        #expect(document.text.contains("Before  after") || document.text.contains("Before after"))
    }

    @Test func entityBombsFailFastWithAClearError() {
        let error = readingError("bomb.xml")
        guard case .unsafe(let why)? = error else {
            Issue.record("expected an unsafe-XML error, got \(String(describing: error))")
            return
        }
        #expect(why.contains("entity"))
    }

    @Test func malformedXMLIsRecoveredWithAWarningNamingTheLine() throws {
        let document = try readFixture("malformed.xml")
        #expect(document.text.contains("text"))
        #expect(document.warnings.count == 1)
        #expect(document.warnings.first?.contains("line 2") == true)
    }
}
