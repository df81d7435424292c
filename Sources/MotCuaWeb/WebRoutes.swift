import Hummingbird

/// The plain web front end: the landing page, the one-stop counter and the desk for officials, the citizen
/// portal and the public status look-up. Pages are static files that call the JSON API with `fetch`; nothing personal
/// is rendered on the server, so the pages themselves can be cached and revalidated freely.
public enum WebRoutes {
    /// The page served at each path.
    static let pages: [(path: String, file: String)] = [
        ("/", "index.html"), ("/counter", "counter.html"), ("/desk", "desk.html"), ("/citizen", "citizen.html"),
        ("/status", "status.html"), ("/counter/rating", "rating.html"),
        ("/counter/petitions", "petitions.html"),
        // The operations centre's wall screen (figures from the API after an official's sign-in).
        ("/dieu-hanh", "ops.html"), ("/operations", "ops.html"),
    ]

    /// Adds the pages and `/assets/{name}` to a router. Reads every file once; throws at start-up if the
    /// bundled site is incomplete rather than answering 404 to the first visitor.
    /// - Parameter demo: every page then shows a banner saying this is a demonstration with synthetic data.
    public static func add<Context: RequestContext>(to router: Router<Context>, demo: Bool = false) throws {
        let site = try WebSite.load()
        try add(to: router, site: demo ? site.withBanner(demoBanner) : site)
    }

    /// Shown on every page of a demo instance, so that nobody takes it for the real service.
    static let demoBanner = """
        <div class="demo-banner" role="note"><strong>BẢN DEMO</strong> — dữ liệu dân cư giả lập, tài khoản mẫu công khai; \
        không nhập dữ liệu thật.<span class="en" lang="en">DEMO — synthetic population, published demo accounts; \
        do not enter real data.</span></div>
        """

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
