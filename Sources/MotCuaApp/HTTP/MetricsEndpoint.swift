import Crypto
import Foundation
import Hummingbird
import MotCuaDomain
import NIOCore
import Prometheus

/// `GET /metrics` for the operations centre's scraper.
///
/// Not public: the counts by status, look-up volumes and sign-in failure spikes are operational intelligence.
/// A scraper presents the scrape token (`MOTCUA_METRICS_TOKEN_FILE`, sent as `Authorization: Bearer …`); a
/// person presents an operations monitor's sign-in token. The dossier counts are a table scan, so they are
/// refreshed at most once per `refreshInterval`, however often the page is scraped.
struct MetricsEndpoint: Sendable {
    let metrics: AppMetrics
    /// The scrape token's SHA-256, when one is configured.
    let scrapeTokenDigest: SHA256.Digest?
    let counts: CachedGauges

    init(metrics: AppMetrics, scrapeToken: String?, refreshInterval: Duration = .seconds(15), refresh: @escaping @Sendable () async throws -> Void) {
        self.metrics = metrics
        self.scrapeTokenDigest = scrapeToken.map { SHA256.hash(data: Data($0.utf8)) }
        self.counts = CachedGauges(refreshInterval: refreshInterval, refresh: refresh)
    }

    /// Whether the request carries the scrape token. Compared as digests in constant time.
    func isScraper(_ request: Request) -> Bool {
        guard let expected = scrapeTokenDigest, let header = request.headers[.authorization], header.count > 7,
            header.prefix(7).lowercased() == "bearer "
        else { return false }
        let presented = SHA256.hash(data: Data(header.dropFirst(7).trimmingCharacters(in: .whitespaces).utf8))
        return presented == expected
    }

    func response() async throws -> Response {
        try await counts.refreshIfStale()
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.registry.emitToString())))
    }

    /// Answers the scraper before sign-in tokens are checked: its token is not a sign-in token.
    struct ScraperMiddleware: RouterMiddleware {
        typealias Context = AppRequestContext
        let endpoint: MetricsEndpoint

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard request.uri.path == "/metrics", request.method == .get, endpoint.isScraper(request) else {
                return try await next(request, context)
            }
            return try await endpoint.response()
        }
    }

    /// Runs `refresh` at most once per interval; concurrent scrapes share one refresh.
    actor CachedGauges {
        let refreshInterval: Duration
        let refresh: @Sendable () async throws -> Void
        private var refreshedAt: ContinuousClock.Instant?

        init(refreshInterval: Duration, refresh: @escaping @Sendable () async throws -> Void) {
            self.refreshInterval = refreshInterval
            self.refresh = refresh
        }

        func refreshIfStale() async throws {
            let now = ContinuousClock.now
            if let refreshedAt, refreshedAt.duration(to: now) < refreshInterval { return }
            // Marked before the await: scrapes arriving meanwhile serve the previous values instead of queueing
            // more scans.
            refreshedAt = now
            do {
                try await refresh()
            } catch {
                refreshedAt = nil
                throw error
            }
        }
    }
}
