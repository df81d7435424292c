// swift-tools-version:6.2
import PackageDescription

/// Strict settings shared by every target: Swift 6 language mode (from the tools version),
/// explicit existentials and explicit imports.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "MotCua",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
        .library(name: "MotCuaDomain", targets: ["MotCuaDomain"]),
        .library(name: "MotCuaApp", targets: ["MotCuaApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // Reads the served contract at start-up to enforce its input bounds (already in the graph via the generator).
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        // The system zlib (Debian zlib1g-dev): inflate for PNG image data and PDF object streams.
        // Named apart from ZIPFoundation's own zlib module, which a package graph cannot hold twice.
        .systemLibrary(name: "CMotCuaZlib", path: "Sources/CMotCuaZlib", providers: [.apt(["zlib1g-dev"])]),
        // A C wrapper for the one variadic SQLite call the storage makes (the library itself comes with sqlite-nio).
        .systemLibrary(name: "CMotCuaSQLiteOptions", path: "Sources/CMotCuaSQLiteOptions"),
        // Domain rules: identity numbers, calendar, catalogue, the dossier state machine. No I/O.
        .target(
            name: "MotCuaDomain",
            dependencies: ["CMotCuaZlib", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Record linkage of civil-status, land and insurance records against the population register.
        .target(
            name: "MotCuaReconciliation",
            dependencies: ["MotCuaDomain"],
            swiftSettings: swiftSettings
        ),
        // Synthetic national databases (population, civil status, insurance, land, tax, household
        // businesses) that the registry sandbox service serves.
        .target(
            name: "MotCuaRegistrySandbox",
            dependencies: ["MotCuaDomain"],
            swiftSettings: swiftSettings
        ),
        // The sandbox as HTTP services: the national databases (X-Road style) and the national e-ID provider.
        .target(
            name: "MotCuaSandboxService",
            dependencies: [
                "MotCuaDomain",
                "MotCuaRegistrySandbox",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Clients of the outside world over HTTP: the national-registry connector and the e-ID relying party.
        .target(
            name: "MotCuaIntegrations",
            dependencies: [
                "MotCuaDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The provincial certificate authority, leaders' signing certificates, ES256 JWS over canonical result
        // records, revocation lists. X.509 comes from swift-certificates; swift-asn1 only for the CRL, which
        // swift-certificates cannot build. No I/O besides the files the caller names.
        .target(
            name: "MotCuaSigning",
            dependencies: [
                "MotCuaDomain",
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // One SQL implementation of the repositories for SQLite and PostgreSQL.
        .target(
            name: "MotCuaStorage",
            dependencies: [
                "MotCuaDomain",
                "CMotCuaSQLiteOptions",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Code generated from openapi.yaml, the API contract.
        .target(
            name: "MotCuaAPI",
            dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            resources: [.copy("openapi.yaml")],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The plain web front end (counter, citizen portal, public status): static pages calling the JSON API.
        .target(
            name: "MotCuaWeb",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            resources: [.copy("Public")],
            swiftSettings: swiftSettings
        ),
        // Composition root, HTTP handlers, authentication, metrics. Never the demo sandbox: only the
        // `motcua` executable links it, and starts it in demo mode.
        .target(
            name: "MotCuaApp",
            dependencies: [
                "MotCuaDomain",
                "MotCuaStorage",
                "MotCuaAPI",
                "MotCuaReconciliation",
                "MotCuaIntegrations",
                "MotCuaSigning",
                "MotCuaWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        // The `motcua` command line: serve, migrate, seed, audit, reconcile.
        .executableTarget(
            name: "motcua",
            dependencies: [
                "MotCuaApp",
                "MotCuaReconciliation",
                "MotCuaSandboxService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by the storage and app test suites: a fresh database per test, SQLite or PostgreSQL.
        .target(
            name: "MotCuaTestSupport",
            dependencies: [
                "MotCuaStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/MotCuaTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MotCuaDomainTests", dependencies: ["MotCuaDomain"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MotCuaReconciliationTests",
            dependencies: ["MotCuaReconciliation"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MotCuaRegistrySandboxTests", dependencies: ["MotCuaRegistrySandbox"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MotCuaStorageTests", dependencies: ["MotCuaStorage", "MotCuaTestSupport"], swiftSettings: swiftSettings),
        // The registry connector against the live sandbox, over real HTTP on loopback.
        .testTarget(
            name: "MotCuaIntegrationsTests",
            dependencies: [
                "MotCuaIntegrations",
                "MotCuaSandboxService",
                "MotCuaRegistrySandbox",
                "MotCuaDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Includes the interoperability proof against Python `cryptography` + `joserfc` and openssl.
        .testTarget(name: "MotCuaSigningTests", dependencies: ["MotCuaSigning"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MotCuaWebTests",
            dependencies: ["MotCuaWeb", .product(name: "HummingbirdTesting", package: "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MotCuaAppTests",
            dependencies: [
                "MotCuaApp",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                "MotCuaSigning",
                "MotCuaTestSupport",
                "MotCuaReconciliation",
                "MotCuaRegistrySandbox",
                "MotCuaSandboxService",
                "MotCuaIntegrations",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
