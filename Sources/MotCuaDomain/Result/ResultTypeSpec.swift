import Foundation

/// What the law says a result type carries: its name, register book, validity and legal fields.
public struct ResultTypeSpec: Sendable, Codable, Hashable {
    public let type: ResultType
    public let nameVi: String
    public let nameEn: String
    /// The legal source of the form and its fields, cited in the data file.
    public let legalBasis: String
    /// Prefix of the register book kept for this type (e.g. `KS` for births); the book of a year is
    /// `<prefix>/<year>`. Nil when the law keeps no register for the type.
    public let registerBook: String?
    /// Months the result stays valid after the day of issue; nil when it does not expire.
    public let validityMonths: Int?
    /// The key of the field naming the person the result is about, shown masked on the verification page.
    public let holderField: String
    public let fields: [ResultFieldSpec]

    public init(
        type: ResultType, nameVi: String, nameEn: String, legalBasis: String, registerBook: String?, validityMonths: Int?,
        holderField: String, fields: [ResultFieldSpec]
    ) {
        self.type = type
        self.nameVi = nameVi
        self.nameEn = nameEn
        self.legalBasis = legalBasis
        self.registerBook = registerBook
        self.validityMonths = validityMonths
        self.holderField = holderField
        self.fields = fields
    }

    /// The register book of the year of `issuedOn`, if the type keeps one.
    public func registerBook(for issuedOn: LocalDate) -> String? {
        registerBook.map { "\($0)/\(issuedOn.year)" }
    }

    /// The last day of validity for a result issued on `issuedOn`: the same day `validityMonths` later, or
    /// the last day of that month when it is shorter; the day before that day, so "6 months from 3 Feb" ends
    /// on 2 Aug.
    public func validUntil(issuedOn: LocalDate) -> LocalDate? {
        guard let months = validityMonths else { return nil }
        let total = issuedOn.year * 12 + (issuedOn.month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        let day = min(issuedOn.day, LocalDate.numberOfDays(inMonth: month, year: year))
        guard let end = LocalDate(year: year, month: month, day: day) else { return nil }
        return end.adding(days: -1)
    }

    /// Checks the values a specialist submits: only declared keys, every required one present and not blank,
    /// at most 500 characters each, no control characters or bidirectional overrides, each of its declared format and different from the
    /// field it must differ from; returns them in NFC.
    public func validated(_ values: [String: String]) throws(ResultRecordError) -> [String: String] {
        let declared = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0) })
        var checked: [String: String] = [:]
        for (key, raw) in values {
            guard declared[key] != nil else { throw ResultRecordError(.unknownField(key)) }
            let value = raw.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
            // The platform's one text rule: bidirectional overrides would let a signed result read differently on screen.
            if TextInput.forbiddenScalar(in: value) != nil {
                throw ResultRecordError(.controlCharacters(key))
            }
            guard value.count <= 500 else { throw ResultRecordError(.fieldTooLong(key, 500)) }
            if !value.isEmpty { checked[key] = value }
        }
        for field in fields where field.required && checked[field.key] == nil {
            throw ResultRecordError(.emptyField("fields.\(field.key)"))
        }
        // Fields that feed a registry update are checked here, at the edge, not found wrong after signing.
        for field in fields {
            guard let value = checked[field.key] else { continue }
            if let format = field.format, !format.accepts(value) { throw ResultRecordError(.invalidFormat(field.key, format)) }
            if let other = field.differentFrom, checked[other] == value { throw ResultRecordError(.sameValue(field.key, other)) }
        }
        return checked
    }
}
