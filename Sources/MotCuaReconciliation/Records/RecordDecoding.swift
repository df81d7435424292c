import MotCuaDomain

/// Where a file keeps the person's name: one column, or the family name (with any middle name) and the given name
/// in two, as personnel and insurance lists do ("Họ và tên đệm" | "Tên"), or in three ("Họ" | "Tên đệm" | "Tên").
enum NameColumns: Sendable {
    case whole(Int)
    case split(family: Int, middle: Int?, given: Int)

    init<Field: LogicalField>(_ positions: [Field: Int], whole: Field, family: Field, middle: Field, given: Field) {
        if let column = positions[whole] {
            self = .whole(column)
        } else {
            self = .split(family: positions[family]!, middle: positions[middle], given: positions[given]!)
        }
    }

    /// The column a problem with the name is reported against.
    var reported: Int {
        switch self {
        case .whole(let column): column
        case .split(let family, _, _): family
        }
    }

    var columns: [Int] {
        switch self {
        case .whole(let column): [column]
        case .split(let family, let middle, let given): [family] + (middle.map { [$0] } ?? []) + [given]
        }
    }

    /// The name as written, the parts joined by spaces.
    func text(in buffer: UnsafeBufferPointer<UInt8>, _ fields: [FieldSlice]) -> [UInt8] {
        switch self {
        case .whole(let column): fields[column].value(in: buffer)
        case .split(let family, let middle, let given):
            fields[family].value(in: buffer) + [0x20] + (middle.map { fields[$0].value(in: buffer) + [0x20] } ?? []) + fields[given].value(in: buffer)
        }
    }
}

/// Column positions of the register, resolved from the header and the mapping.
struct RegisterColumns: Sendable {
    let citizenID: Int
    let legacyID: Int?
    let fullName: NameColumns
    let sex: Int?
    let dateOfBirth: Int
    let commune: Int?
    let maritalStatus: Int?
    let spouseID: Int?
    let vitalStatus: Int?

    init(_ positions: [RegisterField: Int]) {
        citizenID = positions[.citizenID]!
        legacyID = positions[.legacyID]
        fullName = NameColumns(positions, whole: .fullName, family: .familyName, middle: .middleName, given: .givenName)
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
    let fullName: NameColumns
    let sex: Int?
    /// Absent from land-holder books and other files that never recorded it: every record is then "no date".
    let dateOfBirth: Int?
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
        fullName = NameColumns(positions, whole: .fullName, family: .familyName, middle: .middleName, given: .givenName)
        sex = positions[.sex]
        dateOfBirth = positions[.dateOfBirth]
        commune = positions[.communeCode]
        place = positions[.place]
        let personal: Set<Int> = Set([positions[.recordID], positions[.citizenID], positions[.legacyID], positions[.fullName], positions[.familyName], positions[.middleName], positions[.givenName], positions[.sex],
            positions[.dateOfBirth], positions[.communeCode], positions[.place]].compactMap { $0 })
        content = (0..<columnCount).filter { !personal.contains($0) }
    }
}

/// Row decoders: one typed record per CSV row, or a ``FieldError`` naming the column at fault.
enum RecordDecoding {
    static func name(
        _ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int, folder: inout NameFolder, vocabulary: NameVocabulary? = nil
    ) throws(FieldError) -> NameKeys {
        // Digits in a name are a scanner's reading of letters (``NameField/undoingDigitConfusions(_:)``).
        func fold(_ name: UnsafeBufferPointer<UInt8>) throws(NameFoldingError) {
            if let letters = NameField.undoingDigitConfusions(name) {
                try letters.withUnsafeBufferPointer { letters throws(NameFoldingError) in try foldRespacing(letters) }
            } else {
                try foldRespacing(name)
            }
        }
        // Spaces a scanner lost or added, judged against the register's words: the text is folded again with the
        // space moved, up to twice; then a name written given name first is put back in order.
        func foldRespacing(_ name: UnsafeBufferPointer<UInt8>) throws(NameFoldingError) {
            try folder.fold(name)
            guard let vocabulary else { return }
            var text: [UInt8]?
            for _ in 0..<2 {
                let next = text.map { text in text.withUnsafeBufferPointer { vocabulary.respaced(folder, raw: $0) } } ?? vocabulary.respaced(folder, raw: name)
                guard let next else { break }
                try next.withUnsafeBufferPointer { next throws(NameFoldingError) in try folder.fold(next) }
                text = next
            }
            let reordered = text.map { text in text.withUnsafeBufferPointer { vocabulary.reordered(folder, raw: $0) } } ?? vocabulary.reordered(folder, raw: name)
            if let reordered { try reordered.withUnsafeBufferPointer { reordered throws(NameFoldingError) in try folder.fold(reordered) } }
        }
        do {
            if slice.escaped {
                let value = slice.value(in: buffer)
                try value.withUnsafeBufferPointer { value throws(NameFoldingError) in
                    try fold(UnsafeBufferPointer(rebasing: value[NameField.nameRange(value, 0..<value.count)]))
                }
            } else {
                try fold(UnsafeBufferPointer(rebasing: buffer[NameField.nameRange(buffer, slice.start..<slice.end)]))
            }
        } catch {
            throw FieldError(field: field, message: "the name is not valid UTF-8")
        }
        return NameKeys(folder)
    }

    /// The name from one column, or from the family and given names joined (only such files pay for the copy).
    static func name(
        _ buffer: UnsafeBufferPointer<UInt8>, _ fields: [FieldSlice], _ columns: NameColumns, folder: inout NameFolder,
        vocabulary: NameVocabulary? = nil
    ) throws(FieldError) -> NameKeys {
        if case .whole(let column) = columns {
            return try name(buffer, fields[column], field: column, folder: &folder, vocabulary: vocabulary)
        }
        let joined = columns.text(in: buffer, fields)
        let keys = joined.withUnsafeBufferPointer { joined in
            Result { () throws(FieldError) in
                try name(
                    joined, FieldSlice(start: 0, end: joined.count, escaped: false), field: columns.reported, folder: &folder,
                    vocabulary: vocabulary)
            }
        }
        return try keys.get()
    }

    static func register(_ columns: RegisterColumns) -> @Sendable (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> RegisterPerson {
        { buffer, fields, rowStart, folder throws(FieldError) in
            // A spreadsheet that took the IDs for numbers dropped their leading zeros (place codes 001–096, and old
            // IDs of provinces whose code starts with 0): the value is the same, the digit count shorter.
            let id = try registerID(buffer, fields[columns.citizenID], field: columns.citizenID)
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
            let name = try name(buffer, fields, columns.fullName, folder: &folder)
            guard !name.isEmpty else { throw FieldError(field: columns.fullName.reported, message: "the name is empty") }
            let dateOfBirth = FieldParsing.salvagedDate(buffer, fields[columns.dateOfBirth])
            return RegisterPerson(
                citizenID: id, legacyID: legacy, spouseID: spouse, name: name,
                dateOfBirth: dateOfBirth.date,
                // A code, or a place name resolved like the source's (unknown when it cannot be, never guessed).
                commune: columns.commune.map { PlaceResolver.shared.resolve(buffer, fields[$0].start..<fields[$0].end, folder: &folder).code } ?? 0,
                offset: rowStart,
                sex: columns.sex.map { FieldParsing.sex(buffer, fields[$0], folder: &folder) } ?? 0,
                maritalStatus: columns.maritalStatus.map { FieldParsing.maritalStatus(buffer, fields[$0], folder: &folder) } ?? 0,
                vitalStatus: columns.vitalStatus.map { FieldParsing.vitalStatus(buffer, fields[$0], folder: &folder) } ?? 0,
                damaged: dateOfBirth.damaged ? DamagedField.dateOfBirth : 0)
        }
    }

    /// The register's key: a citizen ID as written, or with scanner confusions undone; a row without one is bad,
    /// since nothing could link to it.
    private static func registerID(_ buffer: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice, field: Int) throws(FieldError) -> UInt64 {
        func valid(_ reading: (UInt64, Int)) throws(FieldError) -> UInt64 {
            guard (10...12).contains(reading.1) else {
                throw FieldError(field: field, message: "a citizen ID has 12 digits (found \(reading.1))")
            }
            guard FieldParsing.isStructurallyValid(reading.0) else {
                throw FieldError(field: field, message: "the first three digits are not a birth-registration place code")
            }
            return reading.0
        }
        do {
            return try valid(try FieldParsing.digits(buffer, slice, field: field))
        } catch {
            guard let bytes = FieldParsing.undoingConfusions(buffer, slice, throughout: true),
                let reading = bytes.withUnsafeBufferPointer({ try? FieldParsing.digits($0, FieldSlice(start: 0, end: $0.count, escaped: false), field: field) }),
                let id = try? valid(reading)
            else { throw error }
            return id
        }
    }

    /// `vocabulary`: the register's words, against which lost and added spaces in names are repaired.
    static func source(_ columns: SourceColumns, vocabulary: NameVocabulary? = nil) -> @Sendable (UnsafeBufferPointer<UInt8>, [FieldSlice], Int, inout NameFolder) throws(FieldError) -> SourceRecord {
        { buffer, fields, rowStart, folder throws(FieldError) in
            guard !fields[columns.recordID].isEmpty else { throw FieldError(field: columns.recordID, message: "the record ID is empty") }
            var kind = SourceRecord.IDKind.none
            var citizenID: UInt64 = 0
            var legacyID: UInt64 = 0
            var damaged: UInt8 = 0
            var rawID: UInt64 = 0
            var idDigitCount = 0
            if let column = columns.citizenID, !fields[column].isEmpty {
                let (reading, value, raw, digits) = FieldParsing.sourceID(buffer, fields[column], field: column)
                kind = reading
                rawID = raw
                idDigitCount = digits
                switch reading {
                case .citizen, .invalid: citizenID = value
                case .legacy: legacyID = value
                case .unreadable: damaged |= DamagedField.id
                case .none: break
                }
            }
            if let column = columns.legacyID, !fields[column].isEmpty {
                // A separate old-ID column: only an old ID counts; anything else there is damage, and the row keeps
                // whatever the citizen ID column gave.
                let (reading, value, raw, digits) = FieldParsing.sourceID(buffer, fields[column], field: column)
                if reading == .legacy {
                    legacyID = value
                    if kind == .none || kind == .unreadable {
                        kind = .legacy
                        rawID = raw
                        idDigitCount = digits
                    }
                } else if reading != .none {
                    damaged |= DamagedField.id
                }
            }
            let name = try name(buffer, fields, columns.fullName, folder: &folder, vocabulary: vocabulary)
            var place = PlaceGazetteer.Resolution.unknown
            for column in [columns.commune, columns.place] where place.code == 0 {
                guard let column else { continue }
                place = PlaceResolver.shared.resolve(buffer, fields[column].start..<fields[column].end, folder: &folder)
            }
            var content: UInt64 = 0x9E37_79B9
            for column in columns.content {
                content = BlockingIndex.mix(content ^ NameKeys.hash(buffer, fields[column].start..<fields[column].end))
            }
            let dateOfBirth = columns.dateOfBirth.map { FieldParsing.salvagedDate(buffer, fields[$0]) } ?? (date: 0, damaged: false)
            let eventDate = columns.eventDate.map { FieldParsing.salvagedDate(buffer, fields[$0]) } ?? (date: 0, damaged: false)
            return SourceRecord(
                idKind: kind, citizenID: citizenID, legacyID: legacyID, name: name,
                dateOfBirth: dateOfBirth.date, eventDate: eventDate.date,
                commune: place.code, communeAlternative: place.alternative, contentHash: content,
                offset: rowStart,
                sex: columns.sex.map { FieldParsing.sex(buffer, fields[$0], folder: &folder) } ?? 0,
                event: columns.eventType.map { FieldParsing.eventType(buffer, fields[$0], folder: &folder) } ?? 0,
                damaged: damaged | (dateOfBirth.damaged ? DamagedField.dateOfBirth : 0) | (eventDate.damaged ? DamagedField.eventDate : 0),
                rawID: rawID, idDigitCount: UInt8(min(idDigitCount, 255)))
        }
    }
}
