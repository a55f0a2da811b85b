import Foundation
import Testing
@testable import Rhizome

/// Reads a real document from `Tests/Fixtures/real`.
func readRealFixture(_ path: String) throws -> Document {
    let url = fixturesDirectory.appendingPathComponent("real").appendingPathComponent(path)
    return try DocumentReaders().read(fileAt: url, sourcePath: path)
}

func read(_ text: String, as path: String) throws -> Document {
    try DocumentReaders().read(Array(text.utf8), sourcePath: path)
}

/// Real files that earlier versions refused, and broken markup that still holds readable text.
@Suite struct RecoveryTests {
    @Test(arguments: ["kde/hips.docbook", "kde/ecliptic.docbook", "kde/flux.docbook"])
    func kdeDocBookWithUndeclaredEntitiesKeepsItsTextWithOneWarning(path: String) throws {
        let document = try readRealFixture(path)
        #expect(document.text.count > 500)
        // One line at most, naming the entities nothing declares (flux.docbook only uses HTML ones).
        #expect(document.warnings.count <= 1)
        #expect(document.warnings.allSatisfy { $0.contains("undeclared entit") })
        #expect(!document.text.contains("&"), "entities are rendered, never left as markup")
    }

    @Test func undeclaredEntitiesBecomeTheirNamesOrTheirHTMLMeaning() throws {
        let document = try readRealFixture("kde/hips.docbook")
        #expect(document.text.contains("kstars provides support for HiPS"))
        #expect(document.warnings.first?.contains("&kstars;") == true)
        let flux = try readRealFixture("kde/flux.docbook")
        #expect(flux.text.contains("π"), "&pi; is an HTML entity with a known meaning")
    }

    @Test func xhtmlNamedEntitiesSurvive() throws {
        let page = """
            <?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Caf&eacute;</title></head>
            <body><p>Caf&eacute; cr&egrave;me &ndash; na&iuml;ve&nbsp;text</p></body></html>
            """
        let document = try read(page, as: "cafe.xhtml")
        #expect(document.title == "Café")
        #expect(document.text == "Café crème – naïve\u{A0}text" || document.text == "Café crème – naïve text")
        #expect(document.warnings.isEmpty, "known HTML entities are not worth a warning")
    }

    @Test func mallardPagesReadAsProseWithoutElementNames() throws {
        let document = try readRealFixture("mallard/color-whatisspace.page")
        #expect(document.title == "What is a color space?")
        #expect(document.text.hasPrefix("What is a color space?\n\nA color space is a defined range of colors."))
        for leak in ["p:", "desc:", "credit", "richard@hughsie.com", "item:"] { #expect(!document.text.contains(leak)) }
        let wireless = try readRealFixture("mallard/net-wireless-connect.page")
        #expect(wireless.blocks.contains { $0.kind == .list })
        #expect(!wireless.text.contains("Revision") && !wireless.text.contains("@"))
        #expect(DocumentReaders.extensions["page"] == .xml)
    }

    @Test func genericXMLProseIsTextNotFieldLabels() throws {
        let document = try read("<notes><p>A color space is a defined range of colors, as in sRGB.</p></notes>", as: "n.xml")
        #expect(document.text == "A color space is a defined range of colors, as in sRGB.")
    }

    @Test func brokenXMLKeepsItsText() throws {
        let cases: [(String, String, String)] = [
            ("<?xml version='1.0'?><doc><p>first root</p></doc>\n<doc><p>second root</p></doc>", "second root", "2 XML documents"),
            ("<?xml version='1.0'?><doc><!-- a -- b --><p>after the comment</p></doc>", "after the comment", "Double hyphen"),
            ("<?xml version='1.0'?><doc><p>complete</p><p>cut off in the mid", "cut off in the mid", "Premature end"),
            ("<?xml version='1.0'?><doc><p>unclosed <b>bold</p> tail</doc>", "tail", "mismatch"),
        ]
        for (xml, kept, warning) in cases {
            let document = try read(xml, as: "broken.xml")
            #expect(document.text.contains(kept), "\(xml)")
            #expect(document.warnings.contains { $0.contains(warning) }, "\(document.warnings)")
        }
    }

    @Test func deepNestingKeepsItsTextWithoutRecursionLimits() throws {
        let html = "<html><body>" + String(repeating: "<div>", count: 10_000) + "deep html text"
            + String(repeating: "</div>", count: 10_000) + "<p>tail</p></body></html>"
        let document = try read(html, as: "deep.html")
        #expect(document.text.contains("deep html text") && document.text.contains("tail"))
        let xml = "<?xml version='1.0'?><doc>" + String(repeating: "<d>", count: 10_000) + "deep xml text"
            + String(repeating: "</d>", count: 10_000) + "<p>tail</p></doc>"
        let deep = try read(xml, as: "deep.xml")
        #expect(deep.text.contains("deep xml text") && deep.text.contains("tail"))
        #expect(deep.warnings == ["elements nested deeper than libxml2's limit of 256 levels: the whole file was read as plain text"])
    }

    @Test func misnestedAndUnclosedHTMLKeepsItsText() throws {
        let html = "<p>one <b>bold <i>both</b> italic</i> end<p>two<div>unclosed<table><tr><td>cell one<td>cell two</table>"
        let document = try read(html, as: "mis.html")
        for piece in ["one bold both italic end", "two", "unclosed", "cell one | cell two"] {
            #expect(document.text.contains(piece), "\(document.text)")
        }
    }

    @Test func aByteOrderMarkAloneIsAnEmptyFile() {
        for bytes: [UInt8] in [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF, 0x00, 0x20], [0xEF, 0xBB, 0xBF, 0x0A, 0x20]] {
            #expect(throws: ReadingError.empty) { try DocumentReaders().read(bytes, sourcePath: "bom.html") }
        }
    }

    @Test func canonicalEquivalentSpellingsAreOneText() throws {
        let decomposed = try read("<p>Cafe\u{301} de Zambe\u{301}zia</p>", as: "nfd.html")
        let composed = try read("<p>Café de Zambézia</p>", as: "nfc.html")
        #expect(decomposed.text.unicodeScalars.elementsEqual(composed.text.unicodeScalars))
        #expect(EntityKey.of("Zambe\u{301}zia") == EntityKey.of("Zambézia"))
        #expect(EntityKey.of("ＱＬｏＲＡ") == EntityKey.of("QLoRA"), "width forms are one key (NFKC)")
    }

    @Test func aFileOfMillionsOfTagsIsReadAsTextInOnePass() throws {
        let rows = (1...160_001).map { "<tr><td>row \($0)</td><td>value \($0 * 7)</td></tr>" }.joined()
        let document = try read("<html><body><table>" + rows + "</table></body></html>", as: "huge-table.html")
        #expect(document.warnings.count == 1 && document.warnings[0].hasPrefix("more than 600,000 tags"))
        #expect(document.text.hasPrefix("row 1 | value 7\nrow 2 | value 14\n"))
        #expect(document.text.hasSuffix("row 160001 | value 1120007"))
    }
}
