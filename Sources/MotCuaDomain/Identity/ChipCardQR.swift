import Foundation

/// The personal data in the QR code of a chip CCCD (domain.md §2), parsed and validated.
///
/// The QR text is `id|oldID|name|ddMMyyyy|Nam/Nữ|address|ddMMyyyy`. Most counters read it with a USB
/// "keyboard-wedge" scanner, which types the text into whatever field has focus, so ``parse(_:today:)``
/// tolerates what such scanners and clerks do to it: surrounding whitespace and CR/LF, labels such as
/// "CCCD: " before the text or a field, dates typed with separators, NFD text, capitals, lost diacritics in
/// the sex ("NU"), extra trailing fields from newer cards, and UTF-8 typed byte by byte as Windows-1252 characters
/// ("NGUYá»„N", ``Mojibake``). Everything that is still ambiguous after
/// that is rejected with the field and the rule, never guessed.
public struct ChipCardQR: Sendable, Hashable {
    public let citizenID: CitizenID
    /// The old 9-digit ID, `nil` when the card has none (`||`).
    public let legacyID: LegacyID?
    /// NFC, single spaces, look-alike Ð/ð replaced by Đ/đ; case as scanned (cards print capitals).
    public let fullName: String
    public let dateOfBirth: LocalDate
    public let sex: Sex
    /// NFC, single spaces, as printed (the pre-2025 three-level form on most cards).
    public let address: String
    /// `nil` when the text stops after the address or the field is empty.
    public let dateOfIssue: LocalDate?

    /// Builds a value from already-validated parts, e.g. to render QR text for test cards.
    public init(
        citizenID: CitizenID, legacyID: LegacyID?, fullName: String, dateOfBirth: LocalDate, sex: Sex, address: String,
        dateOfIssue: LocalDate?
    ) {
        self.citizenID = citizenID
        self.legacyID = legacyID
        self.fullName = fullName
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.address = address
        self.dateOfIssue = dateOfIssue
    }

    /// Parses scanned text, judging "the future" by today's date in Vietnam (UTC+7).
    public static func parse(_ text: String) throws(ChipCardQRError) -> ChipCardQR {
        try parse(text, today: todayInVietnam())
    }

    /// Parses scanned text. `today` is injected so that the future-date rules are testable.
    public static func parse(_ text: String, today: LocalDate) throws(ChipCardQRError) -> ChipCardQR {
        // NFC first: NFD input would otherwise keep combining marks apart from their letters in every later
        // comparison, and the scanner's own whitespace (BOM, CR/LF) goes before the field split.
        // A scanner that types each UTF-8 byte as a Windows-1252 character ("NGUYá»„N") is repaired first.
        let cleaned = trimmed(Mojibake.repairing(text).precomposedStringWithCanonicalMapping)
        guard !cleaned.isEmpty else { throw ChipCardQRError(.emptyText) }
        guard cleaned.contains("|") else { throw ChipCardQRError(.noSeparator) }
        let fields = cleaned.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        // Newer cards may append fields; only the first seven are defined (domain.md §2, [U]).
        guard fields.count >= 6 else { throw ChipCardQRError(.tooFewFields(found: fields.count)) }

        let citizenID = try parseCitizenID(fields[0])
        let legacyID = try parseLegacyID(fields[1], citizenID: citizenID)
        let fullName = try parseName(fields[2])
        let dateOfBirth = try parseDate(fields[3], field: .dateOfBirth, today: today)
        let sex = try parseSex(fields[4])
        let address = try parseAddress(fields[5])
        let dateOfIssue: LocalDate? =
            if fields.count >= 7, !stripLabel(fields[6], field: .dateOfIssue).isEmpty {
                try parseDate(fields[6], field: .dateOfIssue, today: today)
            } else {
                nil
            }

        try checkConsistency(citizenID, sex: sex, dateOfBirth: dateOfBirth)
        if let dateOfIssue, dateOfIssue < dateOfBirth {
            throw ChipCardQRError(.issuedBeforeBirth(issued: dateOfIssue, born: dateOfBirth), field: .dateOfIssue)
        }
        return ChipCardQR(
            citizenID: citizenID, legacyID: legacyID, fullName: fullName, dateOfBirth: dateOfBirth, sex: sex,
            address: address, dateOfIssue: dateOfIssue)
    }

    /// The canonical QR text: seven fields, `ddMMyyyy` dates, "Nam"/"Nữ", empty old ID as `||`.
    public var qrText: String {
        let fields = [
            citizenID.value, legacyID?.value ?? "", fullName, Self.compact(dateOfBirth), sex.labelVi, address,
            dateOfIssue.map(Self.compact) ?? "",
        ]
        return fields.joined(separator: "|")
    }

    /// `ddMMyyyy`, the date form of the QR text.
    static func compact(_ date: LocalDate) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(date.day, 2) + padded(date.month, 2) + padded(date.year, 4)
    }

    /// Today's date in Vietnam, which has been UTC+7 without daylight saving since 1975.
    static func todayInVietnam() -> LocalDate {
        let seconds = Date().timeIntervalSince1970 + 7 * 3600
        return LocalDate(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }
}
