import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// The deadline explanation and the printable Circular 03/2025 forms.
extension APIImplementation {
    /// Whoever may read the dossier (`AccessPolicy`: its agencies' dossier officials, provincial operations
    /// monitors, the applicant).
    func explainDossierDeadline(_ input: Operations.ExplainDossierDeadline.Input) async throws -> Operations.ExplainDossierDeadline.Output {
        let (caller, scope) = try caller(.explainDossierDeadline)
        let dossier = try await service.visibleDossier(code: input.path.code, for: caller, scope: scope)
        guard let procedure = reference.catalogue.procedure(code: dossier.procedureCode) else {
            throw Problem.notFound("Thủ tục \(dossier.procedureCode) không còn trong danh mục / procedure \(dossier.procedureCode) is no longer in the catalogue")
        }
        guard let explanation = DossierWorkflow(calendar: reference.calendar).explain(dossier, procedure: procedure) else {
            throw Problem(.conflict, "not-received", "Hồ sơ chưa được tiếp nhận nên chưa có ngày hẹn / the dossier has not been received, so it has no promised date yet")
        }
        return .ok(.init(body: .json(.init(explanation, dossier: dossier))))
    }

    /// Whoever may read the dossier; the applicant gets the citizen's view (no other parties' references,
    /// no officials-only notes).
    func printDossierForm(_ input: Operations.PrintDossierForm.Input) async throws -> Operations.PrintDossierForm.Output {
        let (caller, scope) = try caller(.printDossierForm)
        let visible = try await service.visibleDossier(code: input.path.code, for: caller, scope: scope)
        var applicantView = false
        if case .citizen = caller { applicantView = true }
        let dossier = applicantView ? visible.citizenView : visible
        guard let form = OneStopForm(rawValue: input.path.form.rawValue) else {
            throw Problem.invalid("Không có mẫu \(input.path.form.rawValue) / no form \(input.path.form.rawValue)", field: "form")
        }
        let context = FormContext(
            dossier: dossier, procedure: reference.catalogue.procedure(code: dossier.procedureCode),
            handlingAgency: reference.agencies.agency(id: dossier.agencyID), receivingAgency: reference.agencies.agency(id: dossier.receivingAgencyID),
            history: try await service.dossiers.history(dossierID: dossier.id), applicantView: applicantView,
            statusURL: auth.configuration.publicBaseURL + "/status?code="
                + (dossier.code.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: ".-"))) ?? dossier.code),
            printedAt: now())
        let html: String
        do throws(FormNotApplicable) {
            html = try formRenderer.render(form, context)
        } catch {
            throw Problem(.conflict, "form-not-applicable", error.description)
        }
        return .ok(.init(body: .html(HTTPBody(html))))
    }

    /// Dossier officials of the agency, and provincial operations monitors for any agency.
    func printRegister(_ input: Operations.PrintRegister.Input) async throws -> Operations.PrintRegister.Output {
        let (principal, scope) = try official(.printRegister)
        guard let agency = reference.agencies.agency(id: input.path.id) else {
            throw Problem.notFound("Không có cơ quan \(input.path.id) / no agency \(input.path.id)")
        }
        // Outside the caller's scope the register is hidden like a dossier (404), not refused.
        guard principal.agencyID == agency.id || scope >= .province else {
            throw Problem.notFound("Không có sổ theo dõi của \(agency.id) mà bạn được xem / no register of \(agency.id) is visible to you")
        }
        guard let from = LocalDate(iso: input.query.from) else {
            throw Problem.invalid("Ngày không hợp lệ / 'from' must be a date yyyy-MM-dd", field: "from")
        }
        guard let to = LocalDate(iso: input.query.to) else {
            throw Problem.invalid("Ngày không hợp lệ / 'to' must be a date yyyy-MM-dd", field: "to")
        }
        guard from <= to, from.days(to: to) < 92 else {
            throw Problem.invalid("Kỳ từ 1 đến 92 ngày / the period must run forwards and span at most 92 days", field: "to")
        }
        let start = reference.calendar.startOfDay(from)
        let end = reference.calendar.startOfDay(to.adding(days: 1))
        let dossiers = try await service.dossiers.register(agencyID: agency.id, from: start, until: end, limit: 2_000)
        let html = formRenderer.renderRegister(
            agency: agency, from: from, to: to, dossiers: dossiers, procedures: reference.catalogue, printedAt: now())
        return .ok(.init(body: .html(HTTPBody(html))))
    }

    /// Forms carry a QR code of the status page URL (medium error correction survives a crumpled slip).
    var formRenderer: FormRenderer {
        FormRenderer(
            stylesheetURL: auth.configuration.publicBaseURL + "/assets/forms.css",
            qr: { try? QRCode(text: $0, correction: .medium).svg(moduleSize: 4, border: 4) })
    }
}
