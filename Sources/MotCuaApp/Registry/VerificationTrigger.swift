/// Wakes the background verifier as soon as a dossier waits for national data, instead of at its next tick.
/// Wake-ups coalesce: many receipts during one round cause one more round, not one each.
final class VerificationTrigger: Sendable {
    let wakeUps: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (wakeUps, continuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func wake() { continuation.yield() }
}
