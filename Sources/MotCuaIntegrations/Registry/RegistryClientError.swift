import MotCuaDomain

/// Why a national database could not answer.
public enum RegistryClientError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Timed out, refused the connection, or answered 5xx after the bounded retries.
    case unavailable(RegistrySource, reason: String)
    /// The circuit breaker is open after repeated failures; no request was sent.
    case circuitOpen(RegistrySource)
    /// The answer did not decode or failed validation (e.g. a record for another ID).
    case invalidResponse(RegistrySource, reason: String)
    /// The registry refused the request (4xx other than 404), e.g. an update that breaks its rules.
    case rejected(RegistrySource, status: Int, message: String)
    /// The request could not be sent as built (an invalid URL or header value): the registry was never
    /// reached, so this says nothing about its health and does not count against its circuit breaker.
    case invalidRequest(RegistrySource, reason: String)

    public var registry: RegistrySource {
        switch self {
        case .unavailable(let source, _), .circuitOpen(let source), .invalidResponse(let source, _), .rejected(let source, _, _),
            .invalidRequest(let source, _):
            source
        }
    }

    public var description: String {
        switch self {
        case .unavailable(let source, let reason): "\(source.nameEn) unavailable: \(reason)"
        case .circuitOpen(let source): "\(source.nameEn) unavailable: circuit open after repeated failures"
        case .invalidResponse(let source, let reason): "\(source.nameEn) gave an invalid answer: \(reason)"
        case .rejected(let source, let status, let message): "\(source.nameEn) refused the request (\(status)): \(message)"
        case .invalidRequest(let source, let reason): "the request to \(source.nameEn) could not be sent: \(reason)"
        }
    }
}
