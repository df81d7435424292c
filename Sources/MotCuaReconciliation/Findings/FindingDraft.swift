import MotCuaDomain

/// One finding as ``FindingBuilder`` assembles it: numbers, and byte ranges in buffers a worker reuses.
///
/// A provincial run writes a million findings that are more than a plain ID match. As ``ReconciliationFinding``
/// values each cost a dozen strings and arrays, built, joined, scanned for quoting and freed; a draft writes its
/// CSV row straight from its buffers (``appendCSV(to:)``). ``finding()`` gives the same finding as a value, for
/// the worklist and the JSON-lines file, and the findings tests check that both give the same bytes.
struct FindingDraft {
    /// Cells copied from the files: the record ID, an unreadable recorded ID, the duplicate's record ID.
    private(set) var text: [UInt8] = []
    private(set) var recordID: Range<Int> = 0..<0
    var line = 0
    private(set) var kinds: [FindingKind] = []
    var method: MatchMethod = .none
    var automatic = false
    var citizenID: UInt64?
    var score: Double?
    var runnerUpScore: Double?
    /// The ID as written: a number with its digit count, or text in ``text``.
    private(set) var recordedID: RecordedID?
    var recordedIDBelongsTo: UInt64?
    private(set) var duplicateOf: Range<Int>?
    /// "field: source → register", joined by " | " as the CSV cell shows them.
    private(set) var discrepancyText: [UInt8] = []
    private(set) var discrepancies: [(field: Range<Int>, source: Range<Int>, register: Range<Int>)] = []
    /// The evidence sentences, joined by " | " as the CSV cell shows them.
    private(set) var evidenceText: [UInt8] = []
    private(set) var evidence: [Range<Int>] = []

    enum RecordedID {
        case number(UInt64, digits: Int)
        case text(Range<Int>)
    }

    /// Empties the draft for the next record, keeping its buffers' capacity.
    mutating func reset() {
        text.removeAll(keepingCapacity: true)
        recordID = 0..<0
        line = 0
        kinds.removeAll(keepingCapacity: true)
        method = .none
        automatic = false
        citizenID = nil
        score = nil
        runnerUpScore = nil
        recordedID = nil
        recordedIDBelongsTo = nil
        duplicateOf = nil
        discrepancyText.removeAll(keepingCapacity: true)
        discrepancies.removeAll(keepingCapacity: true)
        evidenceText.removeAll(keepingCapacity: true)
        evidence.removeAll(keepingCapacity: true)
    }

    mutating func add(_ kind: FindingKind) { kinds.append(kind) }

    var hasKinds: Bool { !kinds.isEmpty }

    /// Kinds as the bit mask ``EvaluatedResult`` keeps.
    var kindMask: UInt16 { EvaluatedResult.mask(kinds) }

    mutating func setRecordID(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice?) {
        recordID = Self.append(bytes, slice, to: &text)
    }

    mutating func setRecordedID(number: UInt64, digits: Int) { recordedID = .number(number, digits: digits) }

    mutating func setRecordedID(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice?) {
        recordedID = .text(Self.append(bytes, slice, to: &text))
    }

    mutating func setDuplicateOf(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice?) {
        duplicateOf = Self.append(bytes, slice, to: &text)
    }

    /// The recorded ID as the evidence quotes it ("" when the record has none).
    var recordedIDText: String {
        switch recordedID {
        case nil: ""
        case .number(let value, let digits): FindingBuilder.formatID(value, digits: digits)
        case .text(let range): String(decoding: text[range], as: UTF8.self)
        }
    }

    /// The duplicate's record ID as the evidence quotes it.
    var duplicateOfText: String { duplicateOf.map { String(decoding: text[$0], as: UTF8.self) } ?? "" }

    /// Appends one evidence sentence, written by `body` into the evidence buffer.
    mutating func addEvidence(_ body: (inout [UInt8]) -> Void) {
        if !evidence.isEmpty { evidenceText.append(contentsOf: Self.separator) }
        let start = evidenceText.count
        body(&evidenceText)
        evidence.append(start..<evidenceText.count)
    }

    mutating func addEvidence(_ sentence: String) {
        addEvidence { $0.append(contentsOf: sentence.utf8) }
    }

    /// Appends one discrepancy; `source` and `register` write the two values.
    mutating func addDiscrepancy(_ field: StaticString, source: (inout [UInt8]) -> Void, register: (inout [UInt8]) -> Void) {
        if !discrepancies.isEmpty { discrepancyText.append(contentsOf: Self.separator) }
        let fieldStart = discrepancyText.count
        discrepancyText.append(contentsOf: UnsafeBufferPointer(start: field.utf8Start, count: field.utf8CodeUnitCount))
        let fieldEnd = discrepancyText.count
        discrepancyText.append(contentsOf: [0x3A, 0x20])
        let sourceStart = discrepancyText.count
        source(&discrepancyText)
        let sourceEnd = discrepancyText.count
        discrepancyText.append(contentsOf: Self.arrow)
        let registerStart = discrepancyText.count
        register(&discrepancyText)
        discrepancies.append((fieldStart..<fieldEnd, sourceStart..<sourceEnd, registerStart..<discrepancyText.count))
    }

    /// How many discrepancies the draft holds.
    var discrepancyCount: Int { discrepancies.count }

    /// A field's value (quotes undone) appended to `out`; nothing for a missing column. Returns its range.
    @discardableResult
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, _ slice: FieldSlice?, to out: inout [UInt8]) -> Range<Int> {
        let start = out.count
        guard let slice else { return start..<start }
        if slice.escaped {
            var index = slice.start
            while index < slice.end {
                out.append(bytes[index])
                index += bytes[index] == 0x22 ? 2 : 1
            }
        } else {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[slice.start..<slice.end]))
        }
        return start..<out.count
    }

    private static let separator = Array(" | ".utf8)
    private static let arrow = Array(" → ".utf8)
    private static let kindBytes = FindingKind.allCases.map { Array($0.rawValue.utf8) }
    private static let methodBytes = MatchMethod.allCases.map { Array($0.rawValue.utf8) }
    private static let automaticTrue = Array(",true,".utf8)
    private static let automaticFalse = Array(",false,".utf8)

    /// The CSV row ``FindingEncoding/appendCSV(_:to:)`` writes for ``finding()``, from the buffers.
    func appendCSV(to out: inout [UInt8]) {
        text.withUnsafeBufferPointer { CSVCell.append(bytes: UnsafeBufferPointer(rebasing: $0[recordID]), to: &out) }
        out.append(0x2C)
        FindingBuilder.appendDigits(UInt64(max(0, line)), minimumDigits: 1, to: &out)
        out.append(0x2C)
        // Kind and method names are fixed snake_case words: nothing to quote or neutralise.
        for (index, kind) in kinds.enumerated() {
            if index > 0 { out.append(0x3B) }
            out.append(contentsOf: Self.kindBytes[kind.ordinal])
        }
        out.append(0x2C)
        out.append(contentsOf: Self.methodBytes[method.ordinal])
        out.append(contentsOf: automatic ? Self.automaticTrue : Self.automaticFalse)
        if let citizenID { FindingBuilder.appendDigits(citizenID, minimumDigits: 12, to: &out) }
        out.append(0x2C)
        FindingEncoding.appendNumber(score, to: &out)
        out.append(0x2C)
        FindingEncoding.appendNumber(runnerUpScore, to: &out)
        out.append(0x2C)
        switch recordedID {
        case nil: break
        case .number(let value, let digits): FindingBuilder.appendDigits(value, minimumDigits: digits, to: &out)
        case .text(let range): text.withUnsafeBufferPointer { CSVCell.append(bytes: UnsafeBufferPointer(rebasing: $0[range]), to: &out) }
        }
        out.append(0x2C)
        if let recordedIDBelongsTo { FindingBuilder.appendDigits(recordedIDBelongsTo, minimumDigits: 12, to: &out) }
        out.append(0x2C)
        if let duplicateOf { text.withUnsafeBufferPointer { CSVCell.append(bytes: UnsafeBufferPointer(rebasing: $0[duplicateOf]), to: &out) } }
        out.append(0x2C)
        discrepancyText.withUnsafeBufferPointer { CSVCell.append(bytes: $0, to: &out) }
        out.append(0x2C)
        evidenceText.withUnsafeBufferPointer { CSVCell.append(bytes: $0, to: &out) }
        out.append(0x0A)
    }

    /// The finding as a value.
    func finding() -> ReconciliationFinding {
        func string(_ bytes: [UInt8], _ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        return ReconciliationFinding(
            sourceRecordID: string(text, recordID), sourceLine: line, kinds: kinds, method: method, automatic: automatic,
            citizenID: citizenID.map { FindingBuilder.formatID($0, digits: 12) }, score: score, runnerUpScore: runnerUpScore,
            recordedID: recordedID == nil ? nil : recordedIDText,
            recordedIDBelongsTo: recordedIDBelongsTo.map { FindingBuilder.formatID($0, digits: 12) },
            duplicateOf: duplicateOf.map { string(text, $0) },
            discrepancies: discrepancies.map {
                FieldDiscrepancy(
                    field: string(discrepancyText, $0.field), sourceValue: string(discrepancyText, $0.source),
                    registerValue: string(discrepancyText, $0.register))
            },
            evidence: evidence.map { string(evidenceText, $0) })
    }
}
