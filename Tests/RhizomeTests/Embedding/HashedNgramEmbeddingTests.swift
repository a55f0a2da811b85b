import Foundation
import Testing
@testable import Rhizome

@Suite struct HashedNgramEmbeddingTests {
    /// The byte-wise path for ASCII text must split exactly as the Unicode path does, or stored vectors
    /// (`offline/hashed-ngrams-v1`) would stop matching the vectors of new queries.
    @Test func asciiTextSplitsAsTheUnicodePathDoes() throws {
        let folder = repositoryRootURL.appendingPathComponent("Examples/eval/en/documents/debian-faq")
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().prefix(6)
        var checked = 0
        for page in pages {
            let html = try String(contentsOf: folder.appendingPathComponent(page), encoding: .utf8)
            for line in html.split(separator: "\n").map(String.init) where line.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(HashedNgramEmbedding.asciiWords(line) == HashedNgramEmbedding.unicodeWords(line), "\(line)")
                checked += 1
            }
        }
        #expect(checked > 500)
        #expect(HashedNgramEmbedding.words("GPT-4o, o200k_base & ZeRO-3: 12 steps") == ["gpt", "4o", "o200k", "base", "zero", "3", "12", "steps"])
        #expect(HashedNgramEmbedding.words("QLoRA는 ＧＰＵ 메모리를") == ["qlora는", "gpu", "메모리를"])
    }
}
