import AsyncHTTPClient
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1

extension EIDRelyingParty {
    static let maximumResponseBytes = 256 * 1024

    /// The discovery document, fetched on first use. Its issuer must be the configured one
    /// (OpenID Connect Discovery §4.3), or its endpoints cannot be trusted.
    func providerMetadata() async throws(EIDError) -> EIDProviderMetadata {
        if let metadata = await cache.metadata { return metadata }
        let (status, body) = try await send(HTTPClientRequest(url: issuer + "/.well-known/openid-configuration"))
        guard status == .ok, let metadata = try? JSONDecoder().decode(EIDProviderMetadata.self, from: body) else {
            throw .providerUnavailable("discovery answered \(status.code) without a usable document")
        }
        guard metadata.issuer == issuer else { throw .providerUnavailable("discovery names another issuer: \(metadata.issuer)") }
        await cache.store(metadata)
        return metadata
    }

    /// The provider's keys, holding `kid`; fetched again when the kid is new, since providers rotate keys.
    func verificationKeys(holding kid: String, jwksURI: String) async throws(EIDError) -> JWTKeyCollection {
        if let keys = await cache.keys(holding: kid) { return keys }
        guard await cache.mayRefetchKeys(now: now(), interval: Self.keyRefetchInterval) else { throw .tokenRejected(.unknownKey) }
        let (status, body) = try await send(HTTPClientRequest(url: jwksURI))
        guard status == .ok, let jwks = try? JSONDecoder().decode(JWKS.self, from: body) else {
            throw .providerUnavailable("the JWKS endpoint answered \(status.code) without a key set")
        }
        let keys = JWTKeyCollection()
        // Only ES256 keys: a key published for another algorithm must not verify these tokens.
        let usable = jwks.keys.filter { $0.keyType == .ecdsa && $0.algorithm == .es256 && $0.keyIdentifier != nil }
        do { try await keys.add(jwks: JWKS(keys: usable)) } catch {
            throw .providerUnavailable("the JWKS holds an unusable key")
        }
        let ids = Set(usable.compactMap { $0.keyIdentifier?.string })
        await cache.store(keys, ids: ids, fetchedAt: now())
        guard ids.contains(kid) else { throw .tokenRejected(.unknownKey) }
        return keys
    }

    /// Redeems the code at the token endpoint and returns the ID token.
    func exchange(code: String, verifier: String, at tokenEndpoint: String) async throws(EIDError) -> String {
        var request = HTTPClientRequest(url: tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("client_id", clientID),
            ("code_verifier", verifier),
        ].map { Self.percentEncoded($0.0) + "=" + Self.percentEncoded($0.1) }.joined(separator: "&")
        request.body = .bytes(ByteBuffer(string: form))
        let (status, body) = try await send(request)
        switch status.code {
        case 200:
            guard let response = try? JSONDecoder().decode(TokenResponse.self, from: body) else {
                throw .providerUnavailable("the token endpoint answered 200 without an id_token")
            }
            return response.idToken
        case 400..<500:
            guard let refusal = try? JSONDecoder().decode(TokenErrorResponse.self, from: body) else {
                throw .providerUnavailable("the token endpoint answered \(status.code) without an OAuth error")
            }
            throw .grantRefused(error: refusal.error, description: refusal.errorDescription ?? "")
        default:
            throw .providerUnavailable("the token endpoint answered \(status.code)")
        }
    }

    private func send(_ request: HTTPClientRequest) async throws(EIDError) -> (HTTPResponseStatus, Data) {
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: Self.maximumResponseBytes)
            return (response.status, Data(body.readableBytesView))
        } catch {
            throw .providerUnavailable("\(request.url): \(error)")
        }
    }

    private struct TokenResponse: Decodable {
        let idToken: String

        enum CodingKeys: String, CodingKey { case idToken = "id_token" }
    }

    private struct TokenErrorResponse: Decodable {
        let error: String
        let errorDescription: String?

        enum CodingKeys: String, CodingKey {
            case error
            case errorDescription = "error_description"
        }
    }
}
