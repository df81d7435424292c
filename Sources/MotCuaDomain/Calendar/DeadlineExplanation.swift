import Foundation

/// How a promised date was computed, step by step, with the rule and its sources: what `motcua rules explain`
/// prints and `GET /dossiers/{code}/deadline` returns.
public struct DeadlineExplanation: Sendable, Hashable {
    /// What one step records.
    public enum StepKind: String, Sendable, Hashable, CaseIterable {
        /// The moment of receipt.
        case received
        /// Receipt at or after the cut-off moved the start to the next working day.
        case cutOff = "cut_off"
        /// Receipt on a day offices are closed.
        case closedDay = "closed_day"
        /// The day the period starts from, which is not itself counted.
        case notCounted = "not_counted"
        /// A day counted towards the limit.
        case counted
        /// A day skipped because offices are closed (weekend or day off).
        case skipped
        /// The last day fell on a day off; the period runs to the next working day.
        case lastDayOff = "last_day_off"
        /// Office time counted from the moment of receipt (working hours).
        case officeTime = "office_time"
        /// The promised moment.
        case due
    }

    /// One step of the computation.
    public struct Step: Sendable, Hashable {
        public let kind: StepKind
        public let date: LocalDate
        public let textVi: String
        public let textEn: String
        /// The article, notice or decree behind this step, when it has one of its own.
        public let source: String?
        /// Whether the day's status comes from a provisional (statutory-only) calendar year.
        public let provisional: Bool

        public init(kind: StepKind, date: LocalDate, textVi: String, textEn: String, source: String? = nil, provisional: Bool = false) {
            self.kind = kind
            self.date = date
            self.textVi = textVi
            self.textEn = textEn
            self.source = source
            self.provisional = provisional
        }
    }

    public let limit: TimeLimit
    public let receivedAt: Date
    public let dueAt: Date
    /// The counting rule applied, in words.
    public let ruleVi: String
    public let ruleEn: String
    /// The articles the rule rests on.
    public let sources: [String]
    public let steps: [Step]
    /// Years between receipt and the due date whose civil-service notice is not loaded: the promised date is
    /// computed from the statutory holidays only and is provisional.
    public let provisionalYears: [Int]

    public var isProvisional: Bool { !provisionalYears.isEmpty }

    public init(
        limit: TimeLimit, receivedAt: Date, dueAt: Date, ruleVi: String, ruleEn: String, sources: [String], steps: [Step],
        provisionalYears: [Int]
    ) {
        self.limit = limit
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.ruleVi = ruleVi
        self.ruleEn = ruleEn
        self.sources = sources
        self.steps = steps
        self.provisionalYears = provisionalYears
    }

    /// A plain-text rendering, one line per step (for the CLI).
    public func rendered(procedure: String?) -> String {
        var lines: [String] = []
        if let procedure { lines.append("Thủ tục / procedure: \(procedure)") }
        lines.append("Thời hạn / time limit: \(limit.labelVi) / \(limit.labelEn)")
        lines.append("Quy tắc / rule: \(ruleVi)")
        lines.append("                \(ruleEn)")
        for source in sources { lines.append("Căn cứ / source: \(source)") }
        for (index, step) in steps.enumerated() {
            let mark = step.provisional ? " [tạm tính / provisional]" : ""
            lines.append(String(format: "%3d. ", index + 1) + "\(step.date) \(step.kind.rawValue): \(step.textVi) / \(step.textEn)\(mark)")
            if let source = step.source { lines.append("     căn cứ / source: \(source)") }
        }
        lines.append("Ngày hẹn trả / promised: \(WorkingCalendar.localTimestamp(dueAt))")
        if isProvisional {
            let years = provisionalYears.map(String.init).joined(separator: ", ")
            lines.append(
                "TẠM TÍNH: chưa có thông báo lịch nghỉ năm \(years); chỉ tính các ngày lễ luật định / "
                    + "PROVISIONAL: no civil-service notice loaded for \(years); statutory holidays only")
        }
        return lines.joined(separator: "\n")
    }
}
