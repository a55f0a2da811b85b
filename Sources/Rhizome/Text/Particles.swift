/// Korean particles and endings, and Japanese and Chinese function words: what a query run sheds so its
/// content matches however the document inflects it (`RLHF의`, `모델은`, `設定ファイルの`).
enum Particles {
    /// Korean particles and common endings, longest first so `에서는` goes before `는`.
    static let korean: [String] = [
        "이었습니다", "였습니다", "입니다", "습니다", "합니다", "됩니다", "에서는", "으로는", "에게서", "까지는", "에서도", "이라는",
        "이라고", "에서의", "으로서", "으로써", "하는", "하고", "하면", "하여", "해서", "했다", "된다", "되는", "라는", "라고", "에서", "에게", "한테",
        "으로", "부터", "까지", "보다", "처럼", "마다", "조차", "이나", "이며", "이고", "이다", "에는", "와의", "과의", "은", "는", "이", "가",
        "을", "를", "의", "에", "로", "와", "과", "도", "만",
    ]

    /// Korean question words and endings that carry no content.
    static let koreanFunctionWords: Set<String> = [
        "무엇", "무엇인가요", "무엇입니까", "뭐", "뭐예요", "뭔가요", "어떤", "어떻게", "어디", "어디에", "언제", "누구", "누가", "왜", "몇",
        "있나요", "있습니까", "있어요", "있는", "있다", "없나요", "하나요", "합니까", "인가요", "예요", "이에요", "인지", "알려", "주세요",
        "알려주세요", "무슨", "어느", "얼마나", "그리고", "또는", "및", "그", "이", "저", "것", "수", "등", "때", "좀", "해야", "하나", "되나요",
        "돼요", "나요", "까요", "할까요", "하죠", "쓰나요", "있죠", "해요",
    ]

    /// `run` without a trailing particle or ending; empty when the run is one (or a question word).
    static func strippingKorean(_ run: String) -> String {
        if koreanFunctionWords.contains(run) { return "" }
        for particle in korean where run.utf8.count > particle.utf8.count && run.hasUTF8Suffix(particle) {
            let stem = String(decoding: run.utf8.dropLast(particle.utf8.count), as: UTF8.self)
            return koreanFunctionWords.contains(stem) ? "" : stem
        }
        return korean.contains(run) ? "" : run
    }

    /// Chinese characters that are function words (structure, questions, pronouns).
    static let chineseFunctionCharacters: Set<Character> = Set("的了是在和与或及吗呢吧么啊把被这那哪什怎谁个些们我你他她它请")

    /// A Japanese or Chinese run cut into content segments and function segments: Hiragana stretches
    /// (particles, endings, `ですか`) and Chinese function characters are function segments.
    static func segmentsOfJapaneseOrChinese(_ run: String) -> [(text: String, isFunction: Bool)] {
        var segments: [(text: String, isFunction: Bool)] = []
        var current = ""
        var currentIsFunction = false
        for character in run {
            let isFunction = isHiragana(character) || chineseFunctionCharacters.contains(character)
            if !current.isEmpty, isFunction != currentIsFunction {
                segments.append((current, currentIsFunction))
                current = ""
            }
            current.append(character)
            currentIsFunction = isFunction
        }
        if !current.isEmpty { segments.append((current, currentIsFunction)) }
        return segments
    }

    static func isHiragana(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x3041...0x309F).contains($0.value) }
    }
}

/// Function words per language, so short words are never dropped for being short (`C`, `Go`, `저자`).
enum Stopwords {
    static func isFunctionWord(_ folded: String) -> Bool {
        HeuristicLexicon.stopwords.contains(folded) || questionWords.contains(folded)
    }

    /// Words that frame an English question without being its subject.
    static let questionWords: Set<String> = ["what", "which", "who", "whom", "why", "how", "when", "where", "does",
                                             "did", "tell", "explain", "describe", "list", "give", "show", "find", "know"]
}
