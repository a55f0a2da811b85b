import Foundation
import Testing

/// The web graph explorer in a real browser: headless Chromium from Debian, driven by Playwright for
/// Python (`Tests/requirements.txt`), runs `Tests/Browser/explorer_test.py` against `rhizome serve` on the
/// examples — search, click a node, ask, follow a citation — and checks the screenshot shows a drawn graph.
@Suite struct ExplorerCLITests {
    @Test func theExplorerSearchesDrawsAnswersAndCitesInChromium() throws {
        let chromium = "/usr/bin/chromium"
        try #require(FileManager.default.isExecutableFile(atPath: chromium), "the explorer test needs Debian's chromium: apt-get install chromium fonts-noto-cjk")
        let probe = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import playwright"], in: repositoryRoot)
        try #require(probe.status == 0, "the explorer test needs Playwright for Python: pip install -r Tests/requirements.txt")
        let folder = try makeTemporaryDirectory()
        let store = folder.appendingPathComponent("explorer.sqlite").path
        let ingest = try rhizome(["ingest", repositoryRoot.appendingPathComponent("Examples/documents").path, "--store", store, "--quiet"], in: folder)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let server = try RunningServer(["--store", store], in: folder)
        let screenshot = folder.appendingPathComponent("explorer.png")
        let result = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", repositoryRoot.appendingPathComponent("Tests/Browser/explorer_test.py").path,
            "--base-url", server.base.absoluteString, "--screenshot", screenshot.path, "--chromium", chromium,
        ], in: folder)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr.suffix(3000))")
        #expect(result.stdout.contains("the screenshot's graph area is drawn"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: screenshot.path))
    }
}
