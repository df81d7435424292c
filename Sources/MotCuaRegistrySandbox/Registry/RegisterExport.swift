import Foundation
import MotCuaDomain

/// The population register as CSV, in the column layout the reconciliation engine reads by default:
/// `citizen_id, legacy_id, full_name, date_of_birth, sex, commune_code, marital_status, spouse_id, vital_status`.
public enum RegisterExport {
    public static let header = "citizen_id,legacy_id,full_name,date_of_birth,sex,commune_code,marital_status,spouse_id,vital_status"

    /// Writes every person of the registry; the file appears only when complete.
    public static func writeCSV(_ registry: NationalRegistry, to url: URL) throws {
        let partial = url.appendingPathExtension("partial")
        FileManager.default.createFile(atPath: partial.path, contents: nil)
        let handle = try FileHandle(forWritingTo: partial)
        var buffer = header + "\n"
        for index in 0..<registry.personCount {
            guard let person = registry.person(at: index) else { continue }
            let fields = [
                person.citizenID.value, person.legacyID?.value ?? "", CSVCell.encode(person.fullName), person.dateOfBirth.description,
                person.sex.rawValue, person.currentAddress.communeCode, person.maritalStatus.rawValue, person.spouseID?.value ?? "",
                person.deceasedOn == nil ? "alive" : "deceased",
            ]
            buffer += fields.joined(separator: ",") + "\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
        _ = try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: partial, to: url)
    }
}
