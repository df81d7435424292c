import Foundation
import Logging
import PostgresKit
import PostgresNIO
import NIOSSL
import SQLKit

/// PostgreSQL through a pooled `PostgresClient`, which the application runs as a service.
/// Writes are spread over a few lanes, each a group-commit queue on its own connection.
public final class PostgresStore: SQLStore {
    public let kind = DatabaseKind.postgres
    /// The pool; must be running (`client.run()`, or added to the service group) while the store is used.
    public let client: PostgresClient
    private let lanes: [WriteQueue]

    /// - Parameter url: `postgres://user:password@host:port/database?sslmode=…`. The `sslmode` (or `tlsmode`)
    ///   is honoured as libpq names it: `disable`; `allow`/`prefer` (the default: TLS when the server offers
    ///   it); `require`, `verify-ca`, `verify-full` (TLS with the server's certificate verified).
    public init(url: String, lanes laneCount: Int = 4, logger: Logger) throws {
        guard let components = PostgresURL(url) else { throw StoreError.invalidURL }
        let tls: PostgresClient.Configuration.TLS
        switch components.tlsMode {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: components.host, port: components.port, username: components.username,
            password: components.password, database: components.database, tls: tls)
        configuration.options.maximumConnections = 16
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.lanes = (0..<max(1, laneCount)).map { _ in
            WriteQueue(beginStatement: "BEGIN") { body in
                try await client.withConnection { connection in try await body(connection.sql()) }
            }
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    public func write<T: Sendable>(lane: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await queue(for: lane).perform(body)
    }

    private func queue(for lane: String) -> WriteQueue {
        var hasher = Hasher()
        hasher.combine(lane)
        return lanes[abs(hasher.finalize() % lanes.count)]
    }

    public func write<T: Sendable>(
        lane: String, combiner: WriteCombiner, _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await queue(for: lane).perform(combiner: combiner, body)
    }

    public func withWriteConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lanes[0].perform(body)
    }

    public func close() async {}
}

/// Configuration errors of the store.
public enum StoreError: Error, CustomStringConvertible {
    case invalidURL

    public var description: String {
        switch self {
        case .invalidURL:
            "database URL must look like postgres://user:password@host:5432/database[?sslmode=disable|prefer|require|verify-ca|verify-full]"
        }
    }
}

/// The parts of a `postgres://` URL.
public struct PostgresURL: Sendable {
    /// How the connection uses TLS.
    public enum TLSMode: Sendable {
        case disable
        case prefer
        /// TLS required, with the server's certificate verified.
        case require
    }

    /// From `sslmode`, `tlsmode`, `ssl` or `tls` (libpq's names); `prefer` when absent. An unknown mode
    /// makes the whole URL invalid.
    public let tlsMode: TLSMode
    let host: String
    let port: Int
    let username: String
    let password: String?
    let database: String?

    public init?(_ text: String) {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme),
            let host = url.host, !host.isEmpty, let user = url.user
        else { return nil }
        let mode = url.queryItems?.last { ["sslmode", "tlsmode", "ssl", "tls"].contains($0.name.lowercased()) }?.value ?? "prefer"
        switch mode {
        case "disable", "false": tlsMode = .disable
        case "allow", "prefer", "true": tlsMode = .prefer
        case "require", "verify-ca", "verify-full": tlsMode = .require
        default: return nil
        }
        self.host = host
        self.port = url.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = url.password.map { $0.removingPercentEncoding ?? $0 }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        self.database = path.isEmpty ? nil : path
    }
}
