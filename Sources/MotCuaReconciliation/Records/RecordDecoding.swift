import MotCuaDomain

/// Column positions of the register, resolved from the header and the mapping.
struct RegisterColumns: Sendable {
    let citizenID: Int
    let legacyID: Int?
    let fullName: Int
    let sex: Int?
    let dateOfBirth: Int
    let commune: Int?
    let maritalStatus: Int?
    let spouseID: Int?
    let vitalStatus: Int?

    init(_ positions: [RegisterField: Int]) {
        citizenID = positions[.citizenID]!
        legacyID = positions[.legacyID]
        fullName = positions[.fullName]!
        sex = positions[.sex]
        dateOfBirth = positions[.dateOfBirth]!
        commune = positions[.communeCode]
        maritalStatus = positions[.maritalStatus]
        spouseID = positions[.spouseID]
        vitalStatus = positions[.vitalStatus]
    }
}

/// Column positions of a source dataset.
struct SourceColumns: Sendable {
    let recordID: Int
    let eventType: Int?
    let eventDate: Int?
    let citizenID: Int?
    let legacyID: Int?
    let fullName: Int
    let sex: Int?
    let dateOfBirth: Int
    let commune: Int?
    let place: Int?
    /// Columns that do not describe the person, hashed into ``SourceRecord/contentHash``.
    let content: [Int]

    init(_ positions: [SourceField: Int], columnCount: Int) {
        recordID = positions[.recordID]!
        eventType = positions[.eventType]
        eventDate = positions[.eventDate]
        citizenID = positions[.citizenID]
        legacyID = positions[.legacyID]
        fullName = positions[.fullName]!
        sex = positions[.sex]
        dateOfBirth = positions[.dateOfBirth]!
        commune = positions[.communeCode]
        place = positions[.place]
        let personal: Set<Int> = Set([positions[.recordID], positions[.citizenID], positions[.legacyID], positions[.fullName], positions[.sex],
            positions[.dateOfBirth], positions[.communeCode], positions[.place]].compactMap { $0 })
        content = (0..<columnCount).filter { !personal.contains($0) }
    }
}

/// Row decoders: one typed record per CSV row, or a ``FieldError`` naming the column at fault.
enum RecordDecoding {
    static func name(
        _ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int, folder: inout NameFolder
    ) throws(FieldError) -> NameKeys {
        do {
            if slice.escaped {
                let value = slice.value(in: buffer)
                try value.withUnsafeBufferPointer { value throws(NameFoldingError) in
                    try folder.fold(UnsafeBufferPointer(rebasing: value[NameField.nameRange(value, 0..<value.count)]))
                }
            } else {
                try folder.fold(UnsafeBufferPointer(rebasing: buffer[NameField.nameRange(buffer, slice.start..<slice.end)]))
            }
        } catch {
            throw FieldError(field: field, message: "the name is not valid UTF-8")
        }
        return NameKeys(folder)
    }

    static func register(_ columns: RegisterColumns) -> @Sendable (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> RegisterPerson {
        { buffer, fields, rowStart, folder throws(FieldError) in
            // A spreadsheet that took the IDs for numbers dropped their leading zeros (place codes 001–096, and old
            // IDs of provinces whose code starts with 0): the value is the same, the digit count shorter.
            let (id, count) = try FieldParsing.digits(buffer, fields[columns.citizenID], field: columns.citizenID)
            guard (10...12).contains(count) else {
                throw FieldError(field: columns.citizenID, message: "a citizen ID has 12 digits (found \(count))")
            }
            guard FieldParsing.isStructurallyValid(id) else {
                throw FieldError(field: columns.citizenID, message: "the first three digits are not a birth-registration place code")
            }
            var legacy: UInt64 = 0
            if let column = columns.legacyID, !fields[column].isEmpty {
                let (value, digits) = try FieldParsing.digits(buffer, fields[column], field: column)
                guard digits == 0 || digits == 9 || digits == 8 else {
                    throw FieldError(field: column, message: "an old ID has 9 digits (found \(digits))")
                }
                legacy = value
            }
            var spouse: UInt64 = 0
            if let column = columns.spouseID, !fields[column].isEmpty {
                let (value, digits) = try FieldParsing.digits(buffer, fields[column], field: column)
                guard digits == 0 || digits == 12 || (10...11).contains(digits) && FieldParsing.isStructurallyValid(value) else {
                    throw FieldError(field: column, message: "a spouse ID has 12 digits (found \(digits))")
                }
                spouse = value
            }
            let name = try name(buffer, fields[columns.fullName], field: columns.fullName, folder: &folder)
            guard !name.isEmpty else { throw FieldError(field: columns.fullName, message: "the name is empty") }
            return RegisterPerson(
                citizenID: id, legacyID: legacy, spouseID: spouse, name: name,
                dateOfBirth: try FieldParsing.date(buffer, fields[columns.dateOfBirth], field: columns.dateOfBirth),
                // A code, or a place name resolved like the source's (unknown when it cannot be, never guessed).
                commune: columns.commune.map { PlaceResolver.shared.resolve(buffer, fields[$0].start..<fields[$0].end, folder: &folder).code } ?? 0,
                offset: rowStart,
                sex: columns.sex.map { FieldParsing.sex(buffer, fields[$0], folder: &folder) } ?? 0,
                maritalStatus: columns.maritalStatus.map { FieldParsing.maritalStatus(buffer, fields[$0], folder: &folder) } ?? 0,
                vitalStatus: columns.vitalStatus.map { FieldParsing.vitalStatus(buffer, fields[$0], folder: &folder) } ?? 0)
        }
    }

    static func source(_ columns: SourceColumns) -> @Sendable (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> SourceRecord {
        { buffer, fields, rowStart, folder throws(FieldError) in
            guard !fields[columns.recordID].isEmpty else { throw FieldError(field: columns.recordID, message: "the record ID is empty") }
            var kind = SourceRecord.IDKind.none
            var citizenID: UInt64 = 0
            var legacyID: UInt64 = 0
            if let column = columns.citizenID, !fields[column].isEmpty {
                let (value, count) = try FieldParsing.digits(buffer, fields[column], field: column)
                switch count {
                case _ where value == 0:
                    // No digit, or only zeros ("0", "000000000000"): how some systems write "no ID". Never an ID.
                    break
                case 12:
                    citizenID = value
                    kind = FieldParsing.isStructurallyValid(value) ? .citizen : .invalid
                case 9:
                    legacyID = value
                    kind = .legacy
                case 10, 11 where FieldParsing.isStructurallyValid(value):
                    // A spreadsheet that took the ID for a number dropped its leading zeros (province codes are 001–096).
                    citizenID = value
                    kind = .citizen
                case 8:
                    // An old ID of a province whose code starts with 0, its leading zero dropped the same way.
                    legacyID = value
                    kind = .legacy
                default:
                    throw FieldError(field: column, message: "an ID has 12 digits, or 9 for an old ID (found \(count))")
                }
            }
            if let column = columns.legacyID, !fields[column].isEmpty {
                let (value, count) = try FieldParsing.digits(buffer, fields[column], field: column)
                guard count == 0 || count == 9 || count == 8 || value == 0 else {
                    throw FieldError(field: column, message: "an old ID has 9 digits (found \(count))")
                }
                if value > 0 {
                    legacyID = value
                    if kind == .none { kind = .legacy }
                }
            }
            let name = try name(buffer, fields[columns.fullName], field: columns.fullName, folder: &folder)
            var place = PlaceGazetteer.Resolution.unknown
            for column in [columns.commune, columns.place] where place.code == 0 {
                guard let column else { continue }
                place = PlaceResolver.shared.resolve(buffer, fields[column].start..<fields[column].end, folder: &folder)
            }
            var content: UInt64 = 0x9E37_79B9
            for column in columns.content {
                content = BlockingIndex.mix(content ^ NameKeys.hash(buffer, fields[column].start..<fields[column].end))
            }
            return SourceRecord(
                idKind: kind, citizenID: citizenID, legacyID: legacyID, name: name,
                dateOfBirth: try FieldParsing.date(buffer, fields[columns.dateOfBirth], field: columns.dateOfBirth),
                eventDate: try columns.eventDate.map { column throws(FieldError) in try FieldParsing.date(buffer, fields[column], field: column) } ?? 0,
                commune: place.code, communeAlternative: place.alternative, contentHash: content,
                offset: rowStart,
                sex: columns.sex.map { FieldParsing.sex(buffer, fields[$0], folder: &folder) } ?? 0,
                event: columns.eventType.map { FieldParsing.eventType(buffer, fields[$0], folder: &folder) } ?? 0)
        }
    }
}
