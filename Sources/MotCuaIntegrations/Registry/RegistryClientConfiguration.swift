import AsyncHTTPClient
import NIOCore

/// How ``HTTPRegistryClient`` reaches the national databases and how hard it tries.
///
/// The defaults suit a registry on the provincial network: a look-up normally answers in milliseconds, so
/// two seconds per attempt already means trouble, and three attempts with a short jittered backoff ride out
/// a restarting node without holding a counter clerk for long.
public struct RegistryClientConfiguration: Sendable, Hashable {
    /// Where the registry gateway listens, e.g. "http://127.0.0.1:8081"; a trailing slash is ignored.
    public var baseURL: String
    /// The deadline of one attempt: connection, request and the whole answer.
    public var attemptTimeout: Duration
    /// Attempts per look-up, the first included. Updates are always sent once.
    public var maxReadAttempts: Int
    /// The first backoff ceiling; it doubles per retry up to ``backoffCap`` and the wait is drawn uniformly
    /// below it ("full jitter"), so that clients retrying after a shared outage do not arrive in step.
    public var backoffBase: Duration
    /// The largest wait between two attempts.
    public var backoffCap: Duration
    /// Consecutive failed calls to one registry that open its circuit breaker.
    public var breakerThreshold: Int
    /// How long an open breaker refuses calls before it lets one probe through.
    public var breakerCoolDown: Duration
    /// Answers larger than this are refused as invalid; a person's records are a few kilobytes.
    public var maxResponseBytes: Int

    public init(
        baseURL: String, attemptTimeout: Duration = .seconds(2), maxReadAttempts: Int = 3,
        backoffBase: Duration = .milliseconds(50), backoffCap: Duration = .seconds(1), breakerThreshold: Int = 5,
        breakerCoolDown: Duration = .seconds(10), maxResponseBytes: Int = 1 << 20
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.attemptTimeout = attemptTimeout
        self.maxReadAttempts = max(1, maxReadAttempts)
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.breakerThreshold = max(1, breakerThreshold)
        self.breakerCoolDown = breakerCoolDown
        self.maxResponseBytes = maxResponseBytes
    }

    /// The wait after failed attempt number `attempt` (1-based): uniform in `0...min(cap, base × 2^(attempt−1))`.
    public func backoff(afterAttempt attempt: Int) -> Duration {
        let base = Self.milliseconds(backoffBase)
        let ceiling = min(Self.milliseconds(backoffCap), base * Double(1 << min(max(attempt - 1, 0), 20)))
        guard ceiling > 0 else { return .zero }
        return .milliseconds(Double.random(in: 0...ceiling))
    }

    /// An `HTTPClient` configuration that fits: the connect timeout follows ``attemptTimeout`` and the pool
    /// keeps enough connections per host for a few hundred look-ups a second without queueing.
    public var httpClientConfiguration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: Self.timeAmount(attemptTimeout)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32))
        configuration.redirectConfiguration = .disallow
        return configuration
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
