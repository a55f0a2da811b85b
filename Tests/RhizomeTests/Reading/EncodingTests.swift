import Foundation
import Testing
@testable import Rhizome

/// Undeclared encodings are recognised from the bytes, and no byte stops the text.
@Suite struct EncodingTests {
    @Test(arguments: [
        ("encodings/debian-faq-contributing.euc-kr.html", "CP949", "데비안"),
        ("encodings/debian-faq-contributing.utf-16le.html", "UTF-16LE", "데비안"),
        ("encodings/debian-reference-apa.shift_jis.html", "CP932", "Debian"),
        ("encodings/debian-reference-apa.gb18030.html", "GB18030", "Debian"),
    ])
    func undeclaredEncodingsOfRealPagesAreSniffed(path: String, encoding: String, word: String) throws {
        let bytes = [UInt8](try Data(contentsOf: fixturesDirectory.appendingPathComponent("real/\(path)")))
        #expect(EncodingDetector.forHTML(bytes).name == encoding)
        let document = try readRealFixture(path)
        #expect(document.text.contains(word))
        #expect(!document.text.contains("\u{FFFD}"))
        #expect(document.warnings.isEmpty)
    }

    @Test func japaneseAndChineseTextIsReadInItsScript() throws {
        let japanese = try readRealFixture("encodings/debian-reference-apa.shift_jis.html").text
        #expect(japanese.unicodeScalars.contains { (0x3041...0x309F).contains($0.value) }, "hiragana")
        let chinese = try readRealFixture("encodings/debian-reference-apa.gb18030.html").text
        #expect(chinese.contains("的"))
    }

    @Test func utf16WithoutAByteOrderMarkIsNotBinary() throws {
        let text = "<p>Grüße aus Köln — 日本語のテキスト</p>"
        for (encoding, name) in [(String.Encoding.utf16LittleEndian, "UTF-16LE"), (.utf16BigEndian, "UTF-16BE"),
                                 (.utf32LittleEndian, "UTF-32LE")] {
            let bytes = [UInt8](text.data(using: encoding)!)
            #expect(EncodingDetector.forHTML(bytes).name == name)
            #expect(try DocumentReaders().read(bytes, sourcePath: "wide.html").text == "Grüße aus Köln — 日本語のテキスト")
        }
        #expect(DocumentReaders.looksBinary([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]))
    }

    @Test func windows1252UndefinedBytesDoNotCutTheText() throws {
        // 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252; the text after them is kept.
        let bytes: [UInt8] = Array("<p>caf".utf8) + [0xE9, 0x20, 0x81, 0x8D, 0x8F, 0x90, 0x9D] + Array(" and the rest</p>".utf8)
        let document = try DocumentReaders().read(bytes, sourcePath: "old.html")
        #expect(document.text.hasPrefix("café"))
        #expect(document.text.hasSuffix("and the rest"))
    }

    @Test func aFewUndecodableBytesWarnButKeepTheText() throws {
        let bytes: [UInt8] = Array("<html><head><meta charset=\"utf-8\"></head><body><p>good text ".utf8) + [0xFF]
            + Array(" more good text</p></body></html>".utf8)
        let document = try DocumentReaders().read(bytes, sourcePath: "bad-byte.html")
        #expect(document.text.contains("more good text"))
        #expect(document.warnings == ["1 byte sequence is not valid UTF-8 and became U+FFFD"])
    }
}
