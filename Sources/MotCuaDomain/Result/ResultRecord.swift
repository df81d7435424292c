import Foundation

/// An administrative result with legal weight: the record a leader signs and anyone can verify.
///
/// A correction never edits a signed record: it issues a new version that names the one it `supersedes`.
/// The signed bytes are ``canonicalPayload()``, documented in docs/signing.md.
public struct ResultRecord: Sendable, Codable, Hashable {
    /// Stable identifier of this version of the result, printed in its QR code and verification address.
    public let id: String
    public let type: ResultType
    /// The dossier the result closes.
    public let dossierCode: String
    /// The register book entry, for result types whose law keeps a register; `nil` otherwise.
    public let register: ResultRegisterEntry?
    public let issuingAgency: ResultIssuingAgency
    public let signatory: ResultSignatory
    /// Day of issue.
    public let issuedOn: LocalDate
    /// Last day the result is valid, or `nil` when it does not expire.
    public let validUntil: LocalDate?
    /// 1 for the first issue; each correction adds one.
    public let version: Int
    /// The identifier of the version this one replaces; present exactly when `version` > 1.
    public let supersedes: String?
    /// The legal fields of the result type (e.g. the child's name and date of birth on a birth extract).
    public let fields: [String: String]

    public init(
        id: String, type: ResultType, dossierCode: String, register: ResultRegisterEntry?,
        issuingAgency: ResultIssuingAgency, signatory: ResultSignatory, issuedOn: LocalDate, validUntil: LocalDate?,
        version: Int, supersedes: String?, fields: [String: String]
    ) throws(ResultRecordError) {
        self.id = id
        self.type = type
        self.dossierCode = dossierCode
        self.register = register
        self.issuingAgency = issuingAgency
        self.signatory = signatory
        self.issuedOn = issuedOn
        self.validUntil = validUntil
        self.version = version
        self.supersedes = supersedes
        self.fields = fields
        try validate()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decode(ResultType.self, forKey: .type)
        dossierCode = try container.decode(String.self, forKey: .dossierCode)
        register = try container.decodeIfPresent(ResultRegisterEntry.self, forKey: .register)
        issuingAgency = try container.decode(ResultIssuingAgency.self, forKey: .issuingAgency)
        signatory = try container.decode(ResultSignatory.self, forKey: .signatory)
        issuedOn = try container.decode(LocalDate.self, forKey: .issuedOn)
        validUntil = try container.decodeIfPresent(LocalDate.self, forKey: .validUntil)
        version = try container.decode(Int.self, forKey: .version)
        supersedes = try container.decodeIfPresent(String.self, forKey: .supersedes)
        fields = try container.decode([String: String].self, forKey: .fields)
        try validate()
    }

    /// Reads a signed payload back, refusing any bytes that are not exactly the canonical form of the record
    /// they describe (extra members, other key order, whitespace, non-NFC text).
    public init(canonicalPayload payload: Data) throws(ResultRecordError) {
        let record: ResultRecord
        do {
            record = try JSONDecoder().decode(ResultRecord.self, from: payload)
        } catch let error as ResultRecordError {
            throw error
        } catch {
            throw ResultRecordError(.unreadable(String(describing: error)))
        }
        guard try record.canonicalPayload() == payload else { throw ResultRecordError(.notCanonical) }
        self = record
    }

    private enum CodingKeys: String, CodingKey {
        case id, type, dossierCode, register, issuingAgency, signatory, issuedOn, validUntil, version, supersedes
        case fields
    }

    private func validate() throws(ResultRecordError) {
        for (field, value) in [("id", id), ("dossierCode", dossierCode), ("issuingAgency.id", issuingAgency.id),
            ("issuingAgency.name", issuingAgency.name), ("signatory.name", signatory.name),
            ("signatory.officialID", signatory.officialID), ("signatory.title", signatory.title)]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ResultRecordError(.emptyField(field))
        }
        if let register, register.book.isEmpty || register.number.isEmpty {
            throw ResultRecordError(.emptyField(register.book.isEmpty ? "register.book" : "register.number"))
        }
        if let validUntil, validUntil < issuedOn { throw ResultRecordError(.validityBeforeIssue) }
        guard version >= 1 else { throw ResultRecordError(.versionBelowOne(version)) }
        switch (version, supersedes) {
        case (1, nil): break
        case (1, .some): throw ResultRecordError(.firstVersionSupersedes)
        case (_, nil): throw ResultRecordError(.correctionWithoutSupersedes(version))
        case (_, .some(let previous)) where previous == id: throw ResultRecordError(.supersedesItself)
        default: break
        }
    }

    /// The record as a canonical JSON value; absent optional members are written as `null` so every record of
    /// a version has the same members.
    public var canonicalJSON: CanonicalJSON {
        .object([
            CodingKeys.id.rawValue: .string(id),
            CodingKeys.type.rawValue: .string(type.rawValue),
            CodingKeys.dossierCode.rawValue: .string(dossierCode),
            CodingKeys.register.rawValue: register.map { .object(["book": .string($0.book), "number": .string($0.number)]) }
                ?? .null,
            CodingKeys.issuingAgency.rawValue: .object(["id": .string(issuingAgency.id), "name": .string(issuingAgency.name)]),
            CodingKeys.signatory.rawValue: .object([
                "name": .string(signatory.name), "officialID": .string(signatory.officialID),
                "title": .string(signatory.title),
            ]),
            CodingKeys.issuedOn.rawValue: .string(issuedOn.description),
            CodingKeys.validUntil.rawValue: validUntil.map { .string($0.description) } ?? .null,
            CodingKeys.version.rawValue: .integer(Int64(version)),
            CodingKeys.supersedes.rawValue: supersedes.map { .string($0) } ?? .null,
            CodingKeys.fields.rawValue: .object(fields.mapValues { .string($0) }),
        ])
    }

    /// The exact bytes a signature covers.
    public func canonicalPayload() throws(ResultRecordError) -> Data {
        do {
            return try canonicalJSON.serialized()
        } catch {
            throw ResultRecordError(.notCanonical)
        }
    }
}
