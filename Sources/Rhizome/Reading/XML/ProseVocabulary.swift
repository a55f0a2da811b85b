/// Which elements of a prose XML vocabulary (DocBook, Mallard, TEI, JATS) play which structural role.
struct ProseVocabulary: Sendable {
    var name: String
    var sections: Set<String>
    var sectionTitles: Set<String>
    var paragraphs: Set<String>
    var lists: Set<String>
    var listItems: Set<String>
    var definitionLists: Set<String>
    var definitionTerms: Set<String>
    var verbatim: Set<String>
    var tables: Set<String>
    var tableRows: Set<String>
    var tableCells: Set<String>
    var quotes: Set<String>
    var captions: Set<String>
    /// Dropped with their content: metadata, index terms, page furniture.
    var skipped: Set<String>
    /// Conditional blocks of which only the first branch is read (Mallard `if:choose`), so alternative
    /// wordings for other platforms do not repeat the text.
    var alternatives: Set<String> = []
    /// Where the document's title lives.
    var documentTitle: @Sendable (MarkupElement) -> String?

    static let docBook = ProseVocabulary(
        name: "DocBook",
        sections: ["set", "book", "part", "reference", "chapter", "article", "preface", "appendix", "section",
                   "sect1", "sect2", "sect3", "sect4", "sect5", "simplesect", "refentry", "refsection",
                   "refsect1", "refsect2", "refsect3", "glossary", "bibliography", "colophon", "partintro"],
        sectionTitles: ["title"],
        paragraphs: ["para", "simpara", "formalpara", "refpurpose", "refname", "term"],
        lists: ["itemizedlist", "orderedlist", "simplelist", "procedure", "substeps"],
        listItems: ["listitem", "member", "step"],
        definitionLists: ["variablelist", "glosslist"],
        definitionTerms: ["term", "glossterm"],
        verbatim: ["programlisting", "screen", "literallayout", "synopsis", "address", "cmdsynopsis"],
        tables: ["table", "informaltable"],
        tableRows: ["row", "tr"],
        tableCells: ["entry", "td", "th"],
        quotes: ["blockquote", "epigraph"],
        captions: ["caption"],
        skipped: ["info", "bookinfo", "articleinfo", "chapterinfo", "sectioninfo", "indexterm", "remark",
                  "titleabbrev", "subjectset", "keywordset"],
        documentTitle: { root in
            root.firstChild(named: ["title"])?.textContent
                ?? root.firstChild(named: ["info", "bookinfo", "articleinfo"])?.firstChild(named: ["title"])?.textContent
        })

    static let tei = ProseVocabulary(
        name: "TEI",
        sections: ["div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"],
        sectionTitles: ["head"],
        paragraphs: ["p", "ab", "lg", "sp", "stage", "opener", "closer", "byline", "docTitle", "titlePart"],
        lists: ["list", "listBibl"],
        listItems: ["item", "bibl"],
        definitionLists: [],
        definitionTerms: [],
        verbatim: ["eg", "code", "egXML"],
        tables: ["table"],
        tableRows: ["row"],
        tableCells: ["cell"],
        quotes: ["quote", "cit"],
        captions: ["figDesc"],
        skipped: ["teiHeader", "fw", "pb", "lb", "cb", "milestone", "facsimile"],
        documentTitle: { root in
            root.firstChild(named: ["teiHeader"])?.firstDescendant(named: ["titleStmt"])?
                .firstChild(named: ["title"])?.textContent
        })

    static let jats = ProseVocabulary(
        name: "JATS",
        sections: ["sec", "abstract", "trans-abstract", "ack", "app", "glossary", "ref-list", "boxed-text"],
        sectionTitles: ["title"],
        paragraphs: ["p", "mixed-citation", "element-citation", "attrib"],
        lists: ["list"],
        listItems: ["list-item"],
        definitionLists: ["def-list"],
        definitionTerms: ["term"],
        verbatim: ["preformat", "code"],
        tables: ["table"],
        tableRows: ["tr"],
        tableCells: ["td", "th"],
        quotes: ["disp-quote"],
        captions: ["caption"],
        skipped: ["front", "object-id", "label", "alternatives", "graphic", "inline-graphic", "processing-meta"],
        documentTitle: { root in
            root.firstChild(named: ["front"])?.firstDescendant(named: ["article-title"])?.textContent
        })

    /// Mallard, the topic-oriented help format of GNOME (`.page` files).
    static let mallard = ProseVocabulary(
        name: "Mallard",
        sections: ["page", "section"],
        sectionTitles: ["title"],
        paragraphs: ["p", "subtitle"],
        lists: ["list", "steps", "tree"],
        listItems: ["item"],
        definitionLists: ["terms"],
        definitionTerms: ["title"],
        verbatim: ["code", "screen"],
        tables: ["table"],
        tableRows: ["tr"],
        tableCells: ["td", "th"],
        quotes: ["quote"],
        captions: ["desc"],
        skipped: ["info", "comment", "links", "media", "credit", "revision", "rules", "thumb", "include"],
        alternatives: ["choose"],
        documentTitle: { root in root.firstChild(named: ["title"])?.textContent })
}
