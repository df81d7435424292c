import Foundation
import MotCuaDomain
import MotCuaStorage

/// The platform's own records as a reconciliation source: one row per dossier applicant, with the birth
/// year and sex that the 12-digit ID encodes (dossiers do not record a full date of birth).
public enum ApplicantsExport {
    public static let header = "record_id,citizen_id,full_name,date_of_birth,sex"

    /// Writes every dossier's applicant; the file appears only when complete.
    public static func writeCSV(platform: Platform, to url: URL) async throws -> Int {
        try await writeCSV(dossiers: platform.dossiers, to: url)
    }

    static func writeCSV(dossiers: any DossierRepository, to url: URL) async throws -> Int {
        let partial = url.appendingPathExtension("partial")
        var text = header + "\n"
        var count = 0
        var query = DossierQuery(scope: .all, limit: 200)
        repeat {
            let page = try await dossiers.list(query)
            for dossier in page.items {
                let id = dossier.applicantID
                text += [
                    dossier.code, id.value, CorrectionsCSV.field(dossier.applicantName), String(id.birthYear), id.sex.rawValue,
                ].joined(separator: ",") + "\n"
                count += 1
            }
            query.after = page.next
        } while query.after != nil
        // Names and citizen IDs: readable by this process's user only, even in a shared temporary directory.
        guard FileManager.default.createFile(atPath: partial.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: partial.path])
        }
        _ = try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: partial, to: url)
        return count
    }
}
