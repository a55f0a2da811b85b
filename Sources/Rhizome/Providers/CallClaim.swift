import Foundation

/// The right to make one model call, taken in the store before the call so that a second caller of the
/// same prompt (another process on the store, or another chunk with the same text) waits for the cached
/// answer instead of paying the model again. The claim is renewed while the call runs; one whose holder
/// died lapses after `lease`, at once when the holder was a process of this machine that is gone.
final class CallClaim: Sendable {
    /// How long a claim lives without renewal, and how often it is renewed while the call runs.
    static let lease: TimeInterval = 60
    static let renewal: Duration = .seconds(20)
    /// How often a waiter looks for the answer or a lapsed claim.
    static let poll: Duration = .milliseconds(250)

    let key: String
    /// `PID:UUID`: one per call, so two calls of one process exclude each other too.
    let holder: String
    /// The answer another caller, who held the call first, left in the cache while this one waited.
    let answered: String?
    private let cache: any ModelCallCache
    /// False for the claim of a store that cannot record claims: nothing to renew or give up.
    private let isRecorded: Bool

    private init(key: String, holder: String, answered: String? = nil, cache: any ModelCallCache, isRecorded: Bool) {
        self.key = key
        self.holder = holder
        self.answered = answered
        self.cache = cache
        self.isRecorded = isRecorded
    }

    /// Takes the claim on `key`, waiting while another holder has it and its answer is not cached. A
    /// store that cannot record claims (read-only) gives a claim that guards nothing: the call is made.
    static func take(_ key: String, in cache: any ModelCallCache) async throws -> CallClaim {
        let holder = "\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString)"
        var (waited, gone): (Bool, String?) = (false, nil)
        while true {
            let other: String?
            do {
                other = try await cache.claimCall(forKey: key, holder: holder, until: Date().addingTimeInterval(lease), replacing: gone)
            } catch {
                return CallClaim(key: key, holder: holder, cache: cache, isRecorded: false)
            }
            guard let other else {
                // Taken after a wait: the holder before may have cached its answer just before letting go.
                if waited, let answer = try await cache.cachedResponse(forKey: key) {
                    try? await cache.releaseCall(forKey: key, holder: holder)
                    return CallClaim(key: key, holder: holder, answered: answer, cache: cache, isRecorded: false)
                }
                return CallClaim(key: key, holder: holder, cache: cache, isRecorded: true)
            }
            waited = true
            if let answer = try await cache.cachedResponse(forKey: key) {
                return CallClaim(key: key, holder: holder, answered: answer, cache: cache, isRecorded: false)
            }
            if isGone(other) { gone = other; continue }
            try await Task.sleep(for: poll)
        }
    }

    /// Whether `holder` was a process of this machine that no longer runs.
    static func isGone(_ holder: String) -> Bool {
        guard let pid = holder.split(separator: ":").first.flatMap({ Int32($0) }), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    /// Makes `call` while holding the claim: a child task renews it until the call ends, then it is given
    /// up (a failed release only leaves the claim to lapse).
    func holding<Answer>(during call: () async throws -> Answer) async throws -> Answer {
        let outcome: Result<Answer, any Error> = await withTaskGroup(of: Void.self) { group in
            if isRecorded { group.addTask { [key, holder, cache] in await Self.renew(key, holder, cache) } }
            defer { group.cancelAll() }
            do { return .success(try await call()) } catch { return .failure(error) }
        }
        if isRecorded { try? await cache.releaseCall(forKey: key, holder: holder) }
        return try outcome.get()
    }

    private static func renew(_ key: String, _ holder: String, _ cache: any ModelCallCache) async {
        while true {
            do { try await Task.sleep(for: renewal) } catch { return }
            _ = try? await cache.claimCall(forKey: key, holder: holder, until: Date().addingTimeInterval(lease), replacing: nil)
        }
    }
}
