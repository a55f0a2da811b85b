import Foundation

/// One question of an evaluation set (a line of `questions.jsonl`).
public struct EvaluationQuestion: Codable, Sendable, Equatable {
    /// Where the answer lies: a document (path relative to the set file), and optionally the exact passage.
    public struct Support: Codable, Sendable, Equatable {
        public var path: String
        public var passage: String?
    }

    public var id: String
    public var question: String
    /// `local`, `multi-hop` or `global`.
    public var kind: String
    public var supporting: [Support]
    /// A short string a correct extractive answer contains.
    public var answer: String?
}

/// The questions of one or more `questions.jsonl` files, with their supporting paths made absolute.
public struct EvaluationSet: Sendable {
    public struct Question: Sendable {
        public var question: EvaluationQuestion
        /// The supporting documents' files.
        public var files: [URL]
        /// The passages to find (whitespace collapsed, NFC).
        public var passages: [String]
    }

    public var questions: [Question]

    /// Why a question file could not be used.
    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(file: String, line: Int, why: String)

        public var description: String {
            switch self {
            case .unreadable(let why): "cannot read the questions: \(why)"
            case .malformed(let file, let line, let why): "\(file), line \(line): \(why)"
            }
        }
    }

    /// Reads JSON Lines question files; paths in them are relative to their own file.
    public static func load(_ files: [URL]) throws(LoadError) -> EvaluationSet {
        var questions: [Question] = []
        for file in files {
            let text: String
            do { text = try String(contentsOf: file, encoding: .utf8) } catch {
                throw .unreadable("\(file.path): \(error.localizedDescription)")
            }
            let folder = file.deletingLastPathComponent()
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                let question: EvaluationQuestion
                do { question = try JSONDecoder().decode(EvaluationQuestion.self, from: Data(line.utf8)) } catch {
                    throw .malformed(file: file.lastPathComponent, line: number + 1, why: "\(error)")
                }
                guard !question.supporting.isEmpty else {
                    throw .malformed(file: file.lastPathComponent, line: number + 1, why: "no supporting documents")
                }
                questions.append(Question(
                    question: question,
                    files: question.supporting.map { folder.appendingPathComponent($0.path).standardizedFileURL },
                    passages: question.supporting.compactMap(\.passage).map(EvaluationText.normalised)))
            }
        }
        return EvaluationSet(questions: questions)
    }
}

/// How texts are compared when judging: whitespace collapsed and NFC, case kept.
enum EvaluationText {
    static func normalised(_ text: String) -> String { text.collapsingWhitespace.canonicallyComposed }

    /// Whether `answer` occurs in `text`, ignoring case and spacing.
    static func contains(_ text: String, answer: String) -> Bool {
        normalised(text).lowercased().contains(normalised(answer).lowercased())
    }
}
