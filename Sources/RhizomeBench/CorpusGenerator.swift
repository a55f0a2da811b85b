import Foundation

/// Writes a deterministic synthetic corpus of HTML and XML documents (headings, paragraphs, lists, tables),
/// so benchmark runs are comparable. Words come from a fixed vocabulary picked by a seeded generator.
struct CorpusGenerator {
    var seed: UInt64 = 0x5EED

    private static let words = """
        graph entity relation chunk document retrieval knowledge store forest fungus network river mountain
        library parser token window overlap summary keyword theme signal vector index query answer source
        citation section heading paragraph table list model language embedding cosine search lexical fusion
        the of and to in is that for with as on by from at an be this which or are it was were not have has
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    private static let names = ["Douglas Fir", "Paper Birch", "Walden Pond", "Henry Thoreau", "General Dynamics",
                                "SQLite", "LightRAG", "Microsoft Research", "University of Hong Kong", "Concord"]

    private mutating func next() -> UInt64 {
        seed = seed &* 6364136223846793005 &+ 1442695040888963407
        return seed >> 33
    }

    private mutating func sentence() -> String {
        let count = 8 + Int(next() % 14)
        var words = (0..<count).map { _ in Self.words[Int(next() % UInt64(Self.words.count))] }
        words.insert(Self.names[Int(next() % UInt64(Self.names.count))], at: Int(next() % UInt64(count)))
        return words.joined(separator: " ").prefix(1).uppercased() + words.joined(separator: " ").dropFirst() + "."
    }

    private mutating func paragraph() -> String {
        (0..<(3 + Int(next() % 5))).map { _ in sentence() }.joined(separator: " ")
    }

    /// One document of roughly `sections` sections; even indices are HTML, odd ones DocBook XML.
    mutating func document(index: Int, sections: Int) -> (name: String, text: String) {
        if index % 2 == 0 {
            var html = "<!DOCTYPE html><html><head><title>Document \(index)</title><script>track()</script></head><body>"
            html += "<nav><a href='/'>Home</a></nav><h1>Document \(index)</h1>"
            for section in 0..<sections {
                html += "<h2>Section \(section)</h2><p>\(paragraph())</p><p>\(paragraph())</p>"
                html += "<ul>" + (0..<4).map { _ in "<li>\(sentence())</li>" }.joined() + "</ul>"
                html += "<table><tr><th>Name</th><th>Value</th></tr><tr><td>\(sentence())</td><td>\(next() % 1000)</td></tr></table>"
            }
            return ("doc-\(index).html", html + "<footer>Footer</footer></body></html>")
        }
        var xml = "<?xml version=\"1.0\"?><article xmlns=\"http://docbook.org/ns/docbook\"><info><title>Article \(index)</title></info>"
        for section in 0..<sections {
            xml += "<section><title>Part \(section)</title><para>\(paragraph())</para><para>\(paragraph())</para>"
            xml += "<itemizedlist>" + (0..<3).map { _ in "<listitem><para>\(sentence())</para></listitem>" }.joined()
            xml += "</itemizedlist></section>"
        }
        return ("doc-\(index).xml", xml + "</article>")
    }

    /// Writes `count` documents into `folder`; returns the total bytes written.
    mutating func write(count: Int, sections: Int, into folder: URL) throws -> Int {
        var bytes = 0
        for index in 0..<count {
            let (name, text) = document(index: index, sections: sections)
            let data = Data(text.utf8)
            try data.write(to: folder.appendingPathComponent(name))
            bytes += data.count
        }
        return bytes
    }

    /// About `megabytes` of English-like prose.
    mutating func prose(megabytes: Double) -> String {
        var text = ""
        while Double(text.utf8.count) < megabytes * 1_048_576 { text += paragraph() + "\n\n" }
        return text
    }
}
