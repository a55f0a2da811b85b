import Foundation
import Rhizome

/// The offline extractor scored against hand-labelled names (`Examples/eval/names/names.jsonl`):
/// precision and recall per language, with examples of what it got wrong.
enum NameBench {
    static func run(_ path: String, verbose: Bool) throws {
        let passages = try LabelledPassage.load(URL(fileURLWithPath: path))
        let extractor = HeuristicExtractor(tokenizer: try O200kTokenizer())
        var scores: [String: NameSampleScore] = [:]
        for passage in passages {
            let names = extractor.extractNow(ExtractionInput(text: passage.text, headingPath: [], documentTitle: "")).entities.map(\.name)
            scores[passage.language, default: NameSampleScore()].add(passage, extractedNames: names)
        }
        for (language, score) in scores.sorted(by: { $0.key < $1.key }) {
            print(String(format: "names (%@): precision %.2f (%d of %d extracted), recall %.2f (%d of %d labelled)", language,
                         score.precision, score.correct, score.extracted, score.recall, score.found, score.gold))
            if verbose {
                print("  wrong: " + score.wrong.prefix(verbose ? 400 : 25).joined(separator: " | "))
                print("  missed: " + score.missed.prefix(verbose ? 400 : 25).joined(separator: " | "))
            }
        }
    }
}
