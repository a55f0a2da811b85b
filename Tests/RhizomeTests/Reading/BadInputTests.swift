import Testing
@testable import Rhizome

@Suite struct BadInputTests {
    @Test func emptyBinaryAndOversizeFilesFailWithAReason() {
        #expect(readingError("empty.txt") == .empty)
        #expect(readingError("binary.html") == .binary)
        #expect(readingError("article.html", maxFileSize: 100) == .tooLarge(bytes: 2151, limit: 100)
            || { if case .tooLarge = readingError("article.html", maxFileSize: 100) { true } else { false } }())
    }

    @Test func pagesWithNothingButScriptsHaveNoText() {
        let bytes = Array("<html><body><script>x()</script><nav>menu</nav></body></html>".utf8)
        #expect(throws: ReadingError.noText) { try DocumentReaders().read(bytes, sourcePath: "s.html") }
    }

    @Test func invalidUTF16IsUndecodable() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x00, 0xD8, 0x41]   // lone surrogate, odd length
        #expect(throws: ReadingError.self) { try DocumentReaders().read(bytes, sourcePath: "t.txt") }
    }

    @Test func markdownHeadingsListsAndFences() throws {
        let document = try readFixture("notes.md")
        #expect(document.title == "Field Notes")
        #expect(document.blocks.map(\.kind) == [.heading, .paragraph, .heading, .list, .code])
        #expect(document.blocks[1].text == "Intro paragraph spanning lines.")
        #expect(document.blocks[3].headingPath == ["Field Notes", "Soil"])
        #expect(document.blocks[4].text == "code   block")
    }

    @Test func formatIsDetectedByExtensionThenSniffing() {
        #expect(DocumentReaders.detectFormat(path: "a.HTM", bytes: []) == .html)
        #expect(DocumentReaders.detectFormat(path: "feed", bytes: Array("<?xml version='1.0'?><rss/>".utf8)) == .xml)
        #expect(DocumentReaders.detectFormat(path: "page", bytes: Array("  <!DOCTYPE html><p>x".utf8)) == .html)
        #expect(DocumentReaders.detectFormat(path: "notes", bytes: Array("# Title\n".utf8)) == .markdown)
        #expect(DocumentReaders.detectFormat(path: "README", bytes: Array("hello".utf8)) == .text)
    }
}

/// Hostile XML is refused at once with a one-line reason; nothing outside the file is ever read.
@Suite struct HostileXMLTests {
    /// One 100 kB internal entity referenced 20,000 times: 2 GB if expanded. Not nested, so libxml2's own
    /// billion-laughs guard does not fire; Rhizome's expansion budget does.
    static let quadraticBlowup = "<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY a \""
        + String(repeating: "A", count: 100_000) + "\">]>\n<doc><p>" + String(repeating: "&a;", count: 20_000) + "</p></doc>\n"

    @Test func quadraticBlowupIsRefusedAsAnExpansionBomb() {
        do {
            _ = try read(Self.quadraticBlowup, as: "quadratic-blowup.xml")
            Issue.record("a quadratic blowup was read")
        } catch let error as ReadingError {
            guard case .unsafe(let why) = error else {
                Issue.record("expected unsafe, got \(error)")
                return
            }
            #expect(why.contains("expand to more than") && why.contains("&a;"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func entitiesWithinTheBudgetAreExpandedWithTheirMarkup() throws {
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY app \"<application>KStars</application>\">"
            + "<!ENTITY twice \"&app; and &app;\">]><article><title>T</title><para>Use &twice;.</para></article>"
        #expect(try read(xml, as: "ok.xml").text.contains("Use KStars and KStars."))
    }

    @Test func externalEntitiesAreNeverReadAndSaySo() throws {
        let document = try readFixture("xxe.xml")
        #expect(!document.text.contains("root:"))
        #expect(document.warnings.contains { $0.contains("external entit") && $0.contains("&xxe;") })
    }
}
