import Foundation
import Synchronization

/// Progress of a long step on standard error: redrawn in place (at most ten times a second) when it is a
/// terminal, else a plain line every `plainInterval` seconds, so logs of a long job show it moving.
final class ProgressLine: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var drewInPlace = false
    }

    private let enabled: Bool
    private let terminal: Bool
    private let plainInterval: Duration
    private let state: Mutex<State>

    /// A plain line first appears after `plainInterval`: short jobs print none.
    init(enabled: Bool, plainInterval: Duration = .seconds(10)) {
        self.enabled = enabled
        let terminal = Output.standardErrorIsTerminal
        self.terminal = terminal
        self.plainInterval = plainInterval
        state = Mutex(State(lastDrawn: terminal ? nil : ContinuousClock.now))
    }

    /// Shows `text` if enough time passed since the last line.
    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            let interval = terminal ? Duration.milliseconds(100) : plainInterval
            if let last = state.lastDrawn, now - last < interval { return false }
            state.lastDrawn = now
            state.drewInPlace = terminal
            return true
        }
        guard due else { return }
        let line = text()
        FileHandle.standardError.write(Data((terminal ? "\r\(line)\u{1B}[K" : line + "\n").utf8))
    }

    /// Clears an in-place line.
    func finish() {
        guard state.withLock({ $0.drewInPlace }) else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
