/// Parsing of the single fields of chip-card QR text, each throwing with its own field named.
extension ChipCardQR {
    /// Labels a clerk or a scanner profile may put before the address. The address is the one field that
    /// may legitimately contain a colon, so only these known labels (folded) are removed from it.
    static let addressLabels: Set<String> = [
        "dia chi", "dia chi thuong tru", "noi thuong tru", "thuong tru", "noi cu tru", "cu tru", "noi o",
        "address", "permanent address", "residence",
    ]

    /// Whitespace, including CR/LF and no-break spaces, plus the byte-order mark some scanners emit.
    static func trimmed(_ text: String) -> String {
        let isJunk: (Character) -> Bool = { $0.isWhitespace || $0 == "\u{FEFF}" }
        guard let first = text.firstIndex(where: { !isJunk($0) }), let last = text.lastIndex(where: { !isJunk($0) })
        else { return "" }
        return String(text[first...last])
    }

    /// Trims and collapses inner runs of whitespace to one space.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{FEFF}" }).joined(separator: " ")
    }

    /// Removes a label such as "CCCD:", "Số CCCD:" or "Ngày sinh:" in front of a field value.
    ///
    /// A label ends with a colon; before the first field a line break also ends one ("CCCD⏎027…"). Values
    /// of the digit fields never contain letters before a colon, and names and sexes never contain a colon,
    /// so any digit-free prefix is a label there. The address is checked against ``addressLabels``.
    static func stripLabel(_ raw: String, field: ChipCardQRField) -> String {
        let value = trimmed(raw)
        let terminators: Set<Character> = field == .citizenID ? [":", "：", "\n", "\r", "\r\n"] : [":", "："]
        guard let end = value.lastIndex(where: { terminators.contains($0) }) else { return value }
        let label = value[..<end]
        let rest = trimmed(String(value[value.index(after: end)...]))
        switch field {
        case .address:
            return addressLabels.contains(VietnameseName(String(label)).matchingKey) ? rest : value
        default:
            return label.contains(where: { $0.isASCII && $0.isNumber }) ? value : rest
        }
    }

    static func parseCitizenID(_ raw: String) throws(ChipCardQRError) -> CitizenID {
        let value = stripLabel(raw, field: .citizenID)
        guard !value.isEmpty else { throw ChipCardQRError(.missingValue, field: .citizenID) }
        do {
            return try CitizenID(value)
        } catch {
            throw ChipCardQRError(.citizenID(error.reason), field: .citizenID)
        }
    }

    static func parseLegacyID(_ raw: String, citizenID: CitizenID) throws(ChipCardQRError) -> LegacyID? {
        let value = stripLabel(raw, field: .legacyID).filter { $0 != " " && $0 != "." }
        if value.isEmpty { return nil }
        guard value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ChipCardQRError(.legacyIDNonDigit, field: .legacyID)
        }
        // Holders of the earlier 12-digit card carry their personal ID there; it is not a second number.
        if value == citizenID.value { return nil }
        guard let legacy = LegacyID(value) else {
            throw ChipCardQRError(.legacyIDWrongLength(value.count), field: .legacyID)
        }
        return legacy
    }

    static func parseName(_ raw: String) throws(ChipCardQRError) -> String {
        let value = stripLabel(raw, field: .fullName)
        guard !value.isEmpty else { throw ChipCardQRError(.missingValue, field: .fullName) }
        guard value.contains(where: \.isLetter), !value.contains(where: \.isNumber) else {
            throw ChipCardQRError(.invalidName, field: .fullName)
        }
        // VietnameseName's display form is exactly the stored form: NFC, look-alikes mapped, single spaces.
        return VietnameseName(value).display
    }

    static func parseSex(_ raw: String) throws(ChipCardQRError) -> Sex {
        let value = stripLabel(raw, field: .sex)
        guard !value.isEmpty else { throw ChipCardQRError(.missingValue, field: .sex) }
        // Folding makes "Nữ", "NỮ", "nữ" in NFD and the diacritic-less "NU" one key.
        switch VietnameseName(value).matchingKey {
        case "nam", "male": return .male
        case "nu", "female": return .female
        default: throw ChipCardQRError(.unknownSex, field: .sex)
        }
    }

    static func parseAddress(_ raw: String) throws(ChipCardQRError) -> String {
        let value = collapsed(stripLabel(raw, field: .address))
        guard !value.isEmpty else { throw ChipCardQRError(.missingValue, field: .address) }
        return String(String.UnicodeScalarView(value.unicodeScalars.map(Self.replacingLookAlike)))
    }

    /// Ð (U+00D0) and ð (U+00F0) typed for Đ and đ (domain.md §4.3).
    static func replacingLookAlike(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00D0: "\u{0110}"
        case 0x00F0: "\u{0111}"
        default: scalar
        }
    }

    /// Parses `ddMMyyyy`, or day, month and year separated by `/`, `-`, `.` or spaces, or ISO `yyyy-MM-dd`.
    static func parseDate(_ raw: String, field: ChipCardQRField, today: LocalDate) throws(ChipCardQRError) -> LocalDate {
        let value = stripLabel(raw, field: field)
        guard !value.isEmpty else { throw ChipCardQRError(.missingValue, field: field) }
        let separators: Set<Character> = ["/", "-", ".", " "]
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        let day: Int
        let month: Int
        let year: Int
        if value.contains(where: { separators.contains($0) }) {
            let parts = value.split(whereSeparator: { separators.contains($0) })
            guard parts.count == 3, parts.allSatisfy({ $0.allSatisfy(isDigit) }) else {
                throw ChipCardQRError(.dateFormat, field: field)
            }
            let counts = parts.map(\.count)
            if counts[0] == 4, (1...2).contains(counts[1]), (1...2).contains(counts[2]) {
                (year, month, day) = (Int(parts[0])!, Int(parts[1])!, Int(parts[2])!)
            } else if (1...2).contains(counts[0]), (1...2).contains(counts[1]), counts[2] == 4 {
                (day, month, year) = (Int(parts[0])!, Int(parts[1])!, Int(parts[2])!)
            } else {
                throw ChipCardQRError(.dateFormat, field: field)
            }
        } else {
            guard value.allSatisfy(isDigit) else { throw ChipCardQRError(.dateFormat, field: field) }
            switch value.count {
            case 8:
                let digits = Array(value.utf8).map { Int($0 - UInt8(ascii: "0")) }
                day = digits[0] * 10 + digits[1]
                month = digits[2] * 10 + digits[3]
                year = digits[4] * 1000 + digits[5] * 100 + digits[6] * 10 + digits[7]
            case 4:
                throw ChipCardQRError(.yearOnlyDate(Int(value)!), field: field)
            default:
                throw ChipCardQRError(.dateFormat, field: field)
            }
        }
        guard let date = LocalDate(year: year, month: month, day: day) else {
            throw ChipCardQRError(.nonexistentDate(day: day, month: month, year: year), field: field)
        }
        guard date <= today else { throw ChipCardQRError(.dateInFuture(date: date, today: today), field: field) }
        return date
    }

    /// The 4th digit and digits 5–6 of the ID must agree with the sex and the year of birth (domain.md §1.4).
    static func checkConsistency(_ id: CitizenID, sex: Sex, dateOfBirth: LocalDate) throws(ChipCardQRError) {
        do {
            _ = try CitizenID(id.value, sex: sex, birthYear: dateOfBirth.year)
        } catch {
            let reason: ChipCardQRError.Reason =
                switch error.reason {
                case .sexMismatch: .idContradictsSex(idSays: id.sex, fieldSays: sex)
                case .centuryMismatch: .idContradictsBirthCentury(idCentury: id.birthCentury, birthYear: dateOfBirth.year)
                case .birthYearMismatch: .idContradictsBirthYear(idYearDigits: id.birthYearDigits, birthYear: dateOfBirth.year)
                default: .citizenID(error.reason)
                }
            throw ChipCardQRError(reason, field: .citizenID)
        }
    }
}
