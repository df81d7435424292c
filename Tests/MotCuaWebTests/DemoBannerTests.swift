import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import MotCuaWeb

/// A demo instance must never be mistaken for the real service.
@Suite struct DemoBannerTests {
    @Test("Every page of a demo instance shows the demo banner, in Vietnamese and English; production pages do not", arguments: [true, false])
    func bannerFollowsTheMode(demo: Bool) async throws {
        let router = Router(context: BasicRequestContext.self)
        try WebRoutes.add(to: router, demo: demo)
        try await Application(router: router).test(.router) { client in
            for page in WebRoutes.pages {
                try await client.execute(uri: page.path, method: .get) { response in
                    let body = String(buffer: response.body)
                    #expect(body.contains("class=\"demo-banner\"") == demo, "\(page.path)")
                    #expect(body.contains("BẢN DEMO") == demo && body.contains("synthetic population") == demo, "\(page.path)")
                }
            }
        }
    }
}
