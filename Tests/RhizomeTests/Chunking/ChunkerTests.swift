import Foundation
import Testing
@testable import Rhizome

/// A document of `sections` sections, each a heading and paragraphs of numbered sentences.
func syntheticDocument(sections: Int, paragraphsPerSection: Int, sentencesPerParagraph: Int,
                       path: String = "synthetic.html") -> Document {
    var blocks: [Block] = []
    for section in 0..<sections {
        let heading = "Section \(section)"
        blocks.append(Block(kind: .heading, text: heading, headingPath: [heading]))
        for paragraph in 0..<paragraphsPerSection {
            let sentences = (0..<sentencesPerParagraph).map {
                "Sentence \($0) of paragraph \(paragraph) describes the Mycorrhizal Network in section \(section)."
            }
            blocks.append(Block(kind: .paragraph, text: sentences.joined(separator: " "), headingPath: [heading]))
        }
    }
    return Document(sourcePath: path, title: "Synthetic", format: .html, contentHash: "x", byteCount: 0, blocks: blocks)
}

/// Checks every chunking invariant on `document`; returns the chunks for further checks.
@discardableResult
func expectChunkInvariants(_ document: Document, options: ChunkingOptions) throws -> [Chunk] {
    let chunker = try Chunker(tokenizer: sharedTokenizer, options: options)
    let chunks = chunker.chunks(of: document, documentID: "doc-1")
    let scalars = Array(document.text.unicodeScalars)
    var covered = [Bool](repeating: false, count: scalars.count)
    for chunk in chunks {
        // No chunk over the size, and the recorded count is the real count.
        #expect(chunk.tokenCount <= options.maxTokens)
        #expect(sharedTokenizer.count(chunk.text) == chunk.tokenCount)
        // Offsets cut exactly the chunk's text out of the document text.
        var cut = String.UnicodeScalarView()
        cut.append(contentsOf: scalars[chunk.startOffset..<chunk.endOffset])
        #expect(String(cut) == chunk.text)
        for index in chunk.startOffset..<chunk.endOffset { covered[index] = true }
    }
    // All text covered: every non-whitespace character is in some chunk.
    let uncovered = scalars.indices.filter { !covered[$0] && !scalars[$0].properties.isWhitespace }
    #expect(uncovered.isEmpty, "uncovered offsets: \(uncovered.prefix(5))")
    // Overlap honoured: consecutive chunks share at most `overlapTokens` tokens of text.
    for (previous, next) in zip(chunks, chunks.dropFirst()) {
        #expect(next.startOffset > previous.startOffset)
        if next.startOffset < previous.endOffset {
            var shared = String.UnicodeScalarView()
            shared.append(contentsOf: scalars[next.startOffset..<previous.endOffset])
            #expect(sharedTokenizer.count(String(shared)) <= options.overlapTokens)
        }
    }
    #expect(chunks.map(\.order) == Array(0..<chunks.count))
    return chunks
}

@Suite struct ChunkerTests {
    @Test func smallDocumentIsOneChunk() throws {
        let document = syntheticDocument(sections: 1, paragraphsPerSection: 2, sentencesPerParagraph: 2)
        let chunks = try expectChunkInvariants(document, options: .default)
        #expect(chunks.count == 1)
        #expect(chunks[0].text == document.text)
        #expect(chunks[0].headingPath == ["Section 0"])
    }

    @Test func invariantsHoldAcrossSizes() throws {
        let document = syntheticDocument(sections: 6, paragraphsPerSection: 4, sentencesPerParagraph: 9)
        for (size, overlap) in [(1200, 100), (300, 50), (100, 0), (64, 32), (16, 15)] {
            try expectChunkInvariants(document, options: ChunkingOptions(maxTokens: size, overlapTokens: overlap))
        }
    }

    @Test func wholeBlocksArePackedWhenTheyFit() throws {
        // Paragraphs of ~60 tokens into 300-token chunks: every chunk's own text ends at a block end.
        let document = syntheticDocument(sections: 4, paragraphsPerSection: 5, sentencesPerParagraph: 3)
        let chunks = try expectChunkInvariants(document, options: ChunkingOptions(maxTokens: 300, overlapTokens: 0))
        let blockTexts = Set(document.blocks.map(\.text))
        for chunk in chunks {
            let pieces = chunk.text.components(separatedBy: Document.blockSeparator)
            #expect(pieces.allSatisfy(blockTexts.contains), "chunk \(chunk.order) splits a block")
        }
    }

    @Test func oversizeBlocksSplitAtSentencesWithOverlap() throws {
        let document = syntheticDocument(sections: 1, paragraphsPerSection: 1, sentencesPerParagraph: 80)
        let chunks = try expectChunkInvariants(document, options: ChunkingOptions(maxTokens: 200, overlapTokens: 40))
        #expect(chunks.count > 5)
        for chunk in chunks.dropFirst() {
            #expect(chunk.text.hasPrefix("Sentence"), "chunk \(chunk.order) starts mid-sentence: \(chunk.text.prefix(30))")
        }
        for (previous, next) in zip(chunks, chunks.dropFirst()) {
            #expect(next.startOffset < previous.endOffset, "consecutive chunks overlap")
            #expect(previous.text.hasSuffix("."))
        }
    }

    @Test func textWithoutSpacesSplitsAtTokensKeepingCharactersWhole() throws {
        let cjk = String(repeating: "知识图谱是一种结构化的语义知识库🎉", count: 200)
        let document = Document(sourcePath: "c.txt", title: "c", format: .text, contentHash: "x", byteCount: 0,
                                blocks: [Block(kind: .paragraph, text: cjk, headingPath: [])])
        let chunks = try expectChunkInvariants(document, options: ChunkingOptions(maxTokens: 100, overlapTokens: 10))
        #expect(chunks.count > 10)
        #expect(chunks.allSatisfy { !$0.text.contains("\u{FFFD}") })
    }

    @Test func realDocumentsKeepInvariants() throws {
        for name in ["article.html", "docbook.xml", "jats.xml", "atom.xml", "catalog.xml"] {
            try expectChunkInvariants(try readFixture(name), options: ChunkingOptions(maxTokens: 24, overlapTokens: 6))
        }
    }

    @Test func chunkIDsAreStableAndSurviveEditsElsewhere() throws {
        let chunker = try Chunker(tokenizer: sharedTokenizer, options: ChunkingOptions(maxTokens: 200, overlapTokens: 0))
        let original = syntheticDocument(sections: 5, paragraphsPerSection: 3, sentencesPerParagraph: 4)
        var edited = original
        let editedBlock = 9
        edited.blocks[editedBlock].text = edited.blocks[editedBlock].text.replacingOccurrences(of: "Network", with: "Graph")
        let before = chunker.chunks(of: original, documentID: "doc-1")
        let again = chunker.chunks(of: original, documentID: "doc-1")
        let after = chunker.chunks(of: edited, documentID: "doc-1")
        #expect(before.map(\.id) == again.map(\.id))
        #expect(Set(before.map(\.id)).count == before.count)
        // Chunks wholly before the edited block keep their ids; the edit changes only the chunks around it.
        let editStart = original.blocks[..<editedBlock].map { $0.text.unicodeScalars.count + 2 }.reduce(0, +)
        let untouched = before.filter { $0.endOffset < editStart }
        #expect(!untouched.isEmpty)
        #expect(Array(after.prefix(untouched.count).map(\.id)) == untouched.map(\.id))
        let changed = Set(after.map(\.id)).subtracting(before.map(\.id))
        #expect((1...2).contains(changed.count), "only the chunks holding the edited block change")
        let otherDocument = chunker.chunks(of: original, documentID: "doc-2")
        #expect(Set(otherDocument.map(\.id)).isDisjoint(with: before.map(\.id)))
    }

    @Test func repeatedTextGetsDistinctIDs() throws {
        let block = Block(kind: .paragraph, text: String(repeating: "Same words again. ", count: 40), headingPath: [])
        let document = Document(sourcePath: "r.txt", title: "r", format: .text, contentHash: "x", byteCount: 0,
                                blocks: [block, block, block])
        let chunks = try Chunker(tokenizer: sharedTokenizer, options: ChunkingOptions(maxTokens: 120, overlapTokens: 0))
            .chunks(of: document, documentID: "d")
        #expect(Set(chunks.map(\.id)).count == chunks.count)
    }

    @Test func overlapMustBeSmallerThanSize() {
        #expect(throws: ChunkingError.self) {
            try Chunker(tokenizer: sharedTokenizer, options: ChunkingOptions(maxTokens: 100, overlapTokens: 100))
        }
    }
}
