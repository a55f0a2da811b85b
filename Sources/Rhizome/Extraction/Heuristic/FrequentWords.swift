/// Words frequent in the web text a byte-pair vocabulary was trained on: those it holds whole, as one
/// token after a space. Where case cannot tell a name from an ordinary word (Hangul), this can: `서비스`,
/// `사용자` and `시스템` are single o200k tokens, `데비안`, `리눅스` and `스위스` are not. It is a cue for
/// caseless scripts only: frequent English names (`Debian`, `Windows`) are single tokens too.
struct FrequentWords: Sendable {
    let tokenizer: any Tokenizer

    func contains(_ word: String) -> Bool {
        tokenizer.count(" " + word) == 1
    }
}
