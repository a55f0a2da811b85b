/// Why a tokenizer could not be built.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    /// The vocabulary data is malformed; the message says where.
    case invalidVocabulary(String)

    public var description: String {
        switch self {
        case .invalidVocabulary(let why): "invalid tokenizer vocabulary: \(why)"
        }
    }
}
