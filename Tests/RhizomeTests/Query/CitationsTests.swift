import Testing
@testable import Rhizome

@Suite struct CitationsTests {
    @Test func citedNumbersAreReadInEveryUsualForm() {
        #expect(Citations.numbers(in: "A [1]. B [2, 3] and C [4][5]; D [6–8], E [9-10].") == Set(1...10))
        #expect(Citations.numbers(in: "No sources here; an array a[i] and [see above] cite nothing.") == [])
        #expect(Citations.numbers(in: "unclosed [1") == [])
    }
}

@Suite struct RunOnTextTests {
    @Test func aRunOnNoteLineIsCutIntoCandidatesInsteadOfDropped() {
        let notes = (1...40).map { "항목 \($0) : 설명 \($0)번, 세부 내용" }.joined(separator: ", ") + ", 저자 : 홍길동, 출간일 : 2024.10"
        #expect(notes.count > 600)
        let pieces = ExtractiveAnswerGenerator.pieces(of: notes)
        #expect(pieces.count > 1 && pieces.allSatisfy { $0.count <= ExtractiveAnswerGenerator.longestPiece })
        #expect(pieces.joined(separator: " ").filter { !$0.isWhitespace } == notes.filter { !$0.isWhitespace }, "nothing is dropped")
        #expect(pieces.contains { $0.contains("저자 : 홍길동") })
        #expect(ExtractiveAnswerGenerator.pieces(of: "A short sentence.") == ["A short sentence."])
    }
}
