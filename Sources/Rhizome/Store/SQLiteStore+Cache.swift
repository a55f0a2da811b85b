import Foundation
import GRDB

/// What the model-call cache holds, per kind of call.
public struct CacheStatistics: Sendable, Codable, Equatable {
    public struct Kind: Sendable, Codable, Equatable {
        public var kind: String
        public var entries: Int
        public var bytes: Int
    }
    public var entries: Int
    public var bytes: Int
    public var kinds: [Kind]
}

extension SQLiteStore: ModelCallCache {
    public func cachedResponse(forKey key: String) async throws -> String? {
        try await read { db in try String.fetchOne(db, sql: "SELECT response FROM llm_cache WHERE key = ?", arguments: [key]) }
    }

    public func saveResponse(_ response: String, forKey key: String, model: ModelDescriptor, kind: String) async throws {
        let stamp = Self.timestamp(now())
        try await write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO llm_cache (key, provider, model, kind, response, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [key, model.provider, model.model, kind, response, stamp])
        }
    }

    public func claimCall(forKey key: String, holder: String, until expiry: Date, replacing: String?) async throws -> String? {
        let now = Date().timeIntervalSince1970
        return try await write { db in
            try db.execute(sql: """
                INSERT INTO model_call_claims (key, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE model_call_claims.holder IN (excluded.holder, ?) OR model_call_claims.expires_at < ?
                """, arguments: [key, holder, expiry.timeIntervalSince1970, replacing, now])
            let current = try String.fetchOne(db, sql: "SELECT holder FROM model_call_claims WHERE key = ?", arguments: [key])
            return current == holder ? nil : current
        }
    }

    public func releaseCall(forKey key: String, holder: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM model_call_claims WHERE key = ? AND holder = ?", arguments: [key, holder])
        }
    }

    public func cacheStatistics() async throws(StoreError) -> CacheStatistics {
        try await read { db in
            let kinds = try Row.fetchAll(db, sql: """
                SELECT kind, COUNT(*) AS n, COALESCE(SUM(LENGTH(CAST(response AS BLOB))), 0) AS bytes
                FROM llm_cache GROUP BY kind ORDER BY kind
                """).map { CacheStatistics.Kind(kind: $0["kind"], entries: $0["n"], bytes: $0["bytes"]) }
            return CacheStatistics(entries: kinds.reduce(0) { $0 + $1.entries }, bytes: kinds.reduce(0) { $0 + $1.bytes },
                                   kinds: kinds)
        }
    }

    /// Removes cached answers (of one kind, or all); returns how many. The graph is untouched.
    @discardableResult
    public func clearCache(kind: String? = nil) async throws(StoreError) -> Int {
        try await write { db in
            if let kind {
                try db.execute(sql: "DELETE FROM llm_cache WHERE kind = ?", arguments: [kind])
            } else {
                try db.execute(sql: "DELETE FROM llm_cache")
            }
            return db.changesCount
        }
    }
}
