import Foundation
import GRDB
import Testing
@testable import Rhizome

/// The offline extractor on real documents (Debian packages, see `Examples/eval/LICENSES.md`), through the
/// whole ingest: what it stores are names, never clauses or words with their particle.
@Suite struct HeuristicRealDocumentTests {
    /// Ingests `paths` (relative to `Examples/eval/`) offline and returns the stored entity names and aliases.
    func entityNames(_ paths: [String]) async throws -> (names: Set<String>, aliases: Set<String>) {
        let fixture = try await IngestFixture()
        for path in paths {
            let source = repositoryRootURL.appendingPathComponent("Examples/eval/\(path)")
            try FileManager.default.copyItem(at: source, to: fixture.corpus.appendingPathComponent(source.lastPathComponent))
        }
        let report = await fixture.ingest()
        #expect(report.failed == 0)
        return try await fixture.store.pool.read { db in
            (Set(try String.fetchAll(db, sql: "SELECT name FROM entities")),
             Set(try String.fetchAll(db, sql: "SELECT alias FROM entity_aliases")))
        }
    }

    static let koreanParticles = ["은", "는", "을", "를", "에서", "에게", "으로", "와", "과", "의", "이며", "이고"]
    static let clauseEndings = ["습니다", "입니다", "합니다", "됩니다", "하는", "있는", "ます", "です", "ました", "する", "される"]

    func expectNamesNotClauses(_ names: Set<String>, _ language: String) {
        let caseless = names.filter { $0.unicodeScalars.contains(where: MentionFinder.isCJK) }
        if language != "en" { #expect(caseless.count >= 3, "\(language): the extractor found CJK names at all: \(caseless.sorted())") }
        let withParticle = caseless.filter { name in
            let last = String(name.split(separator: " ").last ?? "")
            return Self.koreanParticles.contains { last.hasSuffix($0) && last.count > $0.count + 1 }
                && Particles.strippingKorean(last) != last && !HeuristicLexicon.koreanKindNouns.contains(last)
        }
        #expect(withParticle.isEmpty, "\(language): names ending in a particle: \(withParticle.sorted())")
        let clauses = names.filter { name in
            Self.clauseEndings.contains { name.contains($0) } || name.split(separator: " ").count > 6 || name.hasSuffix("?")
        }
        #expect(clauses.isEmpty, "\(language): clauses stored as names: \(clauses.sorted())")
    }

    /// Each expected name is an entity's name or alias (`DFSG` for `フリーソフトウエアーガイドライン (DFSG)`).
    func expectFound(_ expected: [String], in found: (names: Set<String>, aliases: Set<String>), _ language: String) {
        let names = found.names
        let keys = Set(names.union(found.aliases).map(EntityKey.of))
        let missing = expected.filter { !keys.contains(EntityKey.of($0)) }
        #expect(missing.isEmpty, "\(language): names not found: \(missing); found \(names.count)")
    }

    @Test func koreanDebianFAQ() async throws {
        let names = try await entityNames(["ko/documents/debian-faq/basic-defs.ko.html", "ko/documents/debian-faq/faqinfo.ko.html"])
        expectNamesNotClauses(names.names, "ko")
        expectFound(["Ian Murdock", "FSF", "Debian GNU/Linux", "Hurd", "데비안 프로젝트", "Javier Fernandez-Sanguino"], in: names, "ko")
    }

    /// GNOME help is instructions: verbs recur there as often as nouns (`설정을 눌러`, `용량 확인하기`).
    @Test func koreanGNOMEHelpYieldsNoVerbs() async throws {
        let names = try await entityNames(["ko/documents/gnome-help/net-findip.page", "ko/documents/gnome-help/sound-nosound.page",
                                           "ko/documents/gnome-help/user-goodpassword.page", "ko/documents/gnome-help/disk-capacity.page"])
        expectNamesNotClauses(names.names, "ko")
        let verbs = names.names.filter { name in ["눌러", "누르", "하기"].contains { name.hasSuffix($0) } }
        #expect(verbs.isEmpty, "verbs stored as names: \(verbs.sorted())")
    }

    @Test func japaneseGNOMEHelpAndDebianReference() async throws {
        let names = try await entityNames(["ja/documents/gnome-help/net-findip.page", "ja/documents/gnome-help/power-batterylife.page",
                                           "ja/documents/debian-reference/pr01.ja.html"])
        expectNamesNotClauses(names.names, "ja")
        expectFound(["Debian", "GNOME", "Samba", "DFSG", "Berkeley DB", "LibreOffice"], in: names, "ja")
    }

    @Test func englishDebianFAQ() async throws {
        let names = try await entityNames(["en/documents/debian-faq/basic-defs.en.html", "en/documents/debian-faq/faqinfo.en.html"])
        expectNamesNotClauses(names.names, "en")
        expectFound(["Ian Murdock", "Free Software Foundation", "Debian GNU/Linux", "Javier Fernandez-Sanguino", "Susan G. Kleinmann"],
                    in: names, "en")
        let generic = names.names.filter { ["Someone", "Help", "The", "This", "DEFAULT"].contains($0) }
        #expect(generic.isEmpty, "capitalised common words are not names: \(generic.sorted())")
    }
}
