internal import CEmbeddedData

/// `Schemas/openapi.json`, compiled into the binary and served at `/openapi.json`.
enum OpenAPIDocument {
    static var bytes: [UInt8] {
        var length = 0
        let start = rhizome_openapi_document(&length)
        return Array(UnsafeBufferPointer(start: start, count: length))
    }
}
