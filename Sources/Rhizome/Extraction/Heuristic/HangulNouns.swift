/// Korean nouns the offline extractor can trust without a dictionary: Hangul words that, with their
/// particle stripped (`데비안은` → 데비안), recur in the chunk and do not look like predicates, and pairs of
/// such words that recur together (`자유 소프트웨어`). Hangul has no case, so recurrence is the cue that a
/// capital gives in English.
enum HangulNouns {
    /// Endings of predicates, adverbs and connectives: a word ending so is not a noun.
    static let predicateEndings = ["다", "요", "니다", "고", "며", "면", "서", "게", "지", "든", "는데", "도록", "려고", "지만", "거나",
                                   "한", "할", "된", "될", "인", "적", "히", "등", "던", "을", "께", "하기"]
    /// Frequent nouns too general to be entities on their own (they may still open or close a compound).
    static let generic: Set<String> = ["사용", "경우", "다음", "이것", "그것", "여기", "때문", "정보", "방법", "내용", "문서", "부분", "설명",
                                       "사용자", "파일", "버전", "문제", "시스템", "프로그램", "목록", "기능", "명령", "질문", "답변", "이름",
                                       "자세한", "모든", "대한", "위한", "통해", "따라", "관련", "같은", "다른", "새로운", "현재", "일반",
                                       "패키지", "소프트웨어", "배포판", "컴퓨터", "하드웨어", "설정", "설치", "옵션", "항목", "메뉴", "관리",
                                       "도구", "제공", "자동", "작업", "특정", "우리", "자유", "프로젝트", "지원", "사람", "개발", "다양한",
                                       "가능", "배포", "비용", "유틸리티", "사용법", "필요", "이용", "변경", "확인", "선택", "추가", "결과"]

    /// Words that qualify a noun without naming anything: `다른 유닉스 프로젝트` is about 유닉스 프로젝트.
    static let determiners: Set<String> = ["다른", "전체", "모든", "각", "새", "기존", "해당", "이런", "그런", "여러", "일부", "표준", "기본"]

    /// Noun stems and noun pairs that recur in `sentences`; a single noun the vocabulary holds as one
    /// frequent word (`서비스`, `그룹`, `사용자`) is an ordinary word, not a name (`데비안`, `스위스`).
    static func recurring(in sentences: [String], frequentWords: FrequentWords) -> Set<String> {
        var singles: [String: Int] = [:]
        var pairs: [String: Int] = [:]
        var afterObject: [String: Int] = [:]   // bare, right after a word marked as an object: a verb (`키를 눌러`)
        for sentence in sentences {
            let words = sentence.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).map(String.init)
            var previousBare: String?
            var previousIsObject = false
            for word in words {
                let hangul = isHangul(word)
                let stem = hangul ? Particles.strippingKorean(word) : word
                defer { previousIsObject = hangul && stem != word && (word.hasUTF8Suffix("을") || word.hasUTF8Suffix("를")) }
                guard hangul else { previousBare = nil; continue }
                guard isNoun(stem) else { previousBare = nil; continue }
                if previousIsObject && stem == word { afterObject[stem, default: 0] += 1 }
                if let previousBare { pairs[previousBare + " " + stem, default: 0] += 1 }
                if !generic.contains(stem) { singles[stem, default: 0] += 1 }
                previousBare = stem == word ? stem : nil   // a particle ends the phrase
            }
        }
        // A pair opened by a determiner (`다른 사람`) or made of two frequent words (`구성 파일`) is a phrase.
        let compounds = Set(pairs.filter { pair, count in
            let parts = pair.split(separator: " ").map(String.init)
            return count >= 2 && !determiners.contains(parts[0]) && !parts.allSatisfy(frequentWords.contains)
        }.keys)
        let inCompounds = compounds.reduce(into: [String: Int]()) { counts, compound in
            for part in compound.split(separator: " ") { counts[String(part), default: 0] += pairs[compound] ?? 0 }
        }
        let nouns = singles.filter { noun, count in
            count - (inCompounds[noun] ?? 0) >= 3 && !frequentWords.contains(noun) && 2 * (afterObject[noun] ?? 0) < count
        }.keys
        return compounds.union(nouns)
    }

    /// Names that end in a Korean noun saying what they are (`자유 소프트웨어 재단`, `데비안 프로젝트`,
    /// `GNU 일반 공중 사용 허가서`): the kind noun, particle stripped, with the bare nouns before it (a word
    /// carrying a particle ends the phrase) and at most one Latin name opening it.
    static func kindCompounds(in words: [SentenceWord]) -> [Mention] {
        var found: [Mention] = []
        for (index, word) in words.enumerated() where index > 0 && word.isCaseless && !word.breakBefore {
            let kind = word.stem
            guard HeuristicLexicon.koreanKindNouns.contains(kind) else { continue }
            var start = index
            while start > 0, index - start < 5, !words[start].breakBefore {
                let before = words[start - 1]
                guard isHangul(before.text), isNoun(before.text), before.stem == before.text else { break }
                start -= 1
            }
            if start > 0, !words[start].breakBefore, !words[start - 1].isCaseless,
               words[start - 1].isCapitalised || words[start - 1].isAcronym { start -= 1 }
            while start < index, determiners.contains(words[start].text) { start += 1 }
            // `관리 매뉴얼` is a description; `패키지 관리 매뉴얼` and `데비안 프로젝트` are names.
            let opening = words[start..<index]
            guard !opening.isEmpty, opening.count >= 2 || !generic.contains(opening.first!.text) else { continue }
            let name = (words[start..<index].map(\.text) + [kind]).joined(separator: " ")
            found.append(Mention(name: name, type: HeuristicLexicon.koreanOrganizationKinds.contains(kind) ? "organization" : "concept",
                                 firstWord: start, endWord: index + 1))
        }
        return found
    }

    private static func isHangul(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { (0xAC00...0xD7A3).contains($0.value) }
    }

    private static func isNoun(_ stem: String) -> Bool {
        (2...6).contains(stem.count) && !Particles.koreanFunctionWords.contains(stem)
            && !predicateEndings.contains(where: { stem.hasUTF8Suffix($0) })
    }
}
