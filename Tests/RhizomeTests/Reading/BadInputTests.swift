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
