import Foundation

/// Two-way sharing from the platform's own registrations: the change a signed civil-status result makes to the
/// national databases, so that a marriage or a death registered at the commune reaches the population profiles
/// at the source instead of being found missing by a later reconciliation.
extension RegistryUpdate {
    /// The update a signed result sends, or nil when its type changes no national database or the result lacks
    /// what the registry needs (a death extract without the deceased's ID number; an issuing agency that is not a
    /// commune, so no commune code).
    ///
    /// - Parameters:
    ///   - type: the result's type; marriage certificates and death extracts send updates.
    ///   - fields: the signed legal fields (`husbandID`, `wifeID`; `personalID`, `dateOfDeath`).
    ///   - issuedOn: the registration date of a marriage (the certificate is issued when it is registered).
    ///   - communeCode: the issuing commune's 5-digit code.
    public static func sharing(resultType type: ResultType, fields: [String: String], issuedOn: LocalDate, communeCode: String?) -> RegistryUpdate? {
        guard let communeCode else { return nil }
        switch type {
        case .marriageCertificate:
            guard let husband = fields["husbandID"].flatMap({ try? CitizenID($0) }), let wife = fields["wifeID"].flatMap({ try? CitizenID($0) }) else {
                return nil
            }
            return .registerMarriage(husband: husband, wife: wife, date: issuedOn, communeCode: communeCode)
        case .deathExtract:
            guard let deceased = fields["personalID"].flatMap({ try? CitizenID($0) }), let date = fields["dateOfDeath"].flatMap(Self.date) else {
                return nil
            }
            return .registerDeath(deceased, date: date, communeCode: communeCode)
        case .birthCertificateExtract, .maritalStatusCertificate, .healthInsuranceCard, .residenceConfirmation, .landUseCertificate,
            .householdBusinessRegistration:
            return nil
        }
    }

    /// The date in a result's date field: `YYYY-MM-DD` or `DD/MM/YYYY`, possibly after a time ("14:30, 01/10/2026").
    static func date(_ text: String) -> LocalDate? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let iso = LocalDate(iso: String(trimmed.prefix(10))) { return iso }
        let last = trimmed.split(whereSeparator: { $0 == " " || $0 == "," }).last.map(String.init) ?? trimmed
        let parts = last.split(separator: "/")
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), parts[2].count == 4, let year = Int(parts[2]) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }
}
