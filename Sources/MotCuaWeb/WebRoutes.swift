import Hummingbird

/// The plain web front end: the landing page, the one-stop counter for officials, the citizen portal and
/// the public status look-up. Pages are static files that call the JSON API with `fetch`; nothing personal
/// is rendered on the server, so the pages themselves can be cached and revalidated freely.
public enum WebRoutes {
    /// The page served at each path.
    static let pages: [(path: String, file: String)] = [
        ("/", "index.html"), ("/counter", "counter.html"), ("/citizen", "citizen.html"), ("/status", "status.html"),
    ]

    /// Adds the pages and `/assets/{name}` to a router. Reads every file once; throws at start-up if the
    /// bundled site is incomplete rather than answering 404 to the first visitor.
    public static func add<Context: RequestContext>(to router: Router<Context>) throws {
        try add(to: router, site: WebSite.load())
    }

    static func add<Context: RequestContext>(to router: Router<Context>, site: WebSite) throws {
        for page in pages {
            let asset = try site.page(page.file)
            router.get(RouterPath(page.path)) { request, _ in asset.response(to: request) }
        }
        // Assets are looked up by name in what was loaded at start-up, never on disk at request time, so no
        // path a client sends can reach another file.
        router.get("/assets/{name}") { request, context -> Response in
            guard let name = context.parameters.get("name"), let asset = site.assets[name] else { return WebAsset.notFound() }
            return asset.response(to: request)
        }
    }
}
