import Foundation
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage

/// Looks people up in the national databases for a caller and a stated purpose, and makes an access-log
/// entry of every look-up. Data fetched here reaches no one unless its entries were stored first.
struct RegistryGateway: Sendable {
    let client: any NationalRegistryClient
    let accessLog: SQLRegistryAccessLog
    let now: @Sendable () -> Date
    /// Counts each look-up by database and outcome (metrics).
    var observe: @Sendable (RegistrySource, RegistryAccessEntry.Outcome) -> Void = { _, _ in }

    /// The answers of one round of look-ups, with the log entries still to be stored.
    struct Round: Sendable {
        var evidence: RegistryEvidence
        var entries: [RegistryAccessEntry]
        var failures: [RegistryClientError]
    }

    /// The logged purpose of a round.
    struct Purpose: Sendable {
        let call: RegistryCallContext.Purpose
        let kind: RegistryAccessEntry.PurposeKind
        let reference: String

        static func dossier(_ code: String, retry: Bool = false) -> Purpose {
            Purpose(call: retry ? .verificationRetry(dossierCode: code) : .dossier(code: code), kind: .dossier, reference: code)
        }
    }

    /// Asks every database in `registries` about every subject, concurrently. Does not store the entries:
    /// the caller stores them in the same transaction as what it does with the answers.
    func gather(subjects: [CitizenID], registries: Set<RegistrySource>, caller: RegistryCaller, purpose: Purpose) async -> Round {
        let context = caller.context(purpose.call)
        let answers = await withTaskGroup(of: Answer.self, returning: [Answer].self) { group in
            for subject in subjects {
                for registry in registries {
                    group.addTask { await Self.ask(client, registry, subject, context) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let at = now()
        var round = Round(evidence: RegistryEvidence(fetchedAt: at), entries: [], failures: [])
        var failed: Set<RegistrySource> = []
        for answer in answers {
            let outcome: RegistryAccessEntry.Outcome
            switch answer.result {
            case .success(let found):
                outcome = found ? .found : .notFound
            case .failure(let error):
                outcome = .failed
                failed.insert(answer.registry)
                round.failures.append(error)
            }
            round.entries.append(
                RegistryAccessEntry(
                    at: at, subjectID: answer.subject, registry: answer.registry, fields: RegistryFields.fields(of: answer.registry),
                    actorKind: caller.actorKind, actorID: caller.actorID, agencyID: caller.agencyID, purposeKind: purpose.kind,
                    purposeReference: purpose.reference, requestID: context.requestID, outcome: outcome))
            answer.store(&round.evidence)
            observe(answer.registry, outcome)
        }
        round.evidence.answered = registries.subtracting(failed)
        return round
    }

    /// Gathers and stores the entries before returning, for callers that show the answers directly.
    func lookUp(subjects: [CitizenID], registries: Set<RegistrySource>, caller: RegistryCaller, purpose: Purpose) async throws -> Round {
        let round = await gather(subjects: subjects, registries: registries, caller: caller, purpose: purpose)
        try await accessLog.record(round.entries)
        return round
    }

    /// One database's answer about one person.
    struct Answer: Sendable {
        let registry: RegistrySource
        let subject: CitizenID
        /// Whether anything was found, or why the database could not answer.
        let result: Result<Bool, RegistryClientError>
        let store: @Sendable (inout RegistryEvidence) -> Void
    }

    static func ask(
        _ client: any NationalRegistryClient, _ registry: RegistrySource, _ id: CitizenID, _ context: RegistryCallContext
    ) async -> Answer {
        func answer<T: Sendable>(
            _ fetch: () async throws(RegistryClientError) -> T, found: (T) -> Bool,
            _ keep: @escaping @Sendable (inout RegistryEvidence, T) -> Void
        ) async -> Answer {
            do {
                let value = try await fetch()
                return Answer(registry: registry, subject: id, result: .success(found(value))) { keep(&$0, value) }
            } catch {
                return Answer(registry: registry, subject: id, result: .failure(error)) { _ in }
            }
        }
        switch registry {
        case .population:
            return await answer({ () async throws(RegistryClientError) in try await client.person(id, context: context) }, found: { $0 != nil }) {
                $0.people[id] = $1
            }
        case .civilStatus:
            return await answer({ () async throws(RegistryClientError) in try await client.civilStatus(id, context: context) }, found: { !$0.isEmpty }) {
                $0.civilStatus[id] = $1
            }
        case .socialInsurance:
            return await answer({ () async throws(RegistryClientError) in try await client.insurance(id, context: context) }, found: { $0 != nil }) {
                $0.insurance[id] = $1
            }
        case .land:
            return await answer({ () async throws(RegistryClientError) in try await client.landParcels(id, context: context) }, found: { !$0.isEmpty }) {
                $0.landParcels[id] = $1
            }
        case .tax:
            return await answer({ () async throws(RegistryClientError) in try await client.tax(id, context: context) }, found: { $0 != nil }) {
                $0.tax[id] = $1
            }
        case .business:
            return await answer({ () async throws(RegistryClientError) in try await client.businesses(id, context: context) }, found: { !$0.isEmpty }) {
                $0.businesses[id] = $1
            }
        }
    }
}
