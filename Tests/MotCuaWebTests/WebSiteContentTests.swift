import Foundation
import NIOCore
import Testing

@testable import MotCuaWeb

/// The bundled files themselves: every link resolves, and the Vietnamese text is in composed form.
@Suite struct WebSiteContentTests {
    let site: WebSite

    init() throws { site = try WebSite.load() }

    @Test func testEveryAssetAPageOrScriptRefersToIsBundled() throws {
        let references = try Regex(#"(?:/assets/|from '\./)([A-Za-z0-9_.-]+\.(?:css|js))"#)
        for file in Array(site.pages.values) + Array(site.assets.values) {
            let text = String(buffer: file.body)
            for match in text.matches(of: references) {
                let name = String(match.output[1].substring ?? "")
                #expect(site.assets[name] != nil, "\(file.name) refers to \(name), which is not bundled")
            }
        }
    }

    @Test func testTextIsNFCSoDiacriticsCompareAndSearchAsTyped() {
        for file in Array(site.pages.values) + Array(site.assets.values) where !file.contentType.hasPrefix("image/") {
            let text = String(buffer: file.body)
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "\(file.name) is not NFC")
        }
    }

    @Test func testEachPageDeclaresVietnameseAndAViewport() {
        for page in site.pages.values {
            let text = String(buffer: page.body)
            #expect(text.contains("<html lang=\"vi\">"), "\(page.name)")
            #expect(text.contains("name=\"viewport\""), "\(page.name)")
        }
    }
}
