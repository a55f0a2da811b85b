import Foundation
import Testing
@testable import Rhizome

/// The shipped question sets hold what they claim: every passage is in its document as Rhizome reads it,
/// every answer in one of its passages, and each set has the questions the README counts.
@Suite struct EvaluationSetTests {
    static let sets = ["en", "ko", "ja", "zh"]
    /// Every question file: each set's own, and the paraphrased ones over the English and Korean documents.
    static let files = sets.map { "\($0)/questions.jsonl" } + ["en/paraphrased.jsonl", "ko/paraphrased.jsonl"]

    @Test(arguments: files) func everyPassageOccursInItsDocumentAsRhizomeReadsIt(path: String) throws {
        let file = repositoryRootURL.appendingPathComponent("Examples/eval/\(path)")
        let set = try EvaluationSet.load([file])
        var texts: [URL: String] = [:]
        for item in set.questions {
            for (support, url) in zip(item.question.supporting, item.files) {
                if texts[url] == nil {
                    texts[url] = EvaluationText.normalised(try DocumentReaders().read(fileAt: url, sourcePath: url.lastPathComponent).text)
                }
                if let passage = support.passage {
                    #expect(texts[url]!.contains(EvaluationText.normalised(passage)), "\(item.question.id): \(passage)")
                }
            }
            if let answer = item.question.answer, !item.passages.isEmpty {
                #expect(item.passages.contains { EvaluationText.contains($0, answer: answer) }, "\(item.question.id): \(answer)")
            }
        }
    }

    @Test func theSetsHaveEnoughQuestionsOfEveryKind() throws {
        var counts: [String: (questions: Int, kinds: Set<String>, documents: Set<String>)] = [:]
        for language in Self.sets {
            let set = try EvaluationSet.load([repositoryRootURL.appendingPathComponent("Examples/eval/\(language)/questions.jsonl")])
            counts[language] = (set.questions.count, Set(set.questions.map(\.question.kind)),
                                Set(set.questions.flatMap { $0.files.map(\.path) }))
        }
        #expect(counts["en"]!.questions >= 40 && counts["en"]!.kinds == ["local", "multi-hop", "global"])
        #expect(counts["en"]!.documents.count >= 40)
        #expect(counts["ko"]!.questions >= 20)
        #expect(counts["ja"]!.questions + counts["zh"]!.questions >= 10)
    }
}
