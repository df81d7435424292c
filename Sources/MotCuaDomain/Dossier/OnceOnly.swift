/// Once-only: what the State already holds is never asked of the applicant again. Each component of a
/// procedure is satisfied, in this order, by a national database, then a valid signed result of the
/// applicant's own archive of a type the catalogue lists for it (`reusableFrom`), and only then by an upload.
public enum OnceOnly {
    /// Component codes that name the application form itself: online, the applicant fills it in on the portal
    /// (the e-form) rather than uploading anything.
    public static let applicationFormCodes: Set<String> = ["declaration", "application", "request"]

    /// The archived result that satisfies a component, if the catalogue declares the component reusable and the
    /// archive (already limited to the applicant's valid results, newest first) holds one of those types.
    public static func archiveItem(for component: DocumentComponent, in archive: [ArchivedResult]) -> ArchivedResult? {
        guard let types = component.reusableFrom, !types.isEmpty else { return nil }
        return archive.first { types.contains($0.type) }
    }

    /// For the components a national database is asked for, the archived result that takes over when the
    /// database turns out not to hold the document (keyed by component code).
    public static func fallbacks(for procedure: Procedure, archive: [ArchivedResult]) -> [String: ArchivedResult] {
        procedure.components.reduce(into: [:]) { result, component in
            if component.registrySource != nil, let item = archiveItem(for: component, in: archive) { result[component.code] = item }
        }
    }

    /// How a component will be satisfied if the applicant submits now.
    public enum Way: String, Sendable, Hashable {
        /// The State fetches it from a national database (`Requirement.fallback` if the database does not hold it).
        case nationalDatabase = "national_database"
        /// A valid result of the applicant's archive satisfies it.
        case archive
        /// The application form, filled in on the portal.
        case form
        /// Required: the applicant must upload it.
        case upload
        /// Optional, and nothing the State holds covers it: the applicant may upload it.
        case optional
    }

    /// One component of a procedure and how it will be satisfied for one applicant.
    public struct Requirement: Sendable, Hashable {
        public let component: DocumentComponent
        public let way: Way
        /// For `archive`, the item reused; for `nationalDatabase`, the item reused if the database holds nothing.
        public let archiveItem: ArchivedResult?
    }

    /// What submitting the procedure would ask of the applicant whose valid archive is `archive`.
    public static func requirements(of procedure: Procedure, archive: [ArchivedResult]) -> [Requirement] {
        procedure.components.map { component in
            let item = archiveItem(for: component, in: archive)
            let way: Way =
                if component.registrySource != nil { .nationalDatabase }
                else if item != nil { .archive }
                else if applicationFormCodes.contains(component.code) { .form }
                else { component.required ? .upload : .optional }
            return Requirement(component: component, way: way, archiveItem: item)
        }
    }

    /// Whether the applicant has nothing to upload: every required component is fetched, reused or the form.
    public static func nothingToUpload(_ requirements: [Requirement]) -> Bool {
        !requirements.contains { $0.way == .upload }
    }
}
