import Foundation
import GRDB
import Testing
@testable import Rhizome

@Suite struct TextAnalyzerTests {
    let analyzer = UnicodeTextAnalyzer()

    func indexed(_ text: String) -> [String] {
        Array(text.utf8).withUnsafeBufferPointer { analyzer.indexTokens($0) }.filter { !$0.colocated }.map(\.text)
    }

    func terms(_ text: String) -> [String] { analyzer.terms(text).map(\.text) }

    @Test func scriptChangesSplitWordsAndParticlesAreStrippedOnTheQuerySide() {
        #expect(indexed("RLHF의") == ["rlhf", "의"])
        #expect(indexed("GPT-4o는") == ["gpt", "4o", "는"])
        #expect(terms("RLHF의 보상 모델은") == ["rlhf", "의", "보상", "모델"])
        #expect(analyzer.terms("RLHF의").last?.isStopword == true)
        #expect(terms("딥네트워크의") == terms("딥네트워크는"))
        #expect(terms("QLoRA는 무엇인가요?").first == "qlora")
    }

    @Test func cjkRunsAreBigramsWithColocatedUnigrams() {
        #expect(indexed("딥네트워크") == ["딥네", "네트", "트워", "워크"])
        let all = Array("저자".utf8).withUnsafeBufferPointer { analyzer.indexTokens($0) }
        #expect(all.map(\.text) == ["저자", "저", "자"])
        #expect(all.map(\.colocated) == [false, true, true])
        #expect(indexed("車") == ["車"], "a lone character is a unigram")
        #expect(indexed("日本語のテキスト") == ["日本", "本語", "語の", "のテ", "テキ", "キス", "スト"])
        #expect(terms("設定ファイルの場所はどこですか") == ["設定ファイル", "の", "場所", "はどこですか"])
        #expect(analyzer.contentTerms("設定ファイルの場所はどこですか").map(\.text) == ["設定ファイル", "場所"])
    }

    @Test func accentsCaseAndWidthFoldTheSameOnBothSides() {
        #expect(indexed("Zambézia") == ["zambezia"])
        #expect(terms("ZAMBEZIA") == ["zambezia"])
        #expect(indexed("ＱＬｏＲＡ １２３") == ["qlora", "123"])
        #expect(indexed("Cafe\u{301} naïve") == ["cafe", "naive"])
        #expect(indexed("emoji 🚀 split ✅ here") == ["emoji", "split", "here"])
    }

    @Test func byteRangesPointAtTheOriginalText() {
        let text = "Zambézia 딥네트워크"
        let bytes = Array(text.utf8)
        let tokens = bytes.withUnsafeBufferPointer { analyzer.indexTokens($0) }
        #expect(String(decoding: bytes[tokens[0].start..<tokens[0].end], as: UTF8.self) == "Zambézia")
        #expect(String(decoding: bytes[tokens[1].start..<tokens[1].end], as: UTF8.self) == "딥네")
    }

    @Test func shortWordsAreKeptAndFunctionWordsMarked() {
        let found = analyzer.contentTerms("What does C do in Go and 저자 : 출간일?").map(\.text)
        #expect(found == ["c", "do", "go", "저자", "출간일"] || found == ["c", "go", "저자", "출간일"])
    }

    @Test func theIndexMatchesWhatTheQuerySideProduces() throws {
        let queue = try DatabaseQueue(configuration: {
            var configuration = Configuration()
            configuration.prepareDatabase { $0.add(tokenizer: AnalyzerFTS5Tokenizer.self) }
            return configuration
        }())
        try queue.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = 'rhizome')")
            for body in ["RLHF는 보상 모델을 씁니다", "딥네트워크의 층", "Zambézia province", "設定ファイルを編集する"] {
                try db.execute(sql: "INSERT INTO t (body) VALUES (?)", arguments: [body])
            }
        }
        func matches(_ question: String) throws -> [Int64] {
            let expression = try FullTextQuery(analyzer: analyzer, rows: 4, frequency: { _ in 1 })
                .expression(for: [question], joiner: " OR ")
            guard let expression else { return [] }
            return try queue.read { try Int64.fetchAll($0, sql: "SELECT rowid FROM t WHERE t MATCH ? ORDER BY rowid", arguments: [expression]) }
        }
        #expect(try matches("RLHF의 보상") == [1])
        #expect(try matches("딥네트워크는 뭐예요?") == [2])
        #expect(try matches("zambezia") == [3])
        #expect(try matches("設定ファイルはどこ") == [4])
        #expect(try matches("네트워크") == [2], "a phrase inside a longer word")
    }
}
