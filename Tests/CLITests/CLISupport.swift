import Foundation

/// The repository root (for `Examples/` and `Schemas/`).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The `rhizome` binary built beside the test bundle.
let rhizomeBinary: URL = {
    let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    var folder = executable.deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("rhizome")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/rhizome")
}()

/// What a run of the CLI printed and how it ended.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `rhizome` binary with `arguments` in `directory`.
func rhizome(_ arguments: [String], in directory: URL, input: String? = nil,
             environment: [String: String] = [:]) throws -> CommandResult {
    try runProgram(rhizomeBinary, arguments, in: directory, input: input, environment: environment)
}

/// Runs `binary` with `arguments` in `directory`, feeding `input` on standard input.
func runProgram(_ binary: URL, _ arguments: [String], in directory: URL, input: String? = nil,
                environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    process.environment = childEnvironment(environment)
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes to the end before waiting, so a chatty process never blocks on a full pipe.
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                         stderr: String(decoding: stderrData, as: UTF8.self))
}

/// This process's environment without `RHIZOME_STORE`, with `overrides` applied.
func childEnvironment(_ overrides: [String: String]) -> [String: String] {
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "RHIZOME_STORE")
    environment.merge(overrides) { $1 }
    return environment
}

func makeTemporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rhizome-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func decodeJSON(_ text: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
}

/// Validates `json` against `Schemas/<schema>` with python3's jsonschema; nil when that is not installed.
func validateAgainstSchema(_ json: String, schema: String) throws -> String? {
    let check = """
        import json, sys, pathlib
        import jsonschema
        from referencing import Registry, Resource
        folder = pathlib.Path(sys.argv[1])
        resources = [(p.name, Resource.from_contents(json.loads(p.read_text()))) for p in folder.glob('*.schema.json')]
        registry = Registry().with_resources(resources)
        schema = json.loads((folder / sys.argv[2]).read_text())
        jsonschema.Draft202012Validator(schema, registry=registry).validate(json.loads(sys.stdin.read()))
        print('valid')
        """
    let probe = try runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import jsonschema, referencing"],
                        in: repositoryRoot)
    guard probe.status == 0 else { return nil }
    let result = try runProgram(URL(fileURLWithPath: "/usr/bin/env"),
                         ["python3", "-c", check, repositoryRoot.appendingPathComponent("Schemas").path, schema],
                         in: repositoryRoot, input: json)
    return result.status == 0 ? "valid" : result.stderr
}
