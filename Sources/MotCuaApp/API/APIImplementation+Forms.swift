import Foundation
import HTTPTypes
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// The deadline explanation and the printable Circular 03/2025 forms.
extension APIImplementation {
    /// Officials who may read the dossier and the applicant (`visibleDossier`).
    func explainDossierDeadline(_ input: Operations.ExplainDossierDeadline.Input) async throws -> Operations.ExplainDossierDeadline.Output {
        let dossier = try await service.visibleDossier(code: input.path.code, for: try caller())
        guard let procedure = reference.catalogue.procedure(code: dossier.procedureCode) else {
            throw Problem.notFound("Thủ tục \(dossier.procedureCode) không còn trong danh mục / procedure \(dossier.procedureCode) is no longer in the catalogue")
        }
        guard let explanation = DossierWorkflow(calendar: reference.calendar).explain(dossier, procedure: procedure) else {
            throw Problem(.conflict, "not-received", "Hồ sơ chưa được tiếp nhận nên chưa có ngày hẹn / the dossier has not been received, so it has no promised date yet")
        }
        return .ok(.init(body: .json(.init(explanation, dossier: dossier))))
    }

    /// Officials who may read the dossier and the applicant (`visibleDossier`).
    func printDossierForm(_ input: Operations.PrintDossierForm.Input) async throws -> Operations.PrintDossierForm.Output {
        let dossier = try await service.visibleDossier(code: input.path.code, for: try caller())
        guard let form = OneStopForm(rawValue: input.path.form.rawValue) else {
            throw Problem.invalid("Không có mẫu \(input.path.form.rawValue) / no form \(input.path.form.rawValue)", field: "form")
        }
        let context = FormContext(
            dossier: dossier, procedure: reference.catalogue.procedure(code: dossier.procedureCode),
            handlingAgency: reference.agencies.agency(id: dossier.agencyID), receivingAgency: reference.agencies.agency(id: dossier.receivingAgencyID),
            history: try await service.dossiers.history(dossierID: dossier.id),
            statusURL: auth.configuration.publicBaseURL + "/status.html?code=" + (dossier.code.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? dossier.code),
            printedAt: now())
        do {
            let html = try formRenderer.render(form, context)
            return .ok(.init(body: .html(HTTPBody(html))))
        } catch {
            throw Problem(.conflict, "form-not-applicable", error.description)
        }
    }

    /// Officials of the agency and provincial operations monitors.
    func printRegister(_ input: Operations.PrintRegister.Input) async throws -> Operations.PrintRegister.Output {
        let principal = try principal()
        guard let agency = reference.agencies.agency(id: input.path.id) else {
            throw Problem.notFound("Không có cơ quan \(input.path.id) / no agency \(input.path.id)")
        }
        guard principal.agencyID == agency.id || (principal.role == .operationsMonitor && service.isProvincial(principal.agencyID)) else {
            throw Problem.forbidden("Chỉ cán bộ của \(agency.id) xem sổ theo dõi / only officials of \(agency.id) may print its register")
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
