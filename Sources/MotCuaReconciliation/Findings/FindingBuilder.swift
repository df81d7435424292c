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
    /// Per field-presence pattern, the fixed parts of ``decisionRule(_:pattern:odds:)``: a million probabilistic
    /// findings at provincial scale would otherwise format the same thresholds a million times.
    private let decisionRules: [(prefix: String, suffix: String)]

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

    /// Reusable row-splitting buffers for one worker.
    struct Scratch {
        var source: [FieldSlice] = []
        var register: [FieldSlice] = []
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

    /// The name of a row as written, from one column or two.
    private static func name(_ file: DelimitedFile, _ fields: [FieldSlice], _ columns: NameColumns) -> String {
        guard columns.columns.allSatisfy({ $0 < fields.count }) else { return "" }
        return file.bytes.withUnsafeBufferPointer { String(decoding: columns.text(in: $0, fields), as: UTF8.self) }
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

    /// The rule a probabilistic decision was taken under, for the evidence.
    static func decisionRule(_ thresholds: MatchThresholds, pattern: Int, odds: Float) -> String {
        var text = ""
        appendDecisionRule(decisionRuleParts(thresholds, pattern: pattern), odds: odds, to: &text)
        return text
    }

    /// The text of ``decisionRule(_:pattern:odds:)`` before and after the record's posterior odds; without a
    /// posterior-odds threshold the rule does not show the odds, and the suffix is empty.
    static func decisionRuleParts(_ thresholds: MatchThresholds, pattern: Int) -> (prefix: String, suffix: String) {
        let tail = " with lead \(bits(Float(thresholds.margin))), review \(bits(Float(thresholds.review)))"
        guard let minimum = thresholds.posteriorOdds(pattern: pattern) else {
            return ("thresholds: automatic \(bits(Float(thresholds.automatic(pattern: pattern))))" + tail, "")
        }
        return ("posterior odds against the other candidates and absence from the register ", " bits; thresholds: posterior odds \(bits(Float(minimum)))" + tail)
    }

    static func appendDecisionRule(_ parts: (prefix: String, suffix: String), odds: Float, to text: inout String) {
        text += parts.prefix
        guard !parts.suffix.isEmpty else { return }
        text += odds.isFinite ? bits(odds, signed: true) : (odds > 0 ? "+inf" : "-inf")
        text += parts.suffix
    }

    func build(_ index: Int, line: Int, scratch: inout Scratch) -> ReconciliationFinding {
        let record = records[index]
        let outcome = outcomes[index]
        Self.split(source, at: record.offset, into: &scratch.source)
        let sourceFields = scratch.source
        func sourceValue(_ column: Int?) -> String { Self.text(source, sourceFields, column) }
        let recordedID: String? =
            switch record.idKind {
            case .none: nil
            case .legacy: Self.formatID(record.legacyID, digits: 9)
            case .citizen, .invalid: Self.formatID(record.citizenID, digits: 12)
            case .unreadable: sourceValue(sourceColumns.citizenID ?? sourceColumns.legacyID)
            }
        var kinds: [FindingKind] = []
        var evidence: [String] = []
        var discrepancies: [FieldDiscrepancy] = []
        var belongsTo: String?
        if outcome.idPerson >= 0 {
            let other = people[Int(outcome.idPerson)]
            belongsTo = Self.formatID(other.citizenID, digits: 12)
            kinds.append(.idPointsAtAnotherPerson)
            let comparison = Comparison(record, other)
            let score = model.score(comparison, frequencies.entries[Int(outcome.idPerson)], pattern: Matcher.pattern(record))
            evidence.append(
                "the recorded ID \(recordedID ?? "") is registered to another person (citizen ID \(belongsTo!)), whose fields disagree: "
                    + explain(comparison, frequencies.entries[Int(outcome.idPerson)], pattern: Matcher.pattern(record))
                    + " = \(Self.bits(score)) bits, below the conflict threshold \(Self.bits(Float(thresholds.conflict)))")
            if record.idKind == .citizen, let id = try? CitizenID(belongsTo!), record.dateOfBirth != 0,
                Int(PackedDate.year(record.dateOfBirth)) != id.birthYear
            {
                evidence.append("the ID encodes birth year \(id.birthYear), the record says \(PackedDate.year(record.dateOfBirth))")
            }
        }
        switch outcome.idStatus {
        case .unknown:
            evidence.append(record.idKind == .legacy ? "the old ID \(recordedID ?? "") is not in the register's crosswalk" : "the ID \(recordedID ?? "") is not in the register")
        case .invalid where record.idKind == .unreadable:
            let searched = NearIDEvidence.kind(record, status: .invalid) != nil
            evidence.append(
                "the ID field '\(recordedID ?? "")' cannot be read as an ID, even with scanner confusions undone; "
                    + (searched ? "its \(record.idDigitCount) digits were compared with the register's IDs one digit longer or shorter" : "matched as a record without an ID"))
        case .invalid:
            evidence.append("the ID \(recordedID ?? "") is not a valid citizen ID (unknown birth-registration code)")
        default: break
        }

        var citizenID: String?
        if outcome.person >= 0 {
            let person = people[Int(outcome.person)]
            citizenID = Self.formatID(person.citizenID, digits: 12)
            var registerSplit = false
            func registerValue(_ column: Int?) -> String {
                if !registerSplit {
                    Self.split(register, at: person.offset, into: &scratch.register)
                    registerSplit = true
                }
                return Self.text(register, scratch.register, column)
            }
            switch outcome.method {
            case .citizenID: evidence.append("the citizen ID is in the register and the fields agree with it (\(Self.bits(outcome.score)) bits)")
            case .legacyID: evidence.append("the old ID is in the register's crosswalk, for citizen ID \(citizenID!)")
            case .probabilistic:
                // One buffer for the whole sentence: joining a dozen pieces cost a reallocation each, for a million findings.
                let pattern = Matcher.pattern(record)
                var text = ""
                text.reserveCapacity(448)
                explain(outcome.comparison, frequencies.entries[Int(outcome.person)], pattern: pattern, into: &text)
                if outcome.idWeight != 0 {
                    text += ", "
                    text += Self.slipEvidence(record, outcome)
                }
                text += " = "
                text += Self.bits(outcome.score)
                text += " bits"
                if outcome.secondScore.isFinite {
                    text += "; runner-up "
                    text += Self.bits(outcome.secondScore)
                } else {
                    text += "; no runner-up"
                }
                text += "; "
                text += String(outcome.candidates)
                text += " comparison(s)"
                if outcome.skippedBlocks > 0 {
                    text += ", "
                    text += String(outcome.skippedBlocks)
                    text += " block(s) too large to search"
                }
                text += "; "
                Self.appendDecisionRule(decisionRules[pattern], odds: outcome.posteriorOdds, to: &text)
                evidence.append(text)
                if outcome.comparison.surname == Comparison.Name.regional {
                    evidence.append("the surnames are a regional pair (Hoàng/Huỳnh, Vũ/Võ): different surnames, review only")
                }
            case .none: break
            }
            if outcome.decision == .automatic {
                if record.idKind == .legacy { kinds.append(.legacyIDConversion) }
                if record.name.fullSpelling != person.name.fullSpelling {
                    _ = registerValue(nil)
                    discrepancies.append(
                        .init(field: "full_name", sourceValue: Self.name(source, sourceFields, sourceColumns.fullName),
                            registerValue: Self.name(register, scratch.register, registerColumns.fullName)))
                }
                // A damaged date (read as its year, or not at all) is a correction to make even when what could be read agrees.
                if record.dateOfBirth != person.dateOfBirth && (record.dateOfBirth != 0 || record.damaged & DamagedField.dateOfBirth != 0) {
                    discrepancies.append(.init(field: "date_of_birth", sourceValue: sourceValue(sourceColumns.dateOfBirth), registerValue: registerValue(registerColumns.dateOfBirth)))
                }
                if record.sex != 0 && person.sex != 0 && record.sex != person.sex {
                    discrepancies.append(.init(field: "sex", sourceValue: sourceValue(sourceColumns.sex), registerValue: registerValue(registerColumns.sex)))
                }
                if Comparison.commune(record, person.commune) == Comparison.Simple.disagree {
                    let column = record.commune != 0 && sourceColumns.commune != nil && !sourceValue(sourceColumns.commune).isEmpty ? sourceColumns.commune : sourceColumns.place
                    discrepancies.append(.init(field: column == sourceColumns.commune ? "commune_code" : "place", sourceValue: sourceValue(column), registerValue: registerValue(registerColumns.commune)))
                }
                let fieldsDiffer = !discrepancies.isEmpty
                if record.idKind == .citizen || record.idKind == .invalid || record.idKind == .unreadable, record.citizenID != person.citizenID {
                    discrepancies.append(.init(field: "citizen_id", sourceValue: recordedID ?? "", registerValue: citizenID!))
                }
                if fieldsDiffer || outcome.idStatus == .unknown && record.idKind != .legacy || outcome.idStatus == .invalid {
                    kinds.append(.fieldDiscrepancy)
                }
                if let missing = missingEvent(record, person) {
                    kinds.append(.eventMissingFromRegister)
                    evidence.append(missing)
                }
            } else {
                kinds.append(.reviewCandidate)
            }
        } else {
            kinds.append(.noMatch)
            evidence.append(outcome.candidates == 0 ? "no register person shares a blocking key" : "\(outcome.candidates) comparison(s), best below the review threshold")
        }
        var duplicate: String?
        if duplicateOf[index] >= 0 {
            duplicate = recordID(Int(duplicateOf[index]), fields: &scratch.register)
            kinds.append(.duplicateInSource)
            evidence.append("same person and the same record content (event, dates, other columns) as record \(duplicate!)")
        }
        if kinds.isEmpty { kinds.append(.consistentMatch) }
        return ReconciliationFinding(
            sourceRecordID: sourceValue(sourceColumns.recordID), sourceLine: line, kinds: kinds,
            method: MatchMethod(rawValue: outcome.method.name) ?? .none, automatic: outcome.decision == .automatic,
            citizenID: citizenID, score: outcome.method == .none ? nil : Double(outcome.score),
            runnerUpScore: outcome.secondScore.isFinite ? Double(outcome.secondScore) : nil, recordedID: recordedID,
            recordedIDBelongsTo: belongsTo, duplicateOf: duplicate, discrepancies: discrepancies, evidence: evidence)
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

    /// The CSV row ``build(_:line:scratch:)`` followed by ``FindingEncoding/appendCSV(_:to:)`` would
    /// write for a plain ID match, written directly.
    func appendPlainCSV(_ index: Int, line: Int, fields: [FieldSlice], to out: inout [UInt8]) {
        let record = records[index]
        let outcome = outcomes[index]
        let column = sourceColumns.recordID
        source.bytes.withUnsafeBufferPointer { buffer in
            let slice = fields[column]
            if slice.escaped || buffer[slice.start..<slice.end].contains(where: { $0 == 0x2C || $0 == 0x0A || $0 == 0x0D || $0 == 0x22 }) {
                FindingEncoding.appendCSVField(String(decoding: slice.value(in: buffer), as: UTF8.self), to: &out)
            } else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[slice.start..<slice.end]))
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
    ///
    /// Written into one string: this runs for every probabilistic finding, a million at provincial scale, where
    /// building and joining six interpolated strings each was a tenth of writing the findings.
    func explain(_ comparison: Comparison, _ frequency: TermFrequencies.Entry, pattern: Int) -> String {
        var text = ""
        text.reserveCapacity(176)
        explain(comparison, frequency, pattern: pattern, into: &text)
        return text
    }

    /// ``explain(_:_:pattern:)`` appended to `text`.
    func explain(_ comparison: Comparison, _ frequency: TermFrequencies.Entry, pattern: Int, into text: inout String) {
        for field in 0..<6 {
            let level = comparison[field]
            let weight = model.weight(field: field, level: level, frequency: frequency, pattern: pattern)
            text += Self.levelPhrases[field][Int(level)]
            Self.appendBits(weight, signed: true, to: &text)
        }
    }

    /// ``bits(_:signed:)`` appended to `text`, without an interpolated string per number.
    static func appendBits(_ value: Float, signed: Bool = false, to text: inout String) {
        let tenths = Int((value * 10).rounded())
        if tenths < 0 { text += "-" } else if signed { text += "+" }
        text += String(abs(tenths) / 10)
        text.unicodeScalars.append(Unicode.Scalar(UInt8(0x2E)))
        text.unicodeScalars.append(Unicode.Scalar(UInt8(0x30 + abs(tenths) % 10)))
    }

    /// "surname identical ", ", given name one edit apart ", …: each field's name and level, with the separator
    /// before it, as ``explain(_:_:pattern:into:)`` writes them.
    private static let levelPhrases: [[String]] = Comparison.fieldNames.indices.map { field in
        levelNames[field].map { (field > 0 ? ", " : "") + Comparison.fieldNames[field] + " " + $0 + " " }
    }

    /// The names of each field's comparison levels, by field.
    private static let levelNames = [
        Comparison.Name.names, Comparison.Name.names, Comparison.Middle.names, Comparison.Date.names, Comparison.Simple.names,
        Comparison.Simple.names,
    ]
}
