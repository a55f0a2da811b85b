internal import CEmbeddedData
import Hummingbird

/// The web graph explorer: three static files compiled into the binary (no CDN, works offline).
struct ExplorerRoutes {
    static let files: [(route: String, name: String, type: String)] = [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/explorer/explorer.js", "explorer.js", "text/javascript; charset=utf-8"),
        ("/explorer/explorer.css", "explorer.css", "text/css; charset=utf-8"),
    ]

    func add(to router: Router<BasicRequestContext>) {
        for file in Self.files {
            let bytes = Self.bytes(of: file.name)
            router.get(RouterPath(file.route)) { _, _ in
                Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "no-cache"],
                         body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
    }

    static func bytes(of name: String) -> [UInt8] {
        var length = 0
        guard let start = rhizome_explorer_file(name, &length) else { return [] }
        return Array(UnsafeBufferPointer(start: start, count: length))
    }
}
