import Foundation
import Testing

/// What a new user meets in the first hour, through the built binary: hostile files, paths as typed,
/// skipped and vanished files, duplicates, warnings, read-only stores.
@Suite struct FirstHourCLITests {
    static let examples = repositoryRoot.appendingPathComponent("Examples/documents")
    static let realFixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/real")

    func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func copy(_ source: URL, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: url)
    }

    @Test func hostileFilesFailFastInBoundedMemoryWhileTheRestOfTheBatchIsStored() throws {
        let folder = try makeTemporaryDirectory()
        let batch = folder.appendingPathComponent("batch")
        try write("<?xml version=\"1.0\"?>\n<!DOCTYPE doc [<!ENTITY a \"" + String(repeating: "A", count: 100_000)
                  + "\">]>\n<doc><p>" + String(repeating: "&a;", count: 20_000) + "</p></doc>\n",
                  to: batch.appendingPathComponent("quadratic-blowup.xml"))
        try copy(repositoryRoot.appendingPathComponent("Tests/Fixtures/reading/bomb.xml"), to: batch.appendingPathComponent("billion-laughs.xml"))
        try copy(repositoryRoot.appendingPathComponent("Tests/Fixtures/reading/xxe.xml"), to: batch.appendingPathComponent("xxe.xml"))
        try write("<?xml version='1.0'?><doc>" + String(repeating: "<d>", count: 10_000) + "deep text"
                  + String(repeating: "</d>", count: 10_000) + "</doc>", to: batch.appendingPathComponent("deep.xml"))
        try copy(Self.examples.appendingPathComponent("zlib-how.html"), to: batch.appendingPathComponent("zlib-how.html"))
        try copy(Self.realFixtures.appendingPathComponent("kde/hips.docbook"), to: batch.appendingPathComponent("hips.docbook"))

        let result = try rhizome(["ingest", "batch", "--json"], in: folder, environment: ["RHIZOME_LOG_LEVEL": "info"])
        #expect(result.status == 1, "two hostile files failed")
        let report = try decodeJSON(result.stdout)
        #expect((report["added"] as? Int, report["failed"] as? Int) == (4, 2))
        let outcomes = report["outcomes"] as? [[String: Any]] ?? []
        let errors = Dictionary(uniqueKeysWithValues: outcomes.compactMap { outcome in
            (outcome["error"] as? String).map { ((outcome["path"] as? String) ?? "", $0) }
        })
        #expect(errors["batch/quadratic-blowup.xml"]?.hasPrefix("refused unsafe XML: entity references expand") == true)
        #expect(errors["batch/billion-laughs.xml"]?.hasPrefix("refused unsafe XML: entity expansion bomb") == true)
        #expect(errors.values.allSatisfy { !$0.contains("\n") }, "one line each")
        let peak = result.stderr.split(separator: "\n").first { $0.contains("peak resident memory") }
            .flatMap { line in line.split(separator: " ").reversed().dropFirst().first.flatMap { Int($0) } }
        #expect(peak != nil && peak! < 200, "peak \(peak ?? -1) MB")

        let show = try rhizome(["documents", "show", "batch/xxe.xml", "--text"], in: folder)
        #expect(show.stdout.contains("Acme Corporation") && !show.stdout.contains("root:"))
        #expect(try rhizome(["documents", "show", "batch/deep.xml", "--text"], in: folder).stdout.contains("deep text"))
    }

    @Test func onlyWarningsMeansSuccessAndTheReportCountsThemApart() throws {
        let folder = try makeTemporaryDirectory()
        try copy(Self.realFixtures.appendingPathComponent("kde/hips.docbook"), to: folder.appendingPathComponent("docs/hips.docbook"))
        try copy(Self.examples.appendingPathComponent("zlib-how.html"), to: folder.appendingPathComponent("docs/zlib-how.html"))
        let json = try rhizome(["ingest", "docs", "--json"], in: folder)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try decodeJSON(json.stdout)
        #expect((report["added"] as? Int, report["warned"] as? Int, report["failed"] as? Int) == (2, 1, 0))
        if let verdict = try validateAgainstSchema(json.stdout, schema: "ingest-report.schema.json") { #expect(verdict == "valid") }
        try write("<p>changed</p>", to: folder.appendingPathComponent("docs/zlib-how.html"))
        let plain = try rhizome(["ingest", "docs"], in: folder)
        #expect(plain.status == 0)
        #expect(plain.stdout.hasPrefix("Ingested 2 files: 0 added, 1 updated, 1 unchanged, 0 failed;"))
    }

    @Test func documentCommandsTakePathsAsTheyWereTyped() throws {
        let folder = try makeTemporaryDirectory()
        try copy(Self.examples.appendingPathComponent("zlib-how.html"), to: folder.appendingPathComponent("docs/zlib-how.html"))
        try copy(Self.examples.appendingPathComponent("sqlite-history.dbk.xml"), to: folder.appendingPathComponent("docs/sub/sqlite.xml"))
        let absolute = folder.appendingPathComponent("docs/zlib-how.html").path
        #expect(try rhizome(["ingest", folder.appendingPathComponent("docs").path], in: folder).status == 0)
        for spelling in ["docs/zlib-how.html", "./docs/zlib-how.html", "docs/sub/../zlib-how.html", absolute] {
            let show = try rhizome(["documents", "show", spelling], in: folder)
            #expect(show.status == 0, "\(spelling): \(show.stderr)")
            #expect(show.stdout.contains("path:    docs/zlib-how.html"))
        }
        let fromInside = try rhizome(["documents", "show", "zlib-how.html", "--store", "../rhizome.sqlite"],
                                     in: folder.appendingPathComponent("docs"))
        #expect(fromInside.status == 0, "\(fromInside.stderr)")
        let export = try rhizome(["export", "--document", absolute, "--format", "json"], in: folder)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(((try decodeJSON(export.stdout)["nodes"] as? [Any]) ?? []).count > 0)

        let unknown = try rhizome(["documents", "show", "docs/zlib-hwo.html"], in: folder)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("Error: no document with path or id 'docs/zlib-hwo.html'; nearest stored paths: docs/zlib-how.html"))
        #expect(unknown.stderr.contains("rhizome documents list"))

        let folderDelete = try rhizome(["documents", "delete", "docs/sub/"], in: folder)
        #expect(folderDelete.stdout == "Deleted docs/sub/sqlite.xml (1 chunk).\n", "\(folderDelete.stderr)")
        let delete = try rhizome(["documents", "delete", absolute], in: folder)
        #expect(delete.status == 0)
        let status = try decodeJSON(try rhizome(["status", "--json"], in: folder).stdout)
        #expect((status["statistics"] as? [String: Any])?["documents"] as? Int == 0)
    }

    @Test func missingPathsSkippedFilesDryRunAndPrune() throws {
        let folder = try makeTemporaryDirectory()
        let missing = try rhizome(["ingest", "nothere"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr == "Error: no such file or directory: nothere\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("rhizome.sqlite").path))

        try write("<p>Alpha page about deflate.</p>", to: folder.appendingPathComponent("docs/a.html"))
        try write("<p>Beta page about inflate.</p>", to: folder.appendingPathComponent("docs/b.html"))
        try write("not a document", to: folder.appendingPathComponent("docs/picture.png"))
        try write("%PDF-1.4", to: folder.appendingPathComponent("docs/paper.pdf"))
        let dry = try rhizome(["ingest", "docs", "--dry-run"], in: folder)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("add        docs/a.html"))
        #expect(dry.stdout.contains("2 files skipped: unknown extension (use --include to read them): docs/paper.pdf, docs/picture.png"))
        #expect(dry.stdout.hasSuffix("Dry run, nothing changed: 2 to add, 0 to update, 0 unchanged, 0 duplicates, 0 vanished, 0 failing, 2 skipped.\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("rhizome.sqlite").path))
        if let verdict = try validateAgainstSchema(try rhizome(["ingest", "docs", "--dry-run", "--json"], in: folder).stdout,
                                                   schema: "ingest-plan.schema.json") {
            #expect(verdict == "valid")
        }

        let first = try rhizome(["ingest", "docs"], in: folder)
        #expect(first.stderr.contains("2 files skipped: unknown extension (use --include to read them)"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("docs/b.html"))
        let again = try rhizome(["ingest", "docs"], in: folder)
        #expect(again.stderr.contains("1 stored document no longer exists on disk: docs/b.html; --prune removes it"))
        #expect(try rhizome(["ingest", "docs", "--dry-run", "--prune"], in: folder).stdout.contains("remove     docs/b.html"))
        let pruned = try rhizome(["ingest", "docs", "--prune"], in: folder)
        #expect(pruned.stdout.contains("1 removed"), "\(pruned.stdout)")
        let list = try rhizome(["documents", "list"], in: folder)
        #expect(list.stdout.contains("docs/a.html") && !list.stdout.contains("docs/b.html"))
    }

    @Test func identicalFilesAreStoredOnceUnderBothPaths() throws {
        let folder = try makeTemporaryDirectory()
        let original = folder.appendingPathComponent("docs/zlib-how.html")
        try copy(Self.examples.appendingPathComponent("zlib-how.html"), to: original)
        try copy(original, to: folder.appendingPathComponent("docs/copy/zlib-how.html"))
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("docs/link.html"), withDestinationURL: original)
        let ingest = try rhizome(["ingest", "docs"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.hasPrefix("Ingested 3 files: 1 added, 0 updated, 0 unchanged, 2 duplicates, 0 failed;"))
        let status = try decodeJSON(try rhizome(["status", "--json"], in: folder).stdout)
        #expect((status["statistics"] as? [String: Any])?["documents"] as? Int == 1)
        let show = try rhizome(["documents", "show", "docs/link.html"], in: folder)
        #expect(show.stdout.contains("path:    docs/copy/zlib-how.html") || show.stdout.contains("path:    docs/link.html"))
        #expect(show.stdout.contains("also at:"))
        let answer = try rhizome(["query", "How does deflate work?", "--json"], in: folder)
        let references = try decodeJSON(answer.stdout)["references"] as? [[String: Any]] ?? []
        #expect(Set(references.compactMap { $0["document_path"] as? String }).count == 1, "one document, cited once")
        #expect(try rhizome(["ingest", "docs"], in: folder).stdout.contains("0 added, 0 updated, 3 unchanged"))
    }

    @Test func aStoreOnReadOnlyMediaCanStillBeRead() throws {
        let folder = try makeTemporaryDirectory()
        #expect(try rhizome(["ingest", Self.examples.path], in: folder).status == 0)
        let mount = folder.appendingPathComponent("media")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        guard try runProgram(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.path],
                             in: folder).status == 0 else {
            print("skipped aStoreOnReadOnlyMediaCanStillBeRead: cannot mount a tmpfs here (needs root)")
            return
        }
        defer { _ = try? runProgram(URL(fileURLWithPath: "/bin/umount"), [mount.path], in: folder) }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("rhizome.sqlite"), to: mount.appendingPathComponent("store.sqlite"))
        #expect(try runProgram(URL(fileURLWithPath: "/bin/mount"), ["-o", "remount,ro", mount.path], in: folder).status == 0)
        let store = mount.appendingPathComponent("store.sqlite").path
        for arguments in [["status"], ["query", "Who designed SQLite?"], ["export", "--format", "json"], ["documents", "list"]] {
            let result = try rhizome(arguments + ["--store", store], in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let write = try rhizome(["ingest", Self.examples.path, "--store", store], in: folder)
        #expect(write.status != 0)
    }

    @Test func hostileImportFilesAreBounded() throws {
        let folder = try makeTemporaryDirectory()
        // 150 bytes that ask for a document of 268 million characters.
        let tiny = #"{"chunks":[{"id":"c1","text":"a fact","document":"d","start_offset":268000000,"end_offset":268000006}],"#
            + #""entities":[{"name":"Hostile","chunks":["c1"]}]}"#
        try write(tiny, to: folder.appendingPathComponent("tiny.json"))
        let result = try rhizome(["import", "tiny.json", "--json"], in: folder, environment: ["RHIZOME_LOG_LEVEL": "info"])
        #expect(result.status == 0, "\(result.stderr)")
        let show = try decodeJSON(try rhizome(["documents", "list", "--json"], in: folder).stdout.replacingOccurrences(of: "[", with: "{\"a\":[", options: .anchored) + "}")
        let documents = show["a"] as? [[String: Any]] ?? []
        #expect(documents.allSatisfy { ($0["byte_count"] as? Int ?? 0) < 1_000_000 }, "\(documents)")

        let endless = String(repeating: "{\"entities\": [", count: 200)
        let stream = try rhizome(["import", "-", "--max-file-size", "1k"], in: folder, input: endless)
        #expect(stream.status == 1)
        #expect(stream.stderr == "Error: -: more than 1.0 kB (--max-file-size)\n")
    }
}
