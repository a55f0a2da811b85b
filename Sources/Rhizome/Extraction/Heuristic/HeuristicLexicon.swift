/// Word lists behind the offline extractor's guesses. Lower-case throughout.
enum HeuristicLexicon {
    /// Words that are capitalised only because they start a sentence, or carry no meaning as names (with
    /// the pieces a possessive or contraction leaves when words are split at the apostrophe: program's, don't).
    static let stopwords: Set<String> = Set("""
    a about above across after afterwards again against all almost also although always among an and another any \
    anyone anything are around as at be because been before being below besides between both but by can could \
    did do does doing down during each either else even ever every everyone everything few first for from \
    further furthermore had has have having he her here hers herself him himself his how however i if in \
    indeed instead into is it its itself just last later least less let like many may me meanwhile might \
    more moreover most much must my neither never nevertheless next no none nor not nothing now of off often \
    on once one only or other others otherwise our ours out over own perhaps please quite rather same see \
    several she should since so some something sometimes still such than that the their theirs them then \
    there therefore these they this those though through thus to together too toward towards under unless \
    until up upon us use used using very via was we well were what whatever when whenever where whereas \
    whether which while who whom whose why will with within without would yes yet you your yours \
    s t \
    note notes example examples see also figure table section chapter part step steps first second third \
    finally today yesterday tomorrow here there each every many most some new old other \
    introduction overview summary contents abstract conclusion references appendix
    """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Lower-case words allowed inside a capitalised name ("Bank of England", "Ludwig van Beethoven").
    static let nameConnectors: Set<String> = ["of", "the", "for", "de", "du", "da", "von", "van", "der", "la", "le", "del", "&"]

    /// Acronyms and loan words of computing that name no particular thing.
    static let genericAcronyms: Set<String> = ["os", "gui", "cli", "faq", "faqs", "ok", "pc", "pcs", "cpu", "ram", "url", "urls", "usb",
                                               "wysiwyg", "id", "ids", "etc", "bug", "bugs", "tasks", "ui"]

    /// Korean nouns that say what kind of thing the name before them is (`GNU 프로젝트`, `DDP 매뉴얼`).
    static let koreanKindNouns: Set<String> = ["프로젝트", "재단", "매뉴얼", "가이드", "허가서", "대학교", "연구소", "협회", "주식회사", "위원회",
                                               "표준", "지침", "계약", "라이선스", "라이센스", "알고리즘", "모델", "프레임워크",
                                               "라이브러리", "데이터셋", "학회", "연구원", "센터"]
    /// Endings of Japanese and Korean predicates and task titles (`…を確認する`, `…を変更します`, `…찾기`).
    static let clauseEndings = ["する", "します", "ます", "です", "した", "ない", "れる", "せる", "다", "요", "기", "까", "니다"]

    /// Kind nouns that make the name an organisation.
    static let koreanOrganizationKinds: Set<String> = ["재단", "대학교", "연구소", "협회", "주식회사", "위원회", "학회", "연구원", "센터"]

    static let months: Set<String> = ["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"]
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    static let organizationCues: Set<String> = ["inc", "corp", "corporation", "ltd", "llc", "gmbh", "plc", "company",
        "co", "university", "college", "institute", "foundation", "association", "society", "project", "group",
        "organization", "organisation", "committee", "council", "agency", "department", "ministry", "bank", "school",
        "consortium", "federation", "union", "laboratory", "laboratories", "labs", "team", "press", "board",
        "commission", "office", "church", "party", "academy", "trust", "network", "alliance", "centre", "center"]

    static let honorifics: Set<String> = ["mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lady",
        "lord", "president", "king", "queen", "prince", "princess", "saint", "st", "rev", "judge", "senator",
        "captain"]

    static let givenNames: Set<String> = Set("""
    aaron adam alan albert alex alexander alice amanda amy andrew angela ann anna anne anthony arthur barbara ben \
    benjamin betty bill bob brian bruce carl carol caroline catherine charles charlotte chris christian \
    christopher daniel david deborah dennis donald dorothy douglas edward elizabeth emily emma eric frank \
    fred frederick gary george grace greg hannah harold harry helen henry howard isaac jack jacob james jane \
    janet jason jean jeff jennifer jessica jim joan john jonathan joseph joshua judith julia karen kate \
    kenneth kevin larry laura linda lisa louis margaret maria mark martha martin mary matthew michael \
    nancy nicholas olivia pamela patricia patrick paul peter philip rachel ralph raymond rebecca richard \
    robert roger ronald rose ruth ryan samuel sandra sarah scott sharon simon sophie stephen steven susan \
    thomas timothy tom victoria walter william henri jacques pierre marie hans karl wolfgang linus guido \
    dennis ken bjarne dwayne jean-loup mark richard
    """.split(whereSeparator: \.isWhitespace).map(String.init))

    static let locationCues: Set<String> = ["city", "county", "river", "lake", "mountain", "mountains", "island",
        "islands", "sea", "ocean", "bay", "valley", "street", "road", "avenue", "park", "state", "states",
        "province", "republic", "kingdom", "region", "district", "village", "town", "pond", "woods", "forest",
        "coast", "desert", "peninsula", "harbor", "harbour", "port"]

    /// Prepositions that, right before a capitalised name, suggest a place ("in Concord", "near Boston").
    static let placePrepositions: Set<String> = ["in", "near", "outside"]

    static let knownPlaces: Set<String> = Set("""
    africa america americas antarctica asia australia europe afghanistan albania algeria argentina austria \
    belgium brazil bulgaria canada chile china colombia croatia cuba cyprus czechia denmark egypt england \
    estonia finland france germany greece hungary iceland india indonesia iran iraq ireland israel italy japan \
    kenya korea latvia lithuania luxembourg malta mexico morocco netherlands norway pakistan peru poland \
    portugal romania russia scotland serbia singapore slovakia slovenia spain sweden switzerland taiwan \
    thailand turkey ukraine uganda vietnam wales zimbabwe london paris berlin rome madrid tokyo boston \
    california massachusetts texas concord cambridge oxford sydney beijing moscow washington
    """.split(whereSeparator: \.isWhitespace).map(String.init))

    /// Prefixes and suffixes that make an adjective of a name (`non-English`, `Debian-derived`, `GNU-style`).
    static let derivationalPrefixes: Set<String> = ["non", "pre", "post", "anti", "pro", "multi", "cross", "pseudo", "quasi", "un"]
    static let derivationalSuffixes: Set<String> = ["derived", "style", "specific", "based", "like", "compatible", "related",
                                                    "oriented", "only", "friendly", "aware", "dependent", "independent",
                                                    "centric", "powered", "enabled", "capable", "speaking", "using", "made"]
}
