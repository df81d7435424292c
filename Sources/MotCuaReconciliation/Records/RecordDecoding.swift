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
                try value.withUnsafeBufferPointer { value throws(NameFoldingError) in try folder.fold(value) }
            } else {
                try folder.fold(UnsafeBufferPointer(rebasing: buffer[slice.start..<slice.end]))
            }
        } catch {
            throw FieldError(field: field, message: "the name is not valid UTF-8")
        }
        return NameKeys(folder)
    }

    static func register(_ columns: RegisterColumns) -> @Sendable (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> RegisterPerson {
        { buffer, fields, rowStart, folder throws(FieldError) in
            let (id, count) = try FieldParsing.digits(buffer, fields[columns.citizenID], field: columns.citizenID)
            guard count == 12 else { throw FieldError(field: columns.citizenID, message: "a citizen ID has 12 digits (found \(count))") }
            guard FieldParsing.isStructurallyValid(id) else {
                throw FieldError(field: columns.citizenID, message: "the first three digits are not a birth-registration place code")
            }
            var legacy: UInt64 = 0
            if let column = columns.legacyID, !fields[column].isEmpty {
                let (value, digits) = try FieldParsing.digits(buffer, fields[column], field: column)
                guard digits == 9 else { throw FieldError(field: column, message: "an old ID has 9 digits (found \(digits))") }
                legacy = value
            }
            var spouse: UInt64 = 0
            if let column = columns.spouseID, !fields[column].isEmpty {
                let (value, digits) = try FieldParsing.digits(buffer, fields[column], field: column)
                guard digits == 12 else { throw FieldError(field: column, message: "a spouse ID has 12 digits (found \(digits))") }
                spouse = value
            }
            let name = try name(buffer, fields[columns.fullName], field: columns.fullName, folder: &folder)
            guard !name.isEmpty else { throw FieldError(field: columns.fullName, message: "the name is empty") }
            return RegisterPerson(
                citizenID: id, legacyID: legacy, spouseID: spouse, name: name,
                dateOfBirth: try FieldParsing.date(buffer, fields[columns.dateOfBirth], field: columns.dateOfBirth),
                commune: try columns.commune.map { column throws(FieldError) in try FieldParsing.commune(buffer, fields[column], field: column) } ?? 0,
                offset: rowStart,
                sex: try columns.sex.map { column throws(FieldError) in try FieldParsing.sex(buffer, fields[column], field: column) } ?? 0,
                maritalStatus: try columns.maritalStatus.map { column throws(FieldError) in
                    try FieldParsing.maritalStatus(buffer, fields[column], field: column)
                } ?? 0,
                vitalStatus: try columns.vitalStatus.map { column throws(FieldError) in
                    try FieldParsing.vitalStatus(buffer, fields[column], field: column)
                } ?? 0)
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
                case 0: break
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
                default:
                    throw FieldError(field: column, message: "an ID has 12 digits, or 9 for an old ID (found \(count))")
                }
            }
            if let column = columns.legacyID, !fields[column].isEmpty {
                let (value, count) = try FieldParsing.digits(buffer, fields[column], field: column)
                guard count == 9 else { throw FieldError(field: column, message: "an old ID has 9 digits (found \(count))") }
                legacyID = value
                if kind == .none { kind = .legacy }
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
                sex: try columns.sex.map { column throws(FieldError) in try FieldParsing.sex(buffer, fields[column], field: column) } ?? 0,
                event: try columns.eventType.map { column throws(FieldError) in try FieldParsing.eventType(buffer, fields[column], field: column) } ?? 0)
        }
    }
}
