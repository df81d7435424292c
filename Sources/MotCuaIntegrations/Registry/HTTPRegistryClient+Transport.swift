import AsyncHTTPClient
import Foundation
import MotCuaDomain
import NIOCore
import NIOHTTP1

/// Requests, retries and the mapping of HTTP answers to ``RegistryClientError``.
extension HTTPRegistryClient {
    /// What one attempt produced, before deciding whether to retry.
    enum AttemptOutcome {
        case answered(status: Int, body: ByteBuffer)
        /// No usable answer: refused connection, reset, timeout.
        case failed(reason: String)
        /// An answer too large to be a person's records.
        case oversized
        /// The request was refused by the HTTP client before anything was sent.
        case notSent(reason: String)
    }

    /// A look-up with retries, behind the registry's breaker; `nil` when the registry answers 404.
    func read<Value: Decodable>(
        _ type: Value.Type, from registry: RegistrySource, path: String, context: RegistryCallContext
    ) async throws(RegistryClientError) -> Value? {
        let request = makeRequest(.GET, path: path, body: nil, context: context)
        return try await guarded(registry) { () async throws(RegistryClientError) -> Value? in
            var attempt = 0
            while true {
                attempt += 1
                let reason: String
                switch await attemptOnce(request) {
                case .answered(200, let body): return try decode(type, body, registry)
                case .answered(404, _): return nil
                case .answered(let status, _) where Self.isTransient(status): reason = "HTTP \(status)"
                case .answered(let status, let body): throw refusal(status, body, registry)
                case .failed(let failure): reason = failure
                case .oversized: throw .invalidResponse(registry, reason: "the answer is larger than expected")
                case .notSent(let failure): throw .invalidRequest(registry, reason: failure)
                }
                guard attempt < configuration.maxReadAttempts, !Task.isCancelled else {
                    throw .unavailable(registry, reason: "\(reason) after \(attempt) attempt\(attempt == 1 ? "" : "s")")
                }
                // Cancellation during the wait ends the loop at the guard above on the next failure.
                try? await Task.sleep(for: configuration.backoff(afterAttempt: attempt))
            }
        }
    }

    /// A change sent once: the caller decides whether repeating it is safe.
    func send<Value: Decodable>(
        _ type: Value.Type, to registry: RegistrySource, path: String, body: Data, context: RegistryCallContext
    ) async throws(RegistryClientError) -> Value {
        let request = makeRequest(.POST, path: path, body: body, context: context)
        return try await guarded(registry) { () async throws(RegistryClientError) -> Value in
            switch await attemptOnce(request) {
            case .answered(200, let body): return try decode(type, body, registry)
            case .answered(let status, _) where Self.isTransient(status):
                throw .unavailable(registry, reason: "HTTP \(status) after 1 attempt")
            case .answered(let status, let body): throw refusal(status, body, registry)
            case .failed(let reason): throw .unavailable(registry, reason: "\(reason) after 1 attempt")
            case .oversized: throw .invalidResponse(registry, reason: "the answer is larger than expected")
            case .notSent(let reason): throw .invalidRequest(registry, reason: reason)
            }
        }
    }

    /// Runs a call if the registry's breaker allows it and reports the outcome to the breaker. Only
    /// "could not answer" counts against the registry: a refusal or a bad record came from a live server.
    private func guarded<Value>(
        _ registry: RegistrySource, _ call: () async throws(RegistryClientError) -> Value
    ) async throws(RegistryClientError) -> Value {
        let breaker = breakers[registry]!
        guard breaker.permit() else { throw .circuitOpen(registry) }
        do {
            let value = try await call()
            breaker.recordSuccess()
            return value
        } catch {
            if Task.isCancelled {
                breaker.recordAbandoned()
            } else if case .unavailable = error {
                breaker.recordFailure()
            } else {
                breaker.recordSuccess()
            }
            throw error
        }
    }

    private func makeRequest(_ method: HTTPMethod, path: String, body: Data?, context: RegistryCallContext) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.baseURL + path)
        request.method = method
        request.headers.reserveCapacity(7)
        request.headers.add(name: "X-Road-Client", value: Self.headerValue(context.agencyIdentifier))
        request.headers.add(name: "X-Road-UserId", value: Self.headerValue(context.userID))
        request.headers.add(name: "X-Road-Issue", value: Self.headerValue(context.purpose.issue))
        request.headers.add(name: "X-Road-Id", value: context.requestID.uuidString)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// A header value without the characters HTTP forbids in it. The API refuses control characters in a
    /// purpose, but a value that still held one would make the whole request invalid, so they are dropped here.
    static func headerValue(_ text: String) -> String {
        guard TextInput.forbiddenScalar(in: text) != nil else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { TextInput.isAllowed($0) })
        return String(scalars)
    }

    /// Errors the HTTP client raises about the request itself, before connecting, by their short description
    /// (AsyncHTTPClient's bounded, value-free name of each error).
    static let requestErrors: Set<String> = [
        "Invalid URL", "Empty host", "Empty scheme", "Unsupported scheme", "Missing socket path", "Invalid header field names",
        "Invalid header field values", "Incompatible headers", "Trace request with body",
    ]

    static func isRequestError(_ error: HTTPClientError) -> Bool { requestErrors.contains(error.shortDescription) }

    private func attemptOnce(_ request: HTTPClientRequest) async -> AttemptOutcome {
        let timeout = RegistryClientConfiguration.timeAmount(configuration.attemptTimeout)
        do {
            // The deadline covers the whole exchange, body included, so a server that stalls mid-answer
            // costs one attempt, not a hung counter.
            let response = try await httpClient.execute(request, deadline: .now() + timeout)
            let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
            return .answered(status: Int(response.status.code), body: body)
        } catch is NIOTooManyBytesError {
            return .oversized
        } catch let error as HTTPClientError
            where [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(error)
        {
            return .failed(reason: "timed out after \(configuration.attemptTimeout)")
        } catch let error as HTTPClientError where Self.isRequestError(error) {
            // The short description carries no header values (a purpose, an account).
            return .notSent(reason: error.shortDescription)
        } catch is CancellationError {
            return .failed(reason: "cancelled")
        } catch {
            return .failed(reason: "connection failed (\(error))")
        }
    }

    /// 429 and 5xx say "not now"; every other status is the registry's considered answer.
    static func isTransient(_ status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    private func decode<Value: Decodable>(
        _ type: Value.Type, _ body: ByteBuffer, _ registry: RegistrySource
    ) throws(RegistryClientError) -> Value {
        do { return try decoder.decode(type, from: Data(body.readableBytesView)) } catch {
            throw .invalidResponse(registry, reason: "the answer does not decode as \(Value.self)")
        }
    }

    /// A 4xx other than a look-up's 404 carries the registry's own message (Hummingbird's error form
    /// `{"error":{"message":…}}`); other statuses are not part of the protocol.
    private func refusal(_ status: Int, _ body: ByteBuffer, _ registry: RegistrySource) -> RegistryClientError {
        guard (400...499).contains(status) else { return .invalidResponse(registry, reason: "unexpected HTTP status \(status)") }
        let message =
            (try? decoder.decode(ErrorBody.self, from: Data(body.readableBytesView)))?.error.message
            ?? String(String(buffer: body).prefix(300))
        return .rejected(registry, status: status, message: message)
    }

    private struct ErrorBody: Decodable {
        struct Detail: Decodable { var message: String }
        var error: Detail
    }
}
