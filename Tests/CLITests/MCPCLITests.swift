import Foundation
import Testing

/// `rhizome mcp` (stdio) and `/mcp` under `rhizome serve` (streamable HTTP) driven by a real MCP client: the
/// `mcp` package from PyPI (`Tests/requirements.txt`), running `Tests/MCP/mcp_client_test.py`, which lists the
/// tools and calls each one.
@Suite struct MCPCLITests {
    @Test func thePythonMCPClientListsAndCallsEveryTool() throws {
        let (folder, documents) = try examplesFolder()
        try expectAllChecksPass(["--rhizome", rhizomeBinary.path, "--store", folder.appendingPathComponent("mcp.sqlite").path,
                                 "--allow-root", documents.path], in: folder)
    }

    @Test func thePythonMCPClientDoesTheSameOverStreamableHTTPUnderServe() throws {
        let (folder, documents) = try examplesFolder()
        let server = try RunningServer(["--store", folder.appendingPathComponent("serve.sqlite").path, "--scan-folder", documents.path],
                                       in: folder)
        try expectAllChecksPass(["--url", server.base.appendingPathComponent("mcp").absoluteString, "--allow-root", documents.path],
                                in: folder)
    }

    /// A fresh folder holding a copy of the examples as `documents/` (the client's ingest reads them).
    private func examplesFolder() throws -> (folder: URL, documents: URL) {
        let probe = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import mcp"], in: repositoryRoot)
        try #require(probe.status == 0, "the MCP client test needs Python's mcp package: pip install -r Tests/requirements.txt")
        let folder = try makeTemporaryDirectory()
        let documents = folder.appendingPathComponent("documents")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Examples/documents"), to: documents)
        return (folder, documents)
    }

    /// Runs the client script with `arguments` and expects every one of its checks to pass.
    private func expectAllChecksPass(_ arguments: [String], in folder: URL) throws {
        let script = repositoryRoot.appendingPathComponent("Tests/MCP/mcp_client_test.py").path
        let result = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script] + arguments, in: folder)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr.suffix(3000))")
        #expect(result.stdout.contains("ok: all MCP checks passed"))
    }
}
