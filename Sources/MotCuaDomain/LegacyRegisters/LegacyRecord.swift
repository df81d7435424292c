import Foundation

/// A date as a register gives it: a full calendar date, or the words written when the day is not known
/// ("tháng 3 năm 1962", "năm 1948"). Only a full date is compared with other dates.
public struct RecordedDate: Sendable, Hashable, Codable {
    public let date: LocalDate?
    /// The text as written in the register, when it is not a full date.
    public let asWritten: String?

    public init(date: LocalDate) {
        self.date = date
        self.asWritten = nil
    }

    public init(asWritten: String) {
        self.date = nil
        self.asWritten = asWritten
    }
}

/// One civil-status record typed from a legacy register entry. Which fields are required depends on the kind:
/// - birth: the child (`fullName`, `sex`, `dateOfBirth`, `place` of birth), `fatherName`, `motherName` (either may
///   be blank when the register has none), registration date and number;
/// - marriage: the husband (`fullName`, `dateOfBirth`), the wife (`spouseName`, `spouseDateOfBirth`), registration;
/// - death: the deceased (`fullName`, `sex`, `dateOfBirth`), `eventDate` (date of death), `place` of death, registration.
public struct LegacyRecord: Sendable, Hashable, Codable {
    public var fullName: String
    public var sex: Sex?
    public var dateOfBirth: RecordedDate?
    public var place: String
    public var fatherName: String
    public var motherName: String
    public var spouseName: String
    public var spouseDateOfBirth: RecordedDate?
    public var eventDate: LocalDate?
    public var registrationDate: LocalDate
    public var registrationNumber: String

    public init(
        fullName: String, sex: Sex? = nil, dateOfBirth: RecordedDate? = nil, place: String = "", fatherName: String = "",
        motherName: String = "", spouseName: String = "", spouseDateOfBirth: RecordedDate? = nil, eventDate: LocalDate? = nil,
        registrationDate: LocalDate, registrationNumber: String
    ) {
        self.fullName = fullName
        self.sex = sex
        self.dateOfBirth = dateOfBirth
        self.place = place
        self.fatherName = fatherName
        self.motherName = motherName
        self.spouseName = spouseName
        self.spouseDateOfBirth = spouseDateOfBirth
        self.eventDate = eventDate
        self.registrationDate = registrationDate
        self.registrationNumber = registrationNumber
    }
}

/// Checks a typed record for its register kind and normalises its text (NFC, trimmed). Refusals name the field.
public enum LegacyRecordValidator {
    static let nameLimit = 100
    static let placeLimit = 300

    /// The record as stored, or ``LegacyRegisterError/invalid(field:message:)``.
    /// - Parameter today: no date of a record may lie after it.
    public static func validated(_ record: LegacyRecord, kind: RegisterKind, bookYear: Int, today: LocalDate) throws(LegacyRegisterError) -> LegacyRecord {
        var result = record
        result.fullName = try name(record.fullName, field: "full_name", required: true)
        result.place = try LegacyText.line(record.place, field: "place", maximum: placeLimit, required: kind != .marriage)
        result.fatherName = try name(record.fatherName, field: "father_name", required: false)
        result.motherName = try name(record.motherName, field: "mother_name", required: false)
        result.spouseName = try name(record.spouseName, field: "spouse_name", required: kind == .marriage)
        result.registrationNumber = try LegacyText.line(record.registrationNumber, field: "registration_number", maximum: 20, required: true)
        result.dateOfBirth = try recorded(record.dateOfBirth, field: "date_of_birth", required: kind != .marriage)
        result.spouseDateOfBirth = try recorded(record.spouseDateOfBirth, field: "spouse_date_of_birth", required: false)
        if kind != .marriage, record.sex == nil { throw .invalid(field: "sex", message: "is required") }
        if kind == .death, record.eventDate == nil { throw .invalid(field: "event_date", message: "the date of death is required") }

        let registered = record.registrationDate
        guard registered <= today else { throw .invalid(field: "registration_date", message: "lies in the future") }
        // A book is the register of one year; an entry may be registered late but never before the book's year.
        guard registered.year >= bookYear else { throw .invalid(field: "registration_date", message: "lies before the book's year \(bookYear)") }
        if let born = result.dateOfBirth?.date {
            guard born <= registered else { throw .invalid(field: "date_of_birth", message: "lies after the registration date") }
        }
        if let born = result.spouseDateOfBirth?.date {
            guard born <= registered else { throw .invalid(field: "spouse_date_of_birth", message: "lies after the registration date") }
        }
        if let event = record.eventDate {
            guard event <= registered else { throw .invalid(field: "event_date", message: "lies after the registration date") }
            if let born = result.dateOfBirth?.date, event < born {
                throw .invalid(field: "event_date", message: "lies before the date of birth")
            }
        }
        return result
    }

    /// Parses a date typed as `yyyy-MM-dd` or `dd/MM/yyyy`; a day that does not exist (31/02) is refused naming the field.
    public static func date(_ text: String, field: String) throws(LegacyRegisterError) -> LocalDate {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let date = LocalDate(iso: trimmed) { return date }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]), parts[2].count == 4 {
            if let date = LocalDate(year: year, month: month, day: day) { return date }
            throw .invalid(field: field, message: "\(trimmed) is not a date that exists")
        }
        if trimmed.count == 10, trimmed.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (48...57).contains($0) }) {
            throw .invalid(field: field, message: "\(trimmed) is not a date that exists")
        }
        throw .invalid(field: field, message: "must be a date, yyyy-MM-dd or dd/MM/yyyy")
    }

    private static func name(_ text: String, field: String, required: Bool) throws(LegacyRegisterError) -> String {
        let value = try LegacyText.line(text, field: field, maximum: nameLimit, required: required)
        // Names hold letters, spaces and the few marks registers use; a digit is a typing slip.
        if value.unicodeScalars.contains(where: { CharacterSet.decimalDigits.contains($0) }) {
            throw .invalid(field: field, message: "must not contain digits")
        }
        return value
    }

    private static func recorded(_ value: RecordedDate?, field: String, required: Bool) throws(LegacyRegisterError) -> RecordedDate? {
        guard let value else {
            if required { throw .invalid(field: field, message: "is required (a full date, or the text as written)") }
            return nil
        }
        if value.date != nil { return value }
        let text = try LegacyText.line(value.asWritten ?? "", field: field, maximum: 60, required: required)
        return text.isEmpty ? nil : RecordedDate(asWritten: text)
    }
}
