import MotCuaDomain
import MotCuaStorage

/// What the specialist and the leader see of a dossier's result: the type's legal fields with the draft's
/// values (or, before preparation, those prefilled from the dossier), and every version so far.
struct ResultWorksheet: Sendable {
    let dossier: Dossier
    let spec: ResultTypeSpec
    let values: [String: String]
    /// Newest first.
    let versions: [StoredResult]

    /// The values a new draft starts from: the applicant's name and ID and the dossier's form data, as the type
    /// declares; a field without a source stays empty for the specialist to fill.
    static func prefill(_ spec: ResultTypeSpec, from dossier: Dossier) -> [String: String] {
        var values: [String: String] = [:]
        for field in spec.fields {
            switch field.prefill {
            case "applicant.name": values[field.key] = dossier.applicantName
            case "applicant.id": values[field.key] = dossier.applicantID.value
            case let source? where source.hasPrefix("form."):
                if let value = dossier.formData[String(source.dropFirst(5))], !value.isEmpty { values[field.key] = value }
            default: break
            }
        }
        return values
    }
}
