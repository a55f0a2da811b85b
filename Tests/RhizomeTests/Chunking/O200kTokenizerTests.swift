import Crypto
import Foundation
import Testing
@testable import Rhizome

struct ParityCase: Decodable {
    let name: String
    let text: String
    let tokens: [Int]
}

private let sharedVocabulary = fixturesDirectory
    .appendingPathComponent("../../../shared/data/o200k_base.tiktoken.gz").standardizedFileURL

@Suite struct O200kTokenizerTests {
    @Test func embeddedVocabularyIsThePublishedFile() {
        let digest = SHA256.hash(data: Data(O200kTokenizer.embeddedVocabulary))
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        #expect(hex == "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d")
    }

    /// The published hash above is the real check; this one also compares bytes when the source is beside us.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedVocabulary.path),
                   "../shared/data/o200k_base.tiktoken.gz is not beside this checkout"))
    func embeddedVocabularyEqualsTheSharedDataFile() throws {
        let shared = sharedVocabulary
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gunzip.arguments = ["-c", "gzip -dc '\(shared.path)'"]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        #expect(data == Data(O200kTokenizer.embeddedVocabulary))
    }

    @Test func matchesTheReferenceEncoderOnVariedText() throws {
        let data = try Data(contentsOf: fixturesDirectory.appendingPathComponent("o200k_parity.json"))
        let cases = try JSONDecoder().decode([ParityCase].self, from: data)
        #expect(cases.count >= 10)
        for parity in cases {
            let encoded = sharedTokenizer.encode(parity.text)
            #expect(encoded.tokens == parity.tokens, "\(parity.name)")
            #expect(sharedTokenizer.count(parity.text) == parity.tokens.count, "\(parity.name)")
            #expect(sharedTokenizer.decode(encoded.tokens) == parity.text, "\(parity.name)")
        }
    }

    @Test func tokenEndsCutTheTextIntoTheTokensBytes() {
        let text = "Knowledge graphs 🎉 知识图谱 don't   stop\n\n"
        let encoded = sharedTokenizer.encode(text)
        #expect(encoded.utf8Ends.count == encoded.tokens.count)
        #expect(encoded.utf8Ends.last == text.utf8.count)
        let bytes = Array(text.utf8)
        var start = 0
        for (token, end) in zip(encoded.tokens, encoded.utf8Ends) {
            #expect(end > start)
            let tokenBytes = Array(bytes[start..<end])
            let decoded = Array(sharedTokenizer.decode([token]).utf8)
            if String(validating: tokenBytes, as: UTF8.self) != nil { #expect(decoded == tokenBytes) }
            start = end
        }
    }

    @Test func longPiecesMergeLikeShortOnes() {
        // A 5,000-letter word takes the heap path; its tokens must still decode to the word.
        let word = String(repeating: "abcde", count: 1000)
        let tokens = sharedTokenizer.encode(word).tokens
        #expect(sharedTokenizer.decode(tokens) == word)
        #expect(tokens.count < word.count / 2)
    }

    @Test func emptyTextHasNoTokens() {
        #expect(sharedTokenizer.encode("").tokens.isEmpty)
    }
}
