import Foundation
import Logging
import MotCuaDomain
import MotCuaIntegrations
import MotCuaStorage

/// Completes received dossiers from the national databases: fetches what their pending components need,
/// marks them satisfied (or asks the applicant when no database holds them), flags discrepancies, and
/// reschedules what a database could not answer. Used right after receipt and by the background retry.
struct RegistryVerifier: Sendable {
    let gateway: RegistryGateway
    let dossiers: SQLDossierRepository
    let agencies: AgencyDirectory
    let logger: Logger
    let now: @Sendable () -> Date

    /// Delay before the next round after `attempts` failed rounds: 5 s doubling, at most 15 minutes.
    static func backoff(attempts: Int) -> TimeInterval {
        min(5 * pow(2, Double(min(attempts, 10))), 15 * 60)
    }

    /// One round of look-ups for a dossier. Never throws: on any failure the dossier stays as it was and its
    /// queue entry (written with the receipt) brings it back.
    func verify(_ dossier: Dossier, caller: RegistryCaller, retry: Bool = false, attempts: Int = 0) async -> Dossier {
        guard RegistryVerification.isPending(dossier) else { return dossier }
        let round = await gateway.gather(
            subjects: RegistryVerification.subjects(of: dossier), registries: RegistryVerification.registriesNeeded(for: dossier),
            caller: caller, purpose: .dossier(dossier.code, retry: retry))
        let evidence = round.evidence
        let error = round.failures.isEmpty ? nil : Set(round.failures.map(\.description)).sorted().joined(separator: "; ")
        let at = now()
        let actor = Actor.system("registry-verifier")
        do {
            return try await dossiers.recordVerification(
                code: dossier.code, access: round.entries, retryAt: at.addingTimeInterval(Self.backoff(attempts: attempts)),
                error: error
            ) { current in
                var next = current
                guard RegistryVerification.apply(evidence, to: &next) else { return nil }
                let settled = zip(current.components, next.components).filter { $0.state != $1.state }.map(\.1)
                let note = settled.map { "\($0.code): \($0.state.rawValue)" }.joined(separator: ", ")
                    + (next.flags.isEmpty ? "" : " | flags: " + next.flags.map(\.kind.rawValue).joined(separator: ", "))
                next.version = current.version + 1
                let entry = HistoryEntry(
                    dossierID: current.id, sequence: next.version, action: "verify_registry", actor: actor, at: at,
                    statusBefore: current.status, statusAfter: current.status, stepBefore: current.step, stepAfter: current.step,
                    note: note, previousHash: current.historyHead)
                next.historyHead = entry.hash
                return (next, entry)
            }
        } catch {
            logger.error("Recording registry verification failed", metadata: ["dossier": "\(dossier.code)", "error": "\(error)"])
            return dossier
        }
    }

    /// Runs the due rounds once; returns how many dossiers were tried.
    func runDue(limit: Int = 50) async throws -> Int {
        let due = try await dossiers.dueVerifications(at: now(), limit: limit)
        for item in due {
            guard let dossier = try await dossiers.find(code: item.dossierCode) else { continue }
            _ = await verify(
                dossier, caller: .system("registry-verifier", for: dossier, agencies: agencies), retry: true, attempts: item.attempts + 1)
        }
        return due.count
    }
}
