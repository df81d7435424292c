import Foundation
import Hummingbird
import Prometheus

/// The application's own Prometheus registry: request counts and latencies by route, and dossiers by
/// status. One registry per application instance (not the global metrics system), so tests and benchmarks
/// can build many applications in one process.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
    ]

    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "motcua_http_requests_total", labels: [("method", method), ("route", route), ("status", String(status))],
            help: "HTTP requests by method, route and status"
        ).increment()
        registry.makeDurationHistogram(
            name: "motcua_http_request_duration_seconds", labels: [("method", method), ("route", route)], buckets: Self.buckets,
            help: "HTTP request latency by route"
        ).recordNanoseconds(duration.nanoseconds)
    }

    /// One look-up at a national database, by its outcome (found, not_found, failed): the operations centre
    /// watches the failed share to see a database in trouble before the counters call.
    func recordRegistryCall(registry database: String, outcome: String) {
        registry.makeCounter(
            name: "motcua_registry_calls_total", labels: [("registry", database), ("outcome", outcome)],
            help: "Look-ups at national databases by database and outcome"
        ).increment()
    }

    func setPendingVerifications(_ count: Int) {
        registry.makeGauge(
            name: "motcua_registry_pending_verifications", labels: [],
            help: "Dossiers waiting for a national database that could not answer yet"
        ).set(Double(count))
    }

    func setDossierCount(status: String, count: Int) {
        registry.makeGauge(name: "motcua_dossiers", labels: [("status", status)], help: "Dossiers by national status").set(Double(count))
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Records every request, including failed ones, under its route pattern (not the raw path, which would
/// put dossier codes into metric labels).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: AppMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            metrics.record(method: method, route: context.endpointPath ?? "unmatched", status: response.status.code, duration: .now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.record(method: method, route: context.endpointPath ?? "unmatched", status: status, duration: .now - start)
            throw error
        }
    }
}
