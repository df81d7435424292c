import Foundation
import NIOCore

/// The front end's files, read once from the bundle: the pages at the top of `Public/` and the shared
/// styles and scripts in `Public/assets/`.
struct WebSite: Sendable {
    let pages: [String: WebAsset]
    let assets: [String: WebAsset]

    /// A missing or unreadable file of the site.
    struct MissingFile: Error, CustomStringConvertible {
        let name: String
        var description: String { "the web front end has no file '\(name)' in its bundle" }
    }

    /// Reads the site bundled with this module.
    static func load() throws -> WebSite {
        guard let root = Bundle.module.url(forResource: "Public", withExtension: nil) else { throw MissingFile(name: "Public") }
        return try load(from: root)
    }

    /// Reads every file of a directory laid out like `Public/`; tests point it at their own.
    static func load(from root: URL) throws -> WebSite {
        WebSite(pages: try files(in: root), assets: try files(in: root.appendingPathComponent("assets")))
    }

    /// The page with this file name, or an error naming it.
    func page(_ name: String) throws -> WebAsset {
        guard let page = pages[name] else { throw MissingFile(name: name) }
        return page
    }

    /// The same site with `html` inserted at the top of every page's body.
    func withBanner(_ html: String) -> WebSite {
        var marked: [String: WebAsset] = [:]
        for (name, page) in pages {
            let text = String(buffer: page.body)
            guard let body = text.range(of: "<body>") else {
                marked[name] = page
                continue
            }
            let changed = text.replacingCharacters(in: body, with: "<body>\n" + html)
            marked[name] = WebAsset(name: name, bytes: Array(changed.utf8), contentType: page.contentType)
        }
        return WebSite(pages: marked, assets: assets)
    }

    private static func files(in directory: URL) throws -> [String: WebAsset] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var result: [String: WebAsset] = [:]
        for name in names where !name.hasPrefix(".") {
            // Only file types the site knows: anything else in the folder is not meant to be served.
            guard let type = WebAsset.contentType(forName: name) else { continue }
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            result[name] = WebAsset(name: name, bytes: Array(data), contentType: type)
        }
        return result
    }
}
