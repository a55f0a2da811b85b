import Foundation
import Hummingbird
import Logging
import Rhizome

/// An error a route answers with: a status and a message meant for the client.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, message) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
}

/// `{"error": {"status": 404, "message": "…"}}` for every failure: the library's typed errors map to
/// statuses, anything unexpected to 500 with its detail only in the server's log (never a stack or a key).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let (status, message) = Self.describe(error)
            if status == .internalServerError {
                context.logger.error("\(request.method) \(request.uri.path) failed: \(String(describing: error))")
            }
            return JSONBody.error(status, message)
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponse.Status, String) {
        switch error {
        case let error as APIError: return (error.status, error.message)
        case let error as HTTPError: return (error.status, error.body ?? error.status.reasonPhrase)
        case QueryError.emptyStore: return (.conflict, "the store has no documents yet: upload or ingest some first")
        case let error as QueryError: return (.badRequest, error.description)
        case ExportError.unknownEntity(let name), EditError.unknownEntity(let name):
            return (.notFound, "no entity named '\(name)' (names and aliases are matched without regard to case)")
        case EditError.nameTaken(let name): return (.conflict, "an entity called '\(name)' already exists; merge the two instead")
        case EditError.unknownRelation: return (.notFound, (error as! EditError).description)
        case let error as EditError: return (.badRequest, error.description)
        case let error as DecodingError: return (.badRequest, "the request body is not the JSON this route takes: \(JSONBody.summary(of: error))")
        case let error as StoreError:
            switch error {
            case .documentNotFound: return (.notFound, error.description)
            case .readOnly: return (.conflict, "the store is read-only")
            case .concurrentChange: return (.conflict, "another writer kept changing the graph; try again")
            case .invalidSettings, .settingsMismatch: return (.badRequest, error.description)
            case .database(let failure) where failure.kind == .busy:
                return (.serviceUnavailable, "the store is busy with another writer; try again")
            case .cancelled: return (.serviceUnavailable, "the request was cancelled before the store answered")
            case .notAStore, .database: return (.internalServerError, "the store failed; the server's log has the detail")
            }
        default: return (.internalServerError, "the request failed; the server's log has the detail")
        }
    }
}
