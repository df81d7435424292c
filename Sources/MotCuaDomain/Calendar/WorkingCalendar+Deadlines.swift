import Foundation

extension WorkingCalendar {
    /// When a dossier received at `receivedAt` must be finished, by `CountingRule` and `options`.
    public func dueDate(for limit: TimeLimit, receivedAt: Date, options: CountingOptions = .standard) -> Date {
        explain(limit, receivedAt: receivedAt, options: options, recording: false).dueAt
    }

    /// The promised date with every step of its computation (`CountingRule` documents the rules).
    public func explainDueDate(for limit: TimeLimit, receivedAt: Date, options: CountingOptions = .standard) -> DeadlineExplanation {
        explain(limit, receivedAt: receivedAt, options: options, recording: true)
    }

    /// One code path for the date and its explanation; without `recording` no step text is built, which
    /// keeps `dueDate` cheap.
    private func explain(_ limit: TimeLimit, receivedAt: Date, options: CountingOptions, recording: Bool) -> DeadlineExplanation {
        var builder = ExplanationBuilder(calendar: self, receivedAt: receivedAt, recording: recording)
        let due: Date
        let ruleVi: String
        let ruleEn: String
        var sources: [String]
        switch limit {
        case .sameDay:
            ruleVi = "Trả trong ngày nếu tiếp nhận trong ngày làm việc trước 15 giờ; nếu không, trả trước giờ đóng cửa ngày làm việc tiếp theo"
            ruleEn = "Same day when received on a working day before 15:00; otherwise by closing time of the next working day"
            sources = [CountingRule.sameDaySource]
            let day = builder.receiptDay
            let dueDay: LocalDate
            if !isWorkingDay(day) {
                builder.closedDay(day)
                dueDay = builder.walkToNextWorkingDay(after: day)
            } else if builder.receiptMillisecond >= sameDayCutOffMinute * Self.millisecondsPerMinute {
                builder.add(.cutOff, day, "Tiếp nhận từ 15 giờ: trả ngày làm việc tiếp theo", "Received at or after 15:00: due the next working day",
                    source: CountingRule.sameDaySource)
                dueDay = builder.walkToNextWorkingDay(after: day)
            } else {
                dueDay = day
            }
            due = endOfOfficeHours(on: dueDay)

        case .workingDays(let days):
            ruleVi = "Không tính ngày tiếp nhận; đếm \(days) ngày làm việc kể từ ngày tiếp theo; hết hạn vào giờ đóng cửa ngày làm việc cuối cùng"
            ruleEn = "The day of receipt is not counted; \(days) working days are counted from the next day; due at closing time of the last one"
            sources = [CountingRule.daysStartSource, CountingRule.daysEndSource]
            let start = builder.startDay(options: options, sources: &sources)
            var day = start
            var counted = 0
            while counted < max(0, days) {
                day = day.adding(days: 1)
                if isWorkingDay(day) {
                    counted += 1
                    builder.add(.counted, day, "Ngày làm việc thứ \(counted)", "Working day \(counted)")
                } else {
                    builder.skipped(day)
                }
            }
            due = endOfOfficeHours(on: day)

        case .calendarDays(let days):
            ruleVi = "Không tính ngày tiếp nhận; đếm \(days) ngày liên tục kể cả ngày nghỉ; nếu ngày cuối là ngày nghỉ thì hết hạn vào ngày làm việc tiếp theo"
            ruleEn = "The day of receipt is not counted; \(days) consecutive days, days off included; a last day that is a day off moves to the next working day"
            sources = [CountingRule.daysStartSource, CountingRule.daysEndSource, CountingRule.lastDayOffSource]
            let start = builder.startDay(options: options, sources: &sources)
            var last = start.adding(days: max(0, days))
            builder.add(.counted, last, "Ngày thứ \(max(0, days)) (ngày cuối của thời hạn)", "Day \(max(0, days)), the last day of the period")
            if !isWorkingDay(last) {
                builder.add(
                    .lastDayOff, last, "Ngày cuối là ngày nghỉ (\(ExplanationBuilder.closedReasonVi(self, last))): kéo dài đến ngày làm việc tiếp theo",
                    "The last day is a day off (\(ExplanationBuilder.closedReasonEn(self, last))): the period runs to the next working day",
                    source: CountingRule.lastDayOffSource)
                last = builder.walkToNextWorkingDay(after: last)
            }
            due = endOfOfficeHours(on: last)

        case .workingHours(let hours):
            ruleVi = "Tính \(hours) giờ làm việc (theo giờ hành chính) từ thời điểm tiếp nhận"
            ruleEn = "\(hours) office hours counted from the moment of receipt"
            sources = [CountingRule.hoursSource]
            due = addingWorkingMinutes(max(0, hours) * 60, to: receivedAt)
            builder.add(.officeTime, builder.receiptDay, "Đếm \(max(0, hours) * 60) phút làm việc", "\(max(0, hours) * 60) office minutes counted")
            var day = builder.receiptDay
            while day < localDate(of: due) {
                day = day.adding(days: 1)
                if !isWorkingDay(day) { builder.skipped(day) }
            }
        }
        builder.add(.due, localDate(of: due), "Hẹn trả: \(Self.localTimestamp(due))", "Promised: \(Self.localTimestamp(due))")
        return DeadlineExplanation(
            limit: limit, receivedAt: receivedAt, dueAt: due, ruleVi: ruleVi, ruleEn: ruleEn, sources: sources, steps: builder.steps,
            provisionalYears: (builder.receiptDay.year...localDate(of: due).year).filter { status(of: $0) == .provisional })
    }

    /// The office minutes between receipt and the due date: the budget that step deadlines divide.
    public func totalWorkingMinutes(for limit: TimeLimit, receivedAt: Date, options: CountingOptions = .standard) -> Int {
        workingMinutes(from: receivedAt, to: dueDate(for: limit, receivedAt: receivedAt, options: options))
    }

    /// Cumulative deadlines of the process steps.
    ///
    /// Step `i` is due `round(sum(shares[0...i]) × total)` office minutes after receipt, and the last step is
    /// due exactly at `dueDate`. Negative shares count as 0 and every step is capped at the total, so the
    /// result is always in order even for data the catalogue would reject.
    /// - Parameter shares: each step's fraction of the time limit, in process order (the catalogue
    ///   guarantees they are positive and sum to 1).
    public func stepDeadlines(shares: [Double], limit: TimeLimit, receivedAt: Date, options: CountingOptions = .standard) -> [Date] {
        guard !shares.isEmpty else { return [] }
        let due = dueDate(for: limit, receivedAt: receivedAt, options: options)
        let total = workingMinutes(from: receivedAt, to: due)
        var cumulative = 0.0
        var deadlines: [Date] = []
        for share in shares.dropLast() {
            cumulative += share.isFinite ? max(0, share) : 0
            let minutes = min(total, Int((cumulative * Double(total)).rounded()))
            deadlines.append(addingWorkingMinutes(minutes, to: receivedAt))
        }
        deadlines.append(due)
        return deadlines
    }
}

/// Collects the steps of one explanation.
private struct ExplanationBuilder {
    let calendar: WorkingCalendar
    let receivedAt: Date
    let receiptDay: LocalDate
    let receiptMillisecond: Int
    let recording: Bool
    var steps: [DeadlineExplanation.Step] = []

    init(calendar: WorkingCalendar, receivedAt: Date, recording: Bool) {
        self.calendar = calendar
        self.receivedAt = receivedAt
        self.recording = recording
        let position = WorkingCalendar.Position(receivedAt)
        receiptDay = LocalDate(daysSinceEpoch: position.day)
        receiptMillisecond = position.millisecond
        let stamp = { WorkingCalendar.localTimestamp(receivedAt) }
        add(.received, receiptDay, "Tiếp nhận lúc \(stamp())", "Received at \(stamp())")
    }

    mutating func add(
        _ kind: DeadlineExplanation.StepKind, _ date: LocalDate, _ vi: @autoclosure () -> String, _ en: @autoclosure () -> String,
        source: @autoclosure () -> String? = nil
    ) {
        guard recording else { return }
        steps.append(.init(kind: kind, date: date, textVi: vi(), textEn: en(), source: source(), provisional: calendar.status(of: date.year) == .provisional))
    }

    static func closedReasonVi(_ calendar: WorkingCalendar, _ date: LocalDate) -> String {
        if let off = calendar.dayOff(date) { return off.nameVi }
        return date.weekday == 6 ? "thứ Bảy" : "Chủ nhật"
    }

    static func closedReasonEn(_ calendar: WorkingCalendar, _ date: LocalDate) -> String {
        if let off = calendar.dayOff(date) { return off.nameEn }
        return date.weekday == 6 ? "Saturday" : "Sunday"
    }

    mutating func skipped(_ date: LocalDate) {
        let calendar = calendar
        add(
            .skipped, date, "Không tính: \(Self.closedReasonVi(calendar, date))", "Not counted: \(Self.closedReasonEn(calendar, date))",
            source: calendar.dayOff(date)?.source)
    }

    mutating func closedDay(_ date: LocalDate) {
        let calendar = calendar
        add(
            .closedDay, date, "Ngày tiếp nhận là ngày nghỉ (\(Self.closedReasonVi(calendar, date)))",
            "Received on a day offices are closed (\(Self.closedReasonEn(calendar, date)))", source: calendar.dayOff(date)?.source)
    }

    /// Walks to the first working day after `date`, recording the closed days passed.
    mutating func walkToNextWorkingDay(after date: LocalDate) -> LocalDate {
        var day = date.adding(days: 1)
        while !calendar.isWorkingDay(day) {
            skipped(day)
            day = day.adding(days: 1)
        }
        return day
    }

    /// The day the period is counted from (not itself counted): the day of receipt, or the next working day
    /// when a decree moves receipts after the cut-off there.
    mutating func startDay(options: CountingOptions, sources: inout [String]) -> LocalDate {
        var start = receiptDay
        if !calendar.isWorkingDay(receiptDay) {
            closedDay(receiptDay)
        } else if let decree = options.afterCutOffCountsFromNextWorkingDay,
            receiptMillisecond >= calendar.sameDayCutOffMinute * WorkingCalendar.millisecondsPerMinute
        {
            sources.append(decree)
            add(.cutOff, receiptDay, "Tiếp nhận từ 15 giờ: coi như tiếp nhận ngày làm việc tiếp theo", "Received at or after 15:00: counts as received the next working day",
                source: decree)
            start = walkToNextWorkingDay(after: receiptDay)
        }
        add(.notCounted, start, "Ngày bắt đầu, không tính vào thời hạn", "Start day, not counted", source: CountingRule.daysStartSource)
        return start
    }
}
