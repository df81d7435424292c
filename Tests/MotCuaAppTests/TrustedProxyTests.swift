import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotCuaApp
import MotCuaTestSupport
import Testing

/// Behind a reverse proxy every request comes from the proxy's address: the client's is believed from
/// `X-Forwarded-For` only when the proxy is listed, and only as far as the chain of listed proxies goes.
@Suite("Trusted proxies")
struct TrustedProxyTests {
    @Test("The client is the rightmost address that is not a listed proxy; what a client writes itself is never read")
    func clientAddress() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, 127.0.0.1, fd00::/8")
        // a direct client: the header is its own invention
        #expect(proxies.client(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        // through one proxy
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        // through two proxies, with a forged entry the client prepended
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["1.1.1.1, 198.51.100.1, 10.9.9.9"]) == "198.51.100.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: ["1.1.1.1", "198.51.100.1", "10.9.9.9"]) == "198.51.100.1")
        // a malformed hop stops the walk at the last address that could be believed
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1, <script>"]) == "10.1.2.3")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["unknown, 10.2.2.2"]) == "10.2.2.2")
        // no header: the proxy itself
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        // IPv6, IPv4-mapped addresses and spellings are normalised so one client is one key
        #expect(proxies.client(peer: "fd00::1", forwardedFor: ["2001:DB8:0:0::7"]) == "2001:db8::7")
        #expect(proxies.client(peer: "::ffff:10.0.0.5", forwardedFor: ["::ffff:198.51.100.2"]) == "198.51.100.2")
        // nothing listed: the header is ignored
        #expect(TrustedProxies.none.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"]) == "10.1.2.3")
    }

    @Test("A list that does not parse stops start-up naming MOTCUA_TRUSTED_PROXIES")
    func badConfiguration() {
        for bad in ["10.0.0.0/33", "example.org", "10.0.0.1/", "::1/129", "1.2.3"] {
            var configuration = AppConfiguration()
            #expect(throws: ConfigurationError.self, "\(bad)") {
                try configuration.apply(environment: ["MOTCUA_TRUSTED_PROXIES": bad])
            }
        }
        var configuration = AppConfiguration()
        #expect(throws: Never.self) { try configuration.apply(environment: ["MOTCUA_TRUSTED_PROXIES": "127.0.0.1, ::1, 10.0.0.0/8"]) }
    }

    @Test("Behind a listed proxy the sign-in throttle counts each client, and a client cannot dodge it by writing the header")
    func throttleBehindProxy() async throws {
        try await withSandboxApp(.sqlite, configure: {
            $0.port = 0
            $0.signInFailuresPerAddress = 2
            $0.trustedProxies = try! TrustedProxies(parsing: "127.0.0.1, ::1")
        }, testing: .live) { client, _, _ in
            var statuses: [HTTPResponse.Status] = []
            for address in ["198.51.100.1", "198.51.100.1", "198.51.100.1", "198.51.100.2", "203.0.113.50, 198.51.100.1"] {
                statuses.append(try await client.execute(
                    uri: "/api/v1/auth/sign-in", method: .post,
                    headers: [.contentType: "application/json", .init("X-Forwarded-For")!: address],
                    body: ByteBuffer(string: #"{"username":"kinhbac.tiepnhan","password":"wrong"}"#)
                ) { $0.status })
            }
            // two guesses, then the throttle; another citizen behind the same proxy is not punished for the first
            // one's guesses; the throttled client prepending another address is still itself
            #expect(statuses == [.unauthorized, .unauthorized, .tooManyRequests, .unauthorized, .tooManyRequests])
        }
    }
}
