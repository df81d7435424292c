import MotCuaDomain
import MotCuaIntegrations
import MotCuaRegistrySandbox
import MotCuaSandboxService
import Synchronization
import Testing

/// A clock that moves only when told to, so breaker cool-downs are tested without waiting.
final class ManualClock: Clock, Sendable {
    typealias Instant = ContinuousClock.Instant
    private let current = Mutex(ContinuousClock.now)

    var now: Instant { current.withLock { $0 } }
    var minimumResolution: Duration { .nanoseconds(1) }

    func advance(by duration: Duration) { current.withLock { $0 = $0.advanced(by: duration) } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline { try await Task.sleep(for: .milliseconds(1)) }
    }
}

@Suite("Circuit breaker")
struct CircuitBreakerTests {
    @Test("Opens after the threshold of consecutive failures and refuses calls until the cool-down ends")
    func opensAfterThreshold() {
        let clock = ManualClock()
        let breaker = CircuitBreaker(threshold: 3, coolDown: .seconds(10), clock: clock)
        for _ in 0..<2 {
            #expect(breaker.permit())
            breaker.recordFailure()
        }
        #expect(breaker.state == .closed)
        #expect(breaker.permit())
        breaker.recordFailure()
        #expect(breaker.state == .open)
        #expect(!breaker.permit())
        clock.advance(by: .seconds(9))
        #expect(!breaker.permit())
    }

    @Test("A success between failures resets the count")
    func successResetsCount() {
        let breaker = CircuitBreaker(threshold: 2, coolDown: .seconds(10), clock: ManualClock())
        breaker.recordFailure()
        breaker.recordSuccess()
        breaker.recordFailure()
        #expect(breaker.state == .closed)
        breaker.recordFailure()
        #expect(breaker.state == .open)
    }

    @Test("After the cool-down exactly one probe goes through; its success closes the breaker")
    func probeSuccessCloses() {
        let clock = ManualClock()
        let breaker = CircuitBreaker(threshold: 1, coolDown: .seconds(10), clock: clock)
        breaker.recordFailure()
        clock.advance(by: .seconds(10))
        #expect(breaker.permit())
        #expect(breaker.state == .halfOpen)
        #expect(!breaker.permit())
        breaker.recordSuccess()
        #expect(breaker.state == .closed)
        #expect(breaker.permit())
    }

    @Test("A failed probe re-opens the breaker for a full cool-down")
    func probeFailureReopens() {
        let clock = ManualClock()
        let breaker = CircuitBreaker(threshold: 1, coolDown: .seconds(10), clock: clock)
        breaker.recordFailure()
        clock.advance(by: .seconds(10))
        #expect(breaker.permit())
        breaker.recordFailure()
        #expect(breaker.state == .open)
        clock.advance(by: .seconds(9))
        #expect(!breaker.permit())
        clock.advance(by: .seconds(1))
        #expect(breaker.permit())
    }

    @Test("An abandoned probe hands its turn to the next caller")
    func abandonedProbeReleases() {
        let clock = ManualClock()
        let breaker = CircuitBreaker(threshold: 1, coolDown: .seconds(10), clock: clock)
        breaker.recordFailure()
        clock.advance(by: .seconds(10))
        #expect(breaker.permit())
        breaker.recordAbandoned()
        #expect(breaker.permit())
    }

    @Test("Over HTTP: the breaker opens after the threshold, fails fast without reaching the registry, half-opens and closes")
    func breakerOverHTTP() async throws {
        let context = RegistryFixtures.context
        let person = try #require(RegistryFixtures.registry.person(at: 3))
        try await RegistryFixtures.withSandbox(
            configure: { RegistryFixtures.configuration($0, attempts: 1, threshold: 2, coolDown: .milliseconds(300)) }
        ) { sandbox, client async throws in
            sandbox.faults.set(.init(failStatus: 503), for: .population)
            for _ in 0..<2 {
                let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                    try await client.person(person.citizenID, context: context)
                })
                #expect(RegistryFixtures.kind(error) == "unavailable")
            }
            #expect(client.breaker(for: .population).state == .open)
            let started = ContinuousClock.now
            let error = try #require(await RegistryFixtures.failure { () async throws(RegistryClientError) in
                try await client.person(person.citizenID, context: context)
            })
            #expect(error == .circuitOpen(.population))
            #expect(ContinuousClock.now - started < .milliseconds(500))
            #expect(sandbox.faults.requestCount(.population) == 2)
            // one registry's breaker does not stop the others
            #expect(try await client.tax(person.citizenID, context: context) == RegistryFixtures.registry.tax(for: person.citizenID))

            sandbox.faults.clear()
            try await Task.sleep(for: .milliseconds(350))
            #expect(try await client.person(person.citizenID, context: context) == person)
            #expect(client.breaker(for: .population).state == .closed)
            #expect(sandbox.faults.requestCount(.population) == 3)
        }
    }
}
