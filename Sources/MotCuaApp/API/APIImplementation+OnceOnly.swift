import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage
import OpenAPIRuntime

/// Once-only before submitting (what a procedure would ask of the citizen) and the zero-paper score.
extension APIImplementation {
    func getMyRequirements(_ input: Operations.GetMyRequirements.Input) async throws -> Operations.GetMyRequirements.Output {
        let citizen = try citizen(.getMyRequirements)
        guard let procedure = reference.catalogue.procedure(code: input.path.code) else {
            throw Problem.notFound("Không có thủ tục mã \(input.path.code) / no procedure with code '\(input.path.code)'")
        }
        let archive = try await reusable.valid(of: citizen.citizenID, for: procedure)
        let requirements = OnceOnly.requirements(of: procedure, archive: archive)
        return .ok(.init(body: .json(.init(
            procedureCode: procedure.code, nothingToUpload: OnceOnly.nothingToUpload(requirements),
            components: requirements.map { requirement in
                let component = requirement.component
                return .init(
                    code: component.code, nameVi: component.nameVi, nameEn: component.nameEn, required: component.required,
                    way: .init(rawValue: requirement.way.rawValue)!, registrySource: component.registrySource?.rawValue,
                    archiveItem: requirement.archiveItem.map(Components.Schemas.ReusedItem.init))
            }))))
    }

    func getZeroPaperScore(_ input: Operations.GetZeroPaperScore.Input) async throws -> Operations.GetZeroPaperScore.Output {
        let (principal, scope) = try official(.getZeroPaperScore)
        let query = input.query
        let rows = try await zeroPaper.rows(
            from: query.from, to: query.to, agency: query.agency, procedure: query.procedure, for: principal, scope: scope)
        return .ok(.init(body: .json(rows.map(Components.Schemas.ZeroPaperRow.init))))
    }

    func exportZeroPaperScore(_ input: Operations.ExportZeroPaperScore.Input) async throws -> Operations.ExportZeroPaperScore.Output {
        let (principal, scope) = try official(.exportZeroPaperScore)
        let query = input.query
        let rows = try await zeroPaper.rows(
            from: query.from, to: query.to, agency: query.agency, procedure: query.procedure, for: principal, scope: scope)
        return .ok(.init(body: .csv(HTTPBody(ZeroPaperScore.csv(rows)))))
    }
}

extension Components.Schemas.ReusedItem {
    init(_ item: ArchivedResult) {
        self.init(resultId: item.id, _type: item.type.rawValue, registerNumber: item.registerNumber, issuedOn: item.issuedOn?.description)
    }
}

extension Components.Schemas.ZeroPaperRow {
    init(_ row: ZeroPaperScore.Row) {
        let c = row.counts
        self.init(
            month: c.month, agencyId: c.agencyID, procedureCode: c.procedureCode, fetched: c.fetched, registry: c.registry,
            archive: c.archive, supplied: c.supplied, eform: c.eform, scan: c.scan, paper: c.paper, fetchedShare: row.fetchedShare,
            dossiers: c.dossiers, digitisedDossiers: c.digitisedDossiers, digitisationShare: row.digitisationShare,
            withResult: c.withResult, electronicResults: c.electronicResults, electronicResultShare: row.electronicResultShare)
    }
}
