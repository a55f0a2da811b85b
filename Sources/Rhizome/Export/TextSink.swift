import Foundation

/// Where exported text goes; writes are buffered so a large graph streams in big blocks.
public final class TextSink {
    private let handle: FileHandle?
    private var buffer = Data()
    /// What was written, for sinks made with `init()` (tests, small outputs).
    public private(set) var collected = ""

    /// A sink that keeps the text in `collected`.
    public init() { handle = nil }

    /// A sink that writes to `handle` (closed by `finish` unless it is standard output).
    public init(handle: FileHandle) { self.handle = handle }

    /// A sink that writes a new file at `path`, replacing any.
    public convenience init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        self.init(handle: try FileHandle(forWritingTo: URL(fileURLWithPath: path)))
    }

    /// Takes what a collecting sink holds so far, leaving it empty (to send a long output in pieces).
    public func takeCollected() -> String {
        defer { collected = "" }
        return collected
    }

    public func write(_ text: String) throws {
        guard let handle else { collected += text; return }
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    public func finish() throws {
        guard let handle else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll()
        if handle !== FileHandle.standardOutput { try handle.close() }
    }
}
