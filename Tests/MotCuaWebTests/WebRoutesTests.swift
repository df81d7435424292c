import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import MotCuaWeb

/// The web front end as a router serves it: pages, assets, caching and what it refuses to serve.
@Suite struct WebRoutesTests {
    /// A router with only the web routes, driven in process.
    func withSite(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let router = Router(context: BasicRequestContext.self)
        try WebRoutes.add(to: router)
        try await Application(router: router).test(.router, body)
    }

    @Test(arguments: ["/", "/counter", "/desk", "/citizen", "/status"])
    func testEachPageIsServedAsHTMLThatMustBeRevalidated(path: String) async throws {
        try await withSite { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.cacheControl] == "no-cache")
                #expect(response.headers[.eTag] != nil)
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(String(buffer: response.body).contains("<html lang=\"vi\">"))
            }
        }
    }

    @Test func testStylesAndScriptsHaveTheirContentTypes() async throws {
        try await withSite { client in
            try await client.execute(uri: "/assets/site.css", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/css; charset=utf-8")
            }
            try await client.execute(uri: "/assets/counter.js", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            }
        }
    }

    @Test func testAKnownVersionAnswersNotModifiedWithoutABody() async throws {
        try await withSite { client in
            let etag = try await client.execute(uri: "/assets/api.js", method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: "/assets/api.js", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.eTag] == etag)
            }
            try await client.execute(uri: "/assets/api.js", method: .get, headers: [.ifNoneMatch: "\"stale\""]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func testUnknownAssetIsNotFound() async throws {
        try await withSite { client in
            try await client.execute(uri: "/assets/missing.js", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.cacheControl] == "no-store")
            }
        }
    }

    @Test(arguments: [
        "/assets/../counter.html", "/assets/..%2Fcounter.html", "/assets/..%2F..%2F..%2FPackage.swift", "/assets/%2e%2e%2fcounter.html",
        "/assets/..", "/assets/.%2Fapi.js", "/assets//etc/passwd", "/assets/api.js%00.html", "/counter.html", "/index.html",
    ])
    func testPathsOutsideTheAssetsAreNotServed(uri: String) async throws {
        try await withSite { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .notFound, "\(uri) answered \(response.status)")
            }
        }
    }

    @Test func testAnIncompleteSiteFailsAtStartUp() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("assets"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("<!doctype html>".utf8).write(to: directory.appendingPathComponent("index.html"))
        let site = try WebSite.load(from: directory)
        #expect(throws: WebSite.MissingFile.self) {
            try WebRoutes.add(to: Router(context: BasicRequestContext.self), site: site)
        }
    }
}
