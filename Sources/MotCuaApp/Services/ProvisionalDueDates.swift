import Foundation
import Logging
import MotCuaDomain
import MotCuaStorage

/// Recomputes, at start-up, the promised dates that were provisional when the notice of their year was
/// missing and are no longer so with the calendar now loaded (bundled files or `--calendar-dir`). Each
/// change is one transition written by the system actor, so the history says what changed and why.
struct ProvisionalDueDates: Sendable {
    let reference: ReferenceData
    let dossiers: SQLDossierRepository
    let logger: Logger

    private struct Unchanged: Error {}

    /// Returns how many dossiers got a new promised date.
    @discardableResult
    func recompute(at now: Date) async throws -> Int {
        let workflow = DossierWorkflow(calendar: reference.calendar)
        var changed = 0
        for code in try await dossiers.provisionalDueCodes() {
            do {
                _ = try await dossiers.transition(code: code, idempotency: nil) { dossier in
                    guard let procedure = reference.catalogue.procedure(code: dossier.procedureCode),
                        let result = workflow.recomputeProvisionalDueDate(dossier, procedure: procedure, at: now)
                    else { throw Unchanged() }
                    return result
                }
                changed += 1
            } catch is Unchanged {
                continue
            } catch RepositoryError.versionConflict {
                // Changed concurrently: it will be looked at again at the next start.
                continue
            }
        }
        if changed > 0 { logger.info("Provisional promised dates recomputed with the loaded calendar", metadata: ["dossiers": "\(changed)"]) }
        return changed
    }
}
