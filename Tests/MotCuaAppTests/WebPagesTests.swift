import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MotCuaTestSupport
import NIOCore
import Testing

/// The web front end as the real application serves it, beside the JSON API.
@Suite struct WebPagesTests {
    @Test("The application serves the counter, desk, citizen and status pages and their scripts beside the API")
    func testApplicationServesThePagesBesideTheAPI() async throws {
        try await withApp(.sqlite) { client, _ in
            for path in ["/", "/counter", "/desk", "/citizen", "/status", "/assets/counter.js", "/assets/desk.js", "/assets/result.js"] {
                try await client.execute(uri: path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(response.headers[.eTag] != nil, "\(path)")
                }
            }
            try await client.execute(uri: "/api/v1/procedures", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
            try await client.execute(uri: "/assets/..%2F..%2Fmotcua.sqlite", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
