import Foundation

/// Two-way sharing from the platform's own registrations: the change a signed result makes to the national
/// databases, so that a marriage, divorce or death registered at the commune reaches the population profiles, and
/// a land certificate the land database, at the source instead of being found missing by a later reconciliation.
extension RegistryUpdate {
    /// The update a signed result sends, or nil when its type changes no national database or the result lacks
    /// what the registry needs (a death extract without the deceased's ID number; a civil-status result from an
    /// issuing agency that is not a commune, so no commune code; a land certificate without a parcel ID).
    ///
    /// - Parameters:
    ///   - type: the result's type; marriage certificates, divorce extracts, death extracts and land-use
    ///     certificates send updates.
    ///   - fields: the signed legal fields (`husbandID`, `wifeID`; `divorceDate`, `decisionReference`;
    ///     `personalID`, `dateOfDeath`; `parcelID`, `holderID`, `areaSquareMetres`, `landUsePurpose`).
    ///   - issuedOn: the registration date of a marriage (the certificate is issued when it is registered).
    ///   - communeCode: the issuing commune's 5-digit code; a land certificate's parcel ID carries its own.
    public static func sharing(resultType type: ResultType, fields: [String: String], issuedOn: LocalDate, communeCode: String?) -> RegistryUpdate? {
        if type == .landUseCertificate { return landParcel(fields) }
        guard let communeCode else { return nil }
        switch type {
        case .divorceExtract:
            guard let husband = fields["husbandID"].flatMap({ try? CitizenID($0) }), let wife = fields["wifeID"].flatMap({ try? CitizenID($0) }),
                husband != wife, let date = fields["divorceDate"].flatMap(Self.date), let decision = fields["decisionReference"], !decision.isEmpty
            else { return nil }
            return .registerDivorce(husband: husband, wife: wife, date: date, decision: decision, communeCode: communeCode)
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

    /// A land-use certificate's update: the parcel and its holder are required; the area and the use are sent
    /// when they read as a number and as one of the land database's use codes (free text is left out, not guessed).
    private static func landParcel(_ fields: [String: String]) -> RegistryUpdate? {
        guard let parcelID = fields["parcelID"], LandParcel.idParts(parcelID) != nil,
            let holder = fields["holderID"].flatMap({ try? CitizenID($0) })
        else { return nil }
        return .updateLandParcel(
            parcelID: parcelID, holder: holder, areaSquareMetres: fields["areaSquareMetres"].flatMap(LandParcel.area),
            use: fields["landUsePurpose"].flatMap(LandParcel.Use.init(text:)))
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
