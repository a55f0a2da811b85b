import Foundation
import Testing

@Suite struct IngestCLITests {
    @Test func ingestsTheExamplesAndCountsThemInStatus() throws {
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("examples.sqlite").path
        let examples = repositoryRoot.appendingPathComponent("Examples/documents").path
        let ingest = try rhizome(["ingest", examples, "--store", store], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        #expect(ingest.stdout.hasPrefix("Ingested 10 files: 10 added, 0 updated, 0 unchanged, 0 failed;"))

        let status = try rhizome(["status", "--json"], in: folder, environment: ["RHIZOME_STORE": store])
        #expect(status.status == 0)
        let statistics = try decodeJSON(status.stdout)["statistics"] as? [String: Any]
        #expect(statistics?["documents"] as? Int == 10)
        #expect((statistics?["chunks"] as? Int ?? 0) >= 9)
        if let verdict = try validateAgainstSchema(status.stdout, schema: "status.schema.json") {
            #expect(verdict == "valid")
        }

        let again = try rhizome(["ingest", examples, "--store", store, "--json"], in: folder)
        #expect(again.status == 0)
        #expect(try decodeJSON(again.stdout)["unchanged"] as? Int == 10)
        if let verdict = try validateAgainstSchema(again.stdout, schema: "ingest-report.schema.json") {
            #expect(verdict == "valid")
        }
    }

    @Test func badFilesAreReportedTheRestStoredAndTheExitStatusSaysSo() throws {
        let folder = try makeTemporaryDirectory()
        try Data("<h1>Good</h1><p>Fine text.</p>".utf8).write(to: folder.appendingPathComponent("good.html"))
        try Data([0x00, 0x01, 0x02, 0x03]).write(to: folder.appendingPathComponent("bad.html"))
        try Data(String(repeating: "<p>big</p>", count: 200).utf8).write(to: folder.appendingPathComponent("big.html"))
        let result = try rhizome(["ingest", ".", "--max-file-size", "1k", "--quiet"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 added, 0 updated, 0 unchanged, 2 failed"))
        #expect(result.stderr.contains("failed: bad.html: binary file"))
        #expect(result.stderr.contains("failed: big.html: file is 2000 bytes, over the 1024-byte limit (--max-file-size)"))
        let list = try rhizome(["documents", "list", "--status", "failed", "--json"], in: folder)
        if let verdict = try validateAgainstSchema(list.stdout, schema: "documents.schema.json") {
            #expect(verdict == "valid")
        }
    }

    @Test func changedFilesAreReplacedAndDeletedDocumentsRemoved() throws {
        let folder = try makeTemporaryDirectory()
        let file = folder.appendingPathComponent("page.html")
        try Data("<p>First version.</p>".utf8).write(to: file)
        #expect(try rhizome(["ingest", "page.html"], in: folder).status == 0)
        try Data("<p>Second version.</p>".utf8).write(to: file)
        let update = try rhizome(["ingest", "page.html"], in: folder)
        #expect(update.stdout.contains("0 added, 1 updated"))
        let show = try rhizome(["documents", "show", "page.html", "--json", "--text"], in: folder)
        #expect(show.status == 0)
        let chunks = try decodeJSON(show.stdout)["chunks"] as? [[String: Any]]
        #expect(chunks?.first?["text"] as? String == "Second version.")
        if let verdict = try validateAgainstSchema(show.stdout, schema: "document.schema.json") {
            #expect(verdict == "valid")
        }
        let delete = try rhizome(["documents", "delete", "page.html"], in: folder)
        #expect(delete.stdout == "Deleted page.html (1 chunk).\n")
        let status = try decodeJSON(try rhizome(["status", "--json"], in: folder).stdout)
        #expect((status["statistics"] as? [String: Any])?["documents"] as? Int == 0)
        let missing = try rhizome(["documents", "delete", "page.html"], in: folder)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no document with path or id 'page.html'"))
    }

    @Test func standardInputIsIngestedWithAForcedFormat() throws {
        let folder = try makeTemporaryDirectory()
        let result = try rhizome(["ingest", "-", "--format", "markdown", "--stdin-path", "notes/today.md"], in: folder,
                             input: "# Today\n\nWe planted Douglas firs.")
        #expect(result.status == 0, "\(result.stderr)")
        let show = try rhizome(["documents", "show", "notes/today.md", "--json"], in: folder)
        let document = try decodeJSON(show.stdout)["document"] as? [String: Any]
        #expect(document?["format"] as? String == "markdown")
        #expect(document?["title"] as? String == "Today")
    }

    @Test func readCommandsNeedAStoreAndSettingsAreChecked() throws {
        let folder = try makeTemporaryDirectory()
        let status = try rhizome(["status"], in: folder)
        #expect(status.status != 0)
        #expect(status.stderr.contains("is not a Rhizome store: no such file; run `rhizome ingest` first"))
        try Data("<p>x</p>".utf8).write(to: folder.appendingPathComponent("a.html"))
        #expect(try rhizome(["ingest", "a.html", "--chunk-tokens", "400"], in: folder).status == 0)
        let mismatch = try rhizome(["ingest", "a.html", "--chunk-tokens", "800"], in: folder)
        #expect(mismatch.status != 0)
        #expect(mismatch.stderr.contains("created with chunk size (tokens) 400, not 800"))
        let invalid = try rhizome(["ingest", "a.html", "--chunk-tokens", "100", "--chunk-overlap", "100"], in: folder)
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("must be smaller than --chunk-tokens"))
    }

    @Test func aCopiedBinaryStillWorks() throws {
        // The vocabulary and schema are compiled in: no resource bundle has to travel with the binary.
        let folder = try makeTemporaryDirectory()
        let copy = folder.appendingPathComponent("rhizome")
        try FileManager.default.copyItem(at: rhizomeBinary, to: copy)
        try Data("<p>Portable binaries need no bundles.</p>".utf8).write(to: folder.appendingPathComponent("p.html"))
        let result = try runProgram(copy, ["ingest", "p.html", "--json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try decodeJSON(result.stdout)["tokens"] as? Int == 6)   // the reference o200k_base count
    }
}
