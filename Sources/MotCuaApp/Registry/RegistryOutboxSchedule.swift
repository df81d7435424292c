import Foundation

/// When the registry outbox dispatcher looks for due requests and when it tries again after an outage.
public struct RegistryOutboxSchedule: Sendable, Hashable {
    /// How often the dispatcher looks for due requests.
    public var pollInterval: Duration = .seconds(2)
    /// The wait after the first failed attempt; it doubles with each further failure.
    public var baseDelay: TimeInterval = 30
    /// The longest wait between attempts, however many failed.
    public var maximumDelay: TimeInterval = 3_600
    /// How long a request may stay "sent" without a recorded answer before it is sent again (with the same
    /// request id): longer than one attempt can take, so a live attempt is never duplicated needlessly.
    public var lease: TimeInterval = 120
    /// Requests handled per round.
    public var batchSize = 50
    /// Requests of a round sent at the same time. The outbox never hands out two requests about the same
    /// subject at once, so their order holds; a registry's latency, not ours, then sets a campaign's pace.
    public var concurrency = 8

    public init() {}

    /// The wait after `attempt` failed attempts (1 = the first): exponential, capped, with jitter drawn from
    /// [half, all] of it so that requests queued by one outage do not all return at the same instant.
    public func delay(afterAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> TimeInterval {
        let exponent = Double(min(max(attempt - 1, 0), 30))
        let capped = min(maximumDelay, baseDelay * pow(2, exponent))
        return capped * Double.random(in: 0.5...1, using: &generator)
    }
}
