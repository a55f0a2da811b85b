// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Rhizome",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Rhizome", targets: ["Rhizome"]),
        .executable(name: "rhizome", targets: ["rhizome"]),
        .executable(name: "rhizome-bench", targets: ["RhizomeBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The tokenizer vocabulary, the store migrations, the OpenAPI document and the web explorer compiled
        // into the binary with C23 `#embed`, so a copied `rhizome` needs no resource bundle.
        .target(
            name: "CEmbeddedData",
            exclude: ["o200k_base.tiktoken", "explorer"]
        ),
        .target(
            name: "Rhizome",
            dependencies: [
                "CLibXML2",
                "CEmbeddedData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // `rhizome serve`: the HTTP API, server-sent events and Ollama's chat API over a KnowledgeBase.
        .target(
            name: "RhizomeServer",
            dependencies: [
                "Rhizome",
                "RhizomeMCP",
                "CEmbeddedData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // `rhizome mcp`: the knowledge base's tools and documents for agents, on the MCP Swift SDK.
        .target(
            name: "RhizomeMCP",
            dependencies: [
                "Rhizome",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "rhizome",
            dependencies: [
                "Rhizome",
                "RhizomeServer",
                "RhizomeMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A local HTTP server speaking the OpenAI and Ollama protocols with scripted answers: the test
        // double for providers, and the benchmark's zero-latency model.
        .target(
            name: "ModelServerDouble"
        ),
        .executableTarget(
            name: "RhizomeBench",
            dependencies: ["Rhizome", "RhizomeServer", "ModelServerDouble",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(
            name: "RhizomeTests",
            dependencies: ["Rhizome", "ModelServerDouble"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["rhizome", "ModelServerDouble", "CLibXML2"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cLanguageStandard: .c2x
)
