import Foundation
import Testing
@testable import Rhizome

/// The offline extractor scored against the hand-labelled names of `Examples/eval/names/`. The floors are
/// the measured scores less 0.03 (a guard against regressions, not the targets: issue 14 asks for precision
/// 0.8 and recall 0.6, which the held-out sample does not reach yet; see the README).
@Suite struct NameSampleTests {
    func scores(_ file: String) throws -> [String: NameSampleScore] {
        let passages = try LabelledPassage.load(repositoryRootURL.appendingPathComponent("Examples/eval/names/\(file)"))
        var scores: [String: NameSampleScore] = [:]
        for passage in passages {
            let input = ExtractionInput(text: passage.text, headingPath: [], documentTitle: "")
            scores[passage.language, default: NameSampleScore()].add(passage, extractedNames: HeuristicExtractor(tokenizer: sharedTokenizer).extractNow(input).entities.map(\.name))
        }
        return scores
    }

    func expect(_ scores: [String: NameSampleScore], floors: [String: (precision: Double, recall: Double)]) {
        for (language, floor) in floors {
            let score = scores[language] ?? NameSampleScore()
            #expect(score.precision >= floor.precision, "\(language) precision \(score.precision)")
            #expect(score.recall >= floor.recall, "\(language) recall \(score.recall)")
        }
    }

    /// The sample the extractor's rules were tuned on.
    @Test func tuningSample() throws {
        expect(try scores("names.jsonl"), floors: ["en": (0.81, 0.60), "ko": (0.76, 0.67), "ja": (0.88, 0.82)])
    }

    /// The sample kept for reporting until 2026-12-04, when its errors were read to shape the frequent-word
    /// rule (Korean) and the clause-opening and derived-word rules (English): it is now a tuning sample too.
    @Test func heldOutSample() throws {
        expect(try scores("heldout.jsonl"), floors: ["en": (0.70, 0.46), "ko": (0.58, 0.70), "ja": (0.76, 0.73)])
    }

    /// The sample labelled blind by another session after the rules were tuned; its errors have not been read.
    @Test func blindSample() throws {
        expect(try scores("blind.jsonl"), floors: ["en": (0.65, 0.52), "ko": (0.37, 0.48), "ja": (0.70, 0.86)])
    }
}
