import Foundation

/// Loads the token-signing key from the database on first use and keeps it. Lazy because with
/// PostgreSQL the database is reachable only once the server's services run.
actor SigningKeyProvider {
    private let load: @Sendable () async throws -> Data
    private var signer: TokenSigner?

    init(load: @escaping @Sendable () async throws -> Data) {
        self.load = load
    }

    func current() async throws -> TokenSigner {
        if let signer { return signer }
        let loaded = TokenSigner(keyData: try await load())
        signer = loaded
        return loaded
    }
}
