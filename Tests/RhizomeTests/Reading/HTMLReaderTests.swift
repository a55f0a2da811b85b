import Testing
@testable import Rhizome

@Suite struct HTMLReaderTests {
    @Test func readsTitleHeadingsAndBlocksInOrder() throws {
        let document = try readFixture("article.html")
        #expect(document.title == "Mycorrhizal Networks")
        #expect(document.format == .html)
        let kinds = document.blocks.map(\.kind)
        #expect(kinds.first == .heading)
        let paragraph = try #require(document.blocks.first { $0.kind == .paragraph })
        #expect(paragraph.text == "Fungi & plants trade sugar for nutrients — a \"wood wide web\".")
        #expect(paragraph.headingPath == ["Mycorrhizal Networks"])
    }

    @Test func headingLevelsBuildThePath() throws {
        let document = try readFixture("article.html")
        let table = try #require(document.blocks.first { $0.kind == .table })
        #expect(table.headingPath == ["Mycorrhizal Networks", "Species", "Measurements"])
        let glossary = try #require(document.blocks.first { $0.kind == .definitions })
        #expect(glossary.headingPath == ["Mycorrhizal Networks", "Glossary"])
    }

    @Test func listsAreOneItemPerLineWithNesting() throws {
        let list = try #require(try readFixture("article.html").blocks.first { $0.kind == .list })
        #expect(list.text == "- Glomus intraradices\n- Pisolithus tinctorius\n  1. Nested one\n  2. Nested two")
    }

    @Test func tablesKeepCaptionHeaderAndRows() throws {
        let table = try #require(try readFixture("article.html").blocks.first { $0.kind == .table })
        #expect(table.text == "Carbon transfer\nSpecies | Transfer (%)\nDouglas fir | 6\nPaper birch | 4.5")
    }

    @Test func preformattedTextIsVerbatim() throws {
        let code = try #require(try readFixture("article.html").blocks.first { $0.kind == .code })
        #expect(code.text == "  let x = 1   // kept   verbatim\n    indented")
    }

    @Test func definitionsQuotesCaptionsAndAltText() throws {
        let blocks = try readFixture("article.html").blocks
        #expect(blocks.first { $0.kind == .definitions }?.text == "Hypha: A fungal filament.\nMycelium: A mass of hyphae.")
        #expect(blocks.first { $0.kind == .quote }?.text == "The forest is a network.")
        #expect(blocks.first { $0.kind == .caption }?.text == "Figure 1: shared roots")
        let text = try readFixture("article.html").text
        #expect(text.contains("A Douglas fir linked to birches"))
        #expect(!text.contains("spacer"))
    }

    @Test func dropsScriptsNavigationFormsAndHiddenElements() throws {
        let text = try readFixture("article.html").text
        for dropped in ["SCRIPT-TEXT", "NAV-TEXT", "HIDDEN-TEXT", "ARIA-HIDDEN-TEXT", "FORM-TEXT", "NOSCRIPT-TEXT",
                        "TEMPLATE-TEXT", "SVG-TEXT", "NAVPANEL-TEXT", "CRUMB-TEXT", "IFRAME-TEXT", "ASIDE-TEXT", "FOOTER-TEXT", "color: red"] {
            #expect(!text.contains(dropped), "\(dropped) should be dropped")
        }
    }

    @Test func metaCharsetDecodesLatin1AsWindows1252() throws {
        let document = try readFixture("latin1-meta.html")
        #expect(document.title == "Café")
        #expect(document.text == "Naïve café crème brûlée € 5")
    }

    @Test func invalidUTF8WithoutDeclarationFallsBackToWindows1252() throws {
        #expect(try readFixture("cp1252-undeclared.html").text
            == "Smart \u{201C}quotes\u{201D} and \u{2013} dash in Windows-1252 café")
    }

    @Test func byteOrderMarksDecideTheEncoding() throws {
        #expect(try readFixture("utf16-bom.html").text == "Grüße aus Köln — 日本")
        #expect(try readFixture("utf8-bom.html").text == "Ærøskøbing harbour")
    }

    @Test func encodingPrecedenceIsBOMThenMetaThenUTF8() {
        #expect(HTMLReader.encoding(of: [0xEF, 0xBB, 0xBF] + Array("<meta charset=iso-8859-2>".utf8)) == "UTF-8")
        #expect(HTMLReader.encoding(of: Array("<meta charset=\"koi8-r\">".utf8)) == "koi8-r")
        #expect(HTMLReader.encoding(of: Array("<p>plain</p>".utf8)) == "UTF-8")
        #expect(HTMLReader.encoding(of: [0x3C, 0x70, 0x3E, 0xE9]) == "windows-1252")
    }
}
