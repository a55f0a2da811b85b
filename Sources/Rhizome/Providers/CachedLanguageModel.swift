import Crypto
import Foundation

/// Where model answers are kept so the same prompt is never paid for twice (the store implements it).
public protocol ModelCallCache: Sendable {
    func cachedResponse(forKey key: String) async throws -> String?
    func saveResponse(_ response: String, forKey key: String, model: ModelDescriptor, kind: String) async throws
    /// Takes (or renews) the right to make call `key` until `expiry`, unless another holder's claim on it
    /// is still live and is not `replacing`: returns nil when taken, else the holder that has it. Seen by
    /// every process writing the store.
    func claimCall(forKey key: String, holder: String, until expiry: Date, replacing: String?) async throws -> String?
    /// Gives a claim up (after the answer is cached, or the call failed).
    func releaseCall(forKey key: String, holder: String) async throws
}

/// Counts the calls that really reached a model, for reports and tests.
public final class ModelCallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var calls = 0
    private var hits = 0
    private var usage = TokenUsage(input: 0, output: 0)

    public init() {}

    public var modelCalls: Int { lock.withLock { calls } }
    public var cacheHits: Int { lock.withLock { hits } }
    /// Tokens the servers counted for the calls made (not for answers from the cache).
    public var tokens: TokenUsage { lock.withLock { usage } }
    func recordCall() { lock.withLock { calls += 1 } }
    func recordHit() { lock.withLock { hits += 1 } }
    func record(_ tokens: TokenUsage) {
        lock.withLock {
            usage.input += tokens.input
            usage.output += tokens.output
        }
    }
}

/// A language model in front of a cache: a cached answer is returned without calling the model, and every
/// new answer is stored before it is returned. The key hashes (provider, model, messages, options).
public struct CachedLanguageModel: Sendable {
    public let model: any LanguageModel
    public let cache: any ModelCallCache
    public let counter: ModelCallCounter

    public init(model: any LanguageModel, cache: any ModelCallCache, counter: ModelCallCounter = ModelCallCounter()) {
        self.model = model
        self.cache = cache
        self.counter = counter
    }

    public var descriptor: ModelDescriptor { model.descriptor }

    /// The answer to `request`, from the cache when it has been asked before. `kind` labels the cache entry.
    /// When another caller (this process or another on the store) is making the same call, its answer is
    /// waited for instead of paying the model twice.
    public func complete(_ request: ChatRequest, kind: String) async throws -> String {
        let key = Self.key(for: request, model: model.descriptor)
        if let cached = try await cache.cachedResponse(forKey: key) {
            counter.recordHit()
            return cached
        }
        return try await oneCaller(of: key, cached: { $0 }) { try await call(request, key: key, kind: kind) }
    }

    /// Runs `call` as the one caller of `key`: while another caller (this process or another on the store)
    /// makes the same call, this one waits, and takes its cached answer (`cached`) instead of calling.
    private func oneCaller<Result>(of key: String, cached: (String) -> Result, call: () async throws -> Result) async throws -> Result {
        let claim = try await CallClaim.take(key, in: cache)
        if let answer = claim.answered {
            counter.recordHit()
            return cached(answer)
        }
        return try await claim.holding(during: call)
    }

    /// Calls the model and caches its whole answer.
    private func call(_ request: ChatRequest, key: String, kind: String) async throws -> String {
        // Streamed, so a slow local model keeps the connection alive and silence has a real limit; an
        // answer that stops short throws `ProviderError.incomplete` and is not cached.
        var answer = ""
        var repetition = RepetitionGuard()
        for try await piece in counted(model.stream(request, usage: { [counter] in counter.record($0) })) {
            answer += piece
            if let cut = repetition.loopStart(after: piece, in: answer) {
                // Stopping here cancels the call: a looping small model is not paid up to its token limit.
                throw ProviderError.incomplete(provider: model.descriptor.label, reason: "it kept repeating itself",
                                               partial: String(answer[..<cut]))
            }
        }
        // A cancelled call ends its stream early without an error: it must not be cached as the answer.
        try Task.checkCancellation()
        try await cache.saveResponse(answer, forKey: key, model: model.descriptor, kind: kind)
        return answer
    }

    /// The answer to `request` as it arrives; a cached answer comes as one piece, and a fresh one is cached
    /// once it is complete (an interrupted stream caches nothing).
    public func stream(_ request: ChatRequest, kind: String) -> AsyncThrowingStream<String, any Error> {
        .producing { yield in
            let key = Self.key(for: request, model: model.descriptor)
            if let cached = try await cache.cachedResponse(forKey: key) {
                counter.recordHit()
                yield(cached)
                return
            }
            try await oneCaller(of: key, cached: { yield($0) }) { try await streamCall(request, key: key, kind: kind, yield: yield) }
        }
    }

    /// Streams the model's answer through `yield` and caches it once it is whole.
    private func streamCall(_ request: ChatRequest, key: String, kind: String, yield: (String) -> Void) async throws {
        var answer = ""
        var repetition = RepetitionGuard()
        for try await piece in counted(model.stream(request, usage: { [counter] in counter.record($0) })) {
            answer += piece
            if repetition.loopStart(after: piece, in: answer) != nil {
                yield("\n\n[The model kept repeating itself; the answer was stopped here and not cached.]")
                return
            }
            yield(piece)
        }
        try Task.checkCancellation()
        try await cache.saveResponse(answer, forKey: key, model: model.descriptor, kind: kind)
    }

    /// `stream`, counted as a model call once the server has answered: a call that never reached it (a
    /// refused connection) is not a call the report may bill.
    private func counted(_ stream: AsyncThrowingStream<String, any Error>) -> AsyncThrowingStream<String, any Error> {
        .producing { [counter] yield in
            var reached = false
            do {
                for try await piece in stream {
                    if !reached {
                        reached = true
                        counter.recordCall()
                    }
                    yield(piece)
                }
                // A cancelled consumer ends the stream without an error: no answer came, so no call is billed.
                if !reached, !Task.isCancelled { counter.recordCall() }
            } catch {
                if !reached, !Self.neverReached(error) { counter.recordCall() }
                throw error
            }
        }
    }

    private static func neverReached(_ error: any Error) -> Bool {
        if case ProviderError.unreachable = error { return true }
        return StoreError.isCancellation(error)
    }

    /// The cache key: SHA-256 over a canonical JSON of the model and the whole request.
    public static func key(for request: ChatRequest, model: ModelDescriptor) -> String {
        struct Keyed: Encodable { let model: ModelDescriptor; let request: ChatRequest }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(Keyed(model: model, request: request))) ?? Data()
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}
