import Foundation
import MotCuaDomain

/// Turns the matcher's compact outcomes into ``ReconciliationFinding`` values, quoting both files.
struct FindingBuilder: Sendable {
    let source: DelimitedFile
    let register: DelimitedFile
    let sourceColumns: SourceColumns
    let registerColumns: RegisterColumns
    let records: [SourceRecord]
    let people: [RegisterPerson]
    let outcomes: [MatchOutcome]
    /// Index of the earlier record of the same event, or -1.
    let duplicateOf: [Int32]
    let model: MatchModel
    let frequencies: TermFrequencies
    let thresholds: MatchThresholds
    /// Per field-presence pattern, the fixed parts of the decision rule (``decisionRuleParts(_:pattern:)``): a million probabilistic
    /// findings at provincial scale would otherwise format the same thresholds a million times.
    private let decisionRules: [(prefix: [UInt8], suffix: [UInt8])]

    init(
        source: DelimitedFile, register: DelimitedFile, sourceColumns: SourceColumns, registerColumns: RegisterColumns, records: [SourceRecord],
        people: [RegisterPerson], outcomes: [MatchOutcome], duplicateOf: [Int32], model: MatchModel, frequencies: TermFrequencies,
        thresholds: MatchThresholds
    ) {
        self.source = source
        self.register = register
        self.sourceColumns = sourceColumns
        self.registerColumns = registerColumns
        self.records = records
        self.people = people
        self.outcomes = outcomes
        self.duplicateOf = duplicateOf
        self.model = model
        self.frequencies = frequencies
        self.thresholds = thresholds
        decisionRules = MatchThresholds.patternNames.indices.map { pattern in Self.decisionRuleParts(thresholds, pattern: pattern) }
    }

    static func formatID(_ value: UInt64, digits: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Reusable row-splitting buffers and finding draft for one worker.
    struct Scratch {
        var source: [FieldSlice] = []
        var register: [FieldSlice] = []
        var draft = FindingDraft()
    }

    /// Splits the row at `offset` into `fields` without making strings.
    private static func split(_ file: DelimitedFile, at offset: Int, into fields: inout [FieldSlice], fieldLimit: Int = .max) {
        file.bytes.withUnsafeBufferPointer { buffer in
            CSVRowParser.splitAccepted(buffer, from: offset, delimiter: file.delimiter, into: &fields, fieldLimit: fieldLimit)
        }
    }

    /// The text of one cell of a split row.
    private static func text(_ file: DelimitedFile, _ fields: [FieldSlice], _ column: Int?) -> String {
        guard let column, column < fields.count else { return "" }
        return file.bytes.withUnsafeBufferPointer { String(decoding: fields[column].value(in: $0), as: UTF8.self) }
    }

    /// Splits the source row of record `index` into `fields`, up to its record ID (what a plain match writes).
    func splitSourceToRecordID(_ index: Int, into fields: inout [FieldSlice]) {
        Self.split(source, at: records[index].offset, into: &fields, fieldLimit: sourceColumns.recordID + 1)
    }

    /// The record ID of record `index`, without building the rest.
    func recordID(_ index: Int, fields: inout [FieldSlice]) -> String {
        Self.split(source, at: records[index].offset, into: &fields, fieldLimit: sourceColumns.recordID + 1)
        return Self.text(source, fields, sourceColumns.recordID)
    }

    /// A weight with one decimal, e.g. `36.3`; `String(format:)` is far slower on Linux.
    static func bits(_ value: Float, signed: Bool = false) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : (signed ? "+" : "")
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    /// The recorded ID's term in a probabilistic score: "recorded ID one digit short of the person's +14.2", or
    /// "recorded ID not one keystroke from the person's -6.6".
    static func slipEvidence(_ record: SourceRecord, _ outcome: MatchOutcome) -> String {
        let phrase = NearIDEvidence.kind(record, status: outcome.idStatus)?.phrase ?? "one slip from the person's"
        return "recorded ID " + (outcome.idWeight < 0 ? "not " : "") + phrase + " " + bits(outcome.idWeight, signed: true)
    }

    /// The text of the rule a probabilistic decision was taken under, before and after the record's posterior
    /// odds; without a posterior-odds threshold the rule does not show the odds, and the suffix is empty.
    static func decisionRuleParts(_ thresholds: MatchThresholds, pattern: Int) -> (prefix: [UInt8], suffix: [UInt8]) {
        let tail = " with lead \(bits(Float(thresholds.margin))), review \(bits(Float(thresholds.review)))"
        guard let minimum = thresholds.posteriorOdds(pattern: pattern) else {
            return (Array(("thresholds: automatic \(bits(Float(thresholds.automatic(pattern: pattern))))" + tail).utf8), [])
        }
        return (
            Array("posterior odds against the other candidates and absence from the register ".utf8),
            Array((" bits; thresholds: posterior odds \(bits(Float(minimum)))" + tail).utf8)
        )
    }

    /// The decision rule, with the record's posterior odds when the rule uses them.
    static func appendDecisionRule(_ parts: (prefix: [UInt8], suffix: [UInt8]), odds: Float, to out: inout [UInt8]) {
        out.append(contentsOf: parts.prefix)
        guard !parts.suffix.isEmpty else { return }
        if odds.isFinite {
            appendBits(odds, signed: true, to: &out)
        } else {
            out.append(contentsOf: (odds > 0 ? "+inf" : "-inf").utf8)
        }
        out.append(contentsOf: parts.suffix)
    }

    /// Fills `scratch.draft` with the finding for record `index`, writing its text as bytes.
    func draft(_ index: Int, line: Int, scratch: inout Scratch) {
        // The draft is taken out of the scratch while the register row is split into it on demand.
        var draft = FindingDraft()
        swap(&draft, &scratch.draft)
        defer { swap(&draft, &scratch.draft) }
        draft.reset()
        let record = records[index]
        let outcome = outcomes[index]
        Self.split(source, at: record.offset, into: &scratch.source)
        let sourceFields = scratch.source
        source.bytes.withUnsafeBufferPointer { sourceBytes in
            register.bytes.withUnsafeBufferPointer { registerBytes in
                func sourceSlice(_ column: Int?) -> FieldSlice? {
                    guard let column, column < sourceFields.count else { return nil }
                    return sourceFields[column]
                }
                switch record.idKind {
                case .none: break
                case .legacy: draft.setRecordedID(number: record.legacyID, digits: 9)
                case .citizen, .invalid: draft.setRecordedID(number: record.citizenID, digits: 12)
                case .unreadable: draft.setRecordedID(sourceBytes, sourceSlice(sourceColumns.citizenID ?? sourceColumns.legacyID))
                }
                if outcome.idPerson >= 0 {
                    let other = people[Int(outcome.idPerson)]
                    let belongsTo = Self.formatID(other.citizenID, digits: 12)
                    draft.recordedIDBelongsTo = other.citizenID
                    draft.add(.idPointsAtAnotherPerson)
                    let comparison = Comparison(record, other)
                    let score = model.score(comparison, frequencies.entries[Int(outcome.idPerson)], pattern: Matcher.pattern(record))
                    draft.addEvidence(
                        "the recorded ID \(draft.recordedIDText) is registered to another person (citizen ID \(belongsTo)), whose fields disagree: "
                            + explain(comparison, frequencies.entries[Int(outcome.idPerson)], pattern: Matcher.pattern(record))
                            + " = \(Self.bits(score)) bits, below the conflict threshold \(Self.bits(Float(thresholds.conflict)))")
                    if record.idKind == .citizen, let id = try? CitizenID(belongsTo), record.dateOfBirth != 0,
                        Int(PackedDate.year(record.dateOfBirth)) != id.birthYear
                    {
                        draft.addEvidence("the ID encodes birth year \(id.birthYear), the record says \(PackedDate.year(record.dateOfBirth))")
                    }
                }
                switch outcome.idStatus {
                case .unknown:
                    let recorded = draft.recordedIDText
                    draft.addEvidence(record.idKind == .legacy ? "the old ID \(recorded) is not in the register's crosswalk" : "the ID \(recorded) is not in the register")
                case .invalid where record.idKind == .unreadable:
                    let searched = NearIDEvidence.kind(record, status: .invalid) != nil
                    draft.addEvidence(
                        "the ID field '\(draft.recordedIDText)' cannot be read as an ID, even with scanner confusions undone; "
                            + (searched ? "its \(record.idDigitCount) digits were compared with the register's IDs one digit longer or shorter" : "matched as a record without an ID"))
                case .invalid:
                    draft.addEvidence("the ID \(draft.recordedIDText) is not a valid citizen ID (unknown birth-registration code)")
                default: break
                }

                if outcome.person >= 0 {
                    let person = people[Int(outcome.person)]
                    draft.citizenID = person.citizenID
                    var registerSplit = false
                    func registerFields() -> [FieldSlice] {
                        if !registerSplit {
                            Self.split(register, at: person.offset, into: &scratch.register)
                            registerSplit = true
                        }
                        return scratch.register
                    }
                    func registerSlice(_ column: Int?) -> FieldSlice? {
                        let fields = registerFields()
                        guard let column, column < fields.count else { return nil }
                        return fields[column]
                    }
                    switch outcome.method {
                    case .citizenID:
                        draft.addEvidence { out in
                            out.append(contentsOf: Self.citizenIDAgrees)
                            Self.appendBits(outcome.score, to: &out)
                            out.append(contentsOf: Self.bitsClose)
                        }
                    case .legacyID:
                        draft.addEvidence { out in
                            out.append(contentsOf: Self.legacyIDFound)
                            Self.appendDigits(person.citizenID, minimumDigits: 12, to: &out)
                        }
                    case .probabilistic:
                        let pattern = Matcher.pattern(record)
                        let entry = frequencies.entries[Int(outcome.person)]
                        draft.addEvidence { out in
                            explain(outcome.comparison, entry, pattern: pattern, into: &out)
                            if outcome.idWeight != 0 {
                                out.append(contentsOf: [0x2C, 0x20])
                                out.append(contentsOf: Self.slipEvidence(record, outcome).utf8)
                            }
                            out.append(contentsOf: Self.equals)
                            Self.appendBits(outcome.score, to: &out)
                            out.append(contentsOf: Self.bitsWord)
                            if outcome.secondScore.isFinite {
                                out.append(contentsOf: Self.runnerUp)
                                Self.appendBits(outcome.secondScore, to: &out)
                            } else {
                                out.append(contentsOf: Self.noRunnerUp)
                            }
                            out.append(contentsOf: [0x3B, 0x20])
                            Self.appendInteger(Int(outcome.candidates), to: &out)
                            out.append(contentsOf: Self.comparisons)
                            if outcome.skippedBlocks > 0 {
                                out.append(contentsOf: [0x2C, 0x20])
                                Self.appendInteger(Int(outcome.skippedBlocks), to: &out)
                                out.append(contentsOf: Self.tooLarge)
                            }
                            out.append(contentsOf: [0x3B, 0x20])
                            Self.appendDecisionRule(decisionRules[pattern], odds: outcome.posteriorOdds, to: &out)
                        }
                        if outcome.comparison.surname == Comparison.Name.regional {
                            draft.addEvidence("the surnames are a regional pair (Hoàng/Huỳnh, Vũ/Võ): different surnames, review only")
                        }
                    case .none: break
                    }
                    if outcome.decision == .automatic {
                        if record.idKind == .legacy { draft.add(.legacyIDConversion) }
                        if record.name.fullSpelling != person.name.fullSpelling {
                            let fields = registerFields()
                            draft.addDiscrepancy(
                                "full_name", source: { Self.appendName(sourceBytes, sourceFields, sourceColumns.fullName, to: &$0) },
                                register: { Self.appendName(registerBytes, fields, registerColumns.fullName, to: &$0) })
                        }
                        // A damaged date (read as its year, or not at all) is a correction to make even when what could be read agrees.
                        if record.dateOfBirth != person.dateOfBirth && (record.dateOfBirth != 0 || record.damaged & DamagedField.dateOfBirth != 0) {
                            let value = registerSlice(registerColumns.dateOfBirth)
                            draft.addDiscrepancy(
                                "date_of_birth", source: { FindingDraft.append(sourceBytes, sourceSlice(sourceColumns.dateOfBirth), to: &$0) },
                                register: { FindingDraft.append(registerBytes, value, to: &$0) })
                        }
                        if record.sex != 0 && person.sex != 0 && record.sex != person.sex {
                            let value = registerSlice(registerColumns.sex)
                            draft.addDiscrepancy(
                                "sex", source: { FindingDraft.append(sourceBytes, sourceSlice(sourceColumns.sex), to: &$0) },
                                register: { FindingDraft.append(registerBytes, value, to: &$0) })
                        }
                        if Comparison.commune(record, person.commune) == Comparison.Simple.disagree {
                            let communeWritten = !(sourceSlice(sourceColumns.commune)?.isEmpty ?? true)
                            let column = record.commune != 0 && sourceColumns.commune != nil && communeWritten ? sourceColumns.commune : sourceColumns.place
                            let value = registerSlice(registerColumns.commune)
                            draft.addDiscrepancy(
                                column == sourceColumns.commune ? "commune_code" : "place",
                                source: { FindingDraft.append(sourceBytes, sourceSlice(column), to: &$0) },
                                register: { FindingDraft.append(registerBytes, value, to: &$0) })
                        }
                        let fieldsDiffer = draft.discrepancyCount > 0
                        if record.idKind == .citizen || record.idKind == .invalid || record.idKind == .unreadable, record.citizenID != person.citizenID {
                            let recorded = draft.recordedIDText
                            draft.addDiscrepancy(
                                "citizen_id", source: { $0.append(contentsOf: recorded.utf8) },
                                register: { Self.appendDigits(person.citizenID, minimumDigits: 12, to: &$0) })
                        }
                        if fieldsDiffer || outcome.idStatus == .unknown && record.idKind != .legacy || outcome.idStatus == .invalid {
                            draft.add(.fieldDiscrepancy)
                        }
                        if let missing = missingEvent(record, person) {
                            draft.add(.eventMissingFromRegister)
                            draft.addEvidence(missing)
                        }
                    } else {
                        draft.add(.reviewCandidate)
                    }
                } else {
                    draft.add(.noMatch)
                    if outcome.candidates == 0 {
                        draft.addEvidence { $0.append(contentsOf: Self.noSharedKey) }
                    } else {
                        draft.addEvidence { out in
                            Self.appendInteger(Int(outcome.candidates), to: &out)
                            out.append(contentsOf: Self.belowReview)
                        }
                    }
                }
                if duplicateOf[index] >= 0 {
                    Self.split(source, at: records[Int(duplicateOf[index])].offset, into: &scratch.register, fieldLimit: sourceColumns.recordID + 1)
                    let column = sourceColumns.recordID
                    draft.setDuplicateOf(sourceBytes, column < scratch.register.count ? scratch.register[column] : nil)
                    draft.add(.duplicateInSource)
                    draft.addEvidence("same person and the same record content (event, dates, other columns) as record \(draft.duplicateOfText)")
                }
                if !draft.hasKinds { draft.add(.consistentMatch) }
                draft.setRecordID(sourceBytes, sourceSlice(sourceColumns.recordID))
            }
        }
        draft.line = line
        draft.method = Self.methods[Int(outcome.method.rawValue)]
        draft.automatic = outcome.decision == .automatic
        draft.score = outcome.method == .none ? nil : Double(outcome.score)
        draft.runnerUpScore = outcome.secondScore.isFinite ? Double(outcome.secondScore) : nil
    }

    /// The public method of each ``MatchOutcome/Method``, by raw value.
    private static let methods = (0...3).map { MatchMethod(rawValue: MatchOutcome.Method(rawValue: UInt8($0))!.name) ?? .none }
    private static let citizenIDAgrees = Array("the citizen ID is in the register and the fields agree with it (".utf8)
    private static let bitsClose = Array(" bits)".utf8)
    private static let legacyIDFound = Array("the old ID is in the register's crosswalk, for citizen ID ".utf8)
    private static let equals = Array(" = ".utf8)
    private static let bitsWord = Array(" bits".utf8)
    private static let runnerUp = Array("; runner-up ".utf8)
    private static let noRunnerUp = Array("; no runner-up".utf8)
    private static let comparisons = Array(" comparison(s)".utf8)
    private static let tooLarge = Array(" block(s) too large to search".utf8)
    private static let noSharedKey = Array("no register person shares a blocking key".utf8)
    private static let belowReview = Array(" comparison(s), best below the review threshold".utf8)

    /// The name of a row as written, from one column or two, appended as bytes ("" when a column is missing).
    private static func appendName(_ bytes: UnsafeBufferPointer<UInt8>, _ fields: [FieldSlice], _ columns: NameColumns, to out: inout [UInt8]) {
        guard columns.columns.allSatisfy({ $0 < fields.count }) else { return }
        switch columns {
        case .whole(let column): FindingDraft.append(bytes, fields[column], to: &out)
        case .split(let family, let middle, let given):
            FindingDraft.append(bytes, fields[family], to: &out)
            out.append(0x20)
            if let middle {
                FindingDraft.append(bytes, fields[middle], to: &out)
                out.append(0x20)
            }
            FindingDraft.append(bytes, fields[given], to: &out)
        }
    }

    /// A decimal integer, with its sign.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(0x2D) }
        appendDigits(UInt64(value.magnitude), minimumDigits: 1, to: &out)
    }

    /// Whether record `index` is a plain consistent match by its own citizen ID: the bulk of a run,
    /// written by ``appendPlainCSV(_:line:fields:to:)`` and ``appendPlainJSON(_:line:fields:to:)``
    /// without building a finding.
    func isPlainIDMatch(_ index: Int) -> Bool {
        let outcome = outcomes[index]
        guard outcome.method == .citizenID, outcome.decision == .automatic, duplicateOf[index] < 0 else { return false }
        let record = records[index]
        let person = people[Int(outcome.person)]
        return record.name.fullSpelling == person.name.fullSpelling && (record.dateOfBirth == person.dateOfBirth || record.dateOfBirth == 0)
            && (record.sex == 0 || person.sex == 0 || record.sex == person.sex)
            && Comparison.commune(record, person.commune) != Comparison.Simple.disagree && missingEvent(record, person) == nil
    }

    /// The CSV row ``draft(_:line:scratch:)`` followed by ``FindingDraft/appendCSV(to:)`` would
    /// write for a plain ID match, written directly.
    func appendPlainCSV(_ index: Int, line: Int, fields: [FieldSlice], to out: inout [UInt8]) {
        let record = records[index]
        let outcome = outcomes[index]
        let column = sourceColumns.recordID
        source.bytes.withUnsafeBufferPointer { buffer in
            let slice = fields[column]
            if slice.escaped {
                let value = slice.value(in: buffer)
                value.withUnsafeBufferPointer { CSVCell.append(bytes: $0, to: &out) }
            } else {
                // Quoted and neutralised by the one cell rule: a record ID such as "=1+1" is a formula to a spreadsheet.
                CSVCell.append(bytes: UnsafeBufferPointer(rebasing: buffer[slice.start..<slice.end]), to: &out)
            }
        }
        // Same bytes as the general path, appended without intermediate strings.
        out.append(0x2C)
        Self.appendDigits(UInt64(line), minimumDigits: 1, to: &out)
        out.append(contentsOf: Self.plainKinds)
        Self.appendDigits(record.citizenID, minimumDigits: 12, to: &out)
        out.append(0x2C)
        Self.appendFixed(outcome.score, decimals: 2, to: &out)
        out.append(contentsOf: [0x2C, 0x2C])
        Self.appendDigits(record.citizenID, minimumDigits: 12, to: &out)
        out.append(contentsOf: Self.plainEvidence)
        Self.appendFixed(outcome.score, decimals: 1, to: &out)
        out.append(contentsOf: Self.plainEnd)
    }

    /// The JSON line ``FindingEncoding/appendJSONLine(_:to:)`` would write for a plain ID match.
    func appendPlainJSON(_ index: Int, line: Int, fields: [FieldSlice], to out: inout [UInt8]) {
        let record = records[index]
        let outcome = outcomes[index]
        out.append(contentsOf: Self.jsonStart)
        FindingEncoding.appendJSONString(Self.text(source, fields, sourceColumns.recordID), to: &out)
        out.append(contentsOf: Self.jsonLine)
        Self.appendDigits(UInt64(line), minimumDigits: 1, to: &out)
        out.append(contentsOf: Self.jsonKinds)
        Self.appendDigits(record.citizenID, minimumDigits: 12, to: &out)
        out.append(contentsOf: Self.jsonScore)
        Self.appendFixed(outcome.score, decimals: 2, to: &out)
        out.append(contentsOf: Self.jsonRecorded)
        Self.appendDigits(record.citizenID, minimumDigits: 12, to: &out)
        out.append(contentsOf: Self.jsonEvidence)
        Self.appendFixed(outcome.score, decimals: 1, to: &out)
        out.append(contentsOf: Self.jsonEnd)
    }

    private static let jsonStart = Array("{\"sourceRecordID\":".utf8)
    private static let jsonLine = Array(",\"sourceLine\":".utf8)
    private static let jsonKinds = Array(",\"kinds\":[\"consistent_match\"],\"method\":\"citizen_id\",\"automatic\":true,\"citizenID\":\"".utf8)
    private static let jsonScore = Array("\",\"score\":".utf8)
    private static let jsonRecorded = Array(",\"recordedID\":\"".utf8)
    private static let jsonEvidence = Array("\",\"discrepancies\":[],\"evidence\":[\"the citizen ID is in the register and the fields agree with it (".utf8)
    private static let jsonEnd = Array(" bits)\"]}\n".utf8)

    private static let plainKinds = Array(",consistent_match,citizen_id,true,".utf8)
    private static let plainEvidence = Array(",,,,the citizen ID is in the register and the fields agree with it (".utf8)
    private static let plainEnd = Array(" bits)\n".utf8)

    /// Decimal digits, left-padded with zeros.
    static func appendDigits(_ value: UInt64, minimumDigits: Int, to out: inout [UInt8]) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(rest % 10) + 0x30
                rest /= 10
                count += 1
            } while rest > 0
            while count < minimumDigits {
                buffer[count] = 0x30
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[index]) }
        }
    }

    /// A number with a fixed count of decimals, rounded as ``FindingEncoding/number(_:)`` and ``bits(_:signed:)`` do.
    static func appendFixed(_ value: Float, decimals: Int, to out: inout [UInt8]) {
        let scale = decimals == 1 ? 10.0 : 100.0
        let scaled = Int(((decimals == 1 ? Double(value * 10) : Double(value) * 100)).rounded())
        if scaled < 0 { out.append(0x2D) }
        let magnitude = UInt64(abs(scaled))
        appendDigits(magnitude / UInt64(scale), minimumDigits: 1, to: &out)
        out.append(0x2E)
        appendDigits(magnitude % UInt64(scale), minimumDigits: decimals, to: &out)
    }

    /// Why the event is missing from the profile, or `nil` when the profile reflects it.
    private func missingEvent(_ record: SourceRecord, _ person: RegisterPerson) -> String? {
        let date = PackedDate.format(record.eventDate)
        switch record.event {
        case Code.marriage where person.maritalStatus == Code.single:
            return "marriage registered \(date), but the register profile is still single with no spouse"
        case Code.divorce where person.maritalStatus == Code.married:
            return "divorce registered \(date), but the register profile is still married"
        case Code.death where person.vitalStatus == Code.alive:
            return "death registered \(date), but the register profile is alive"
        default:
            return nil
        }
    }

    /// Per-field weights, e.g. `surname identical +1.4, given name identical +6.1, …`.
    func explain(_ comparison: Comparison, _ frequency: TermFrequencies.Entry, pattern: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(176)
        explain(comparison, frequency, pattern: pattern, into: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// ``explain(_:_:pattern:)`` appended as bytes: this runs for every probabilistic finding, a million at
    /// provincial scale.
    func explain(_ comparison: Comparison, _ frequency: TermFrequencies.Entry, pattern: Int, into out: inout [UInt8]) {
        for field in 0..<6 {
            let level = comparison[field]
            let weight = model.weight(field: field, level: level, frequency: frequency, pattern: pattern)
            out.append(contentsOf: Self.levelPhrases[field][Int(level)])
            Self.appendBits(weight, signed: true, to: &out)
        }
    }

    /// ``bits(_:signed:)`` appended as bytes, without an interpolated string per number.
    static func appendBits(_ value: Float, signed: Bool = false, to out: inout [UInt8]) {
        let tenths = Int((value * 10).rounded())
        if tenths < 0 { out.append(0x2D) } else if signed { out.append(0x2B) }
        appendDigits(UInt64(abs(tenths) / 10), minimumDigits: 1, to: &out)
        out.append(0x2E)
        out.append(UInt8(0x30 + abs(tenths) % 10))
    }

    /// "surname identical ", ", given name one edit apart ", …: each field's name and level, with the separator
    /// before it, as ``explain(_:_:pattern:into:)`` writes them.
    private static let levelPhrases: [[[UInt8]]] = Comparison.fieldNames.indices.map { field in
        levelNames[field].map { Array(((field > 0 ? ", " : "") + Comparison.fieldNames[field] + " " + $0 + " ").utf8) }
    }

    /// The names of each field's comparison levels, by field.
    private static let levelNames = [
        Comparison.Name.names, Comparison.Name.names, Comparison.Middle.names, Comparison.Date.names, Comparison.Simple.names,
        Comparison.Simple.names,
    ]
}
