import Foundation

/// The five-step electronic process as a pure state machine: given a dossier, an action, an actor and the
/// time, it returns the next dossier and the history entry to append, or the rule that forbids it.
public struct DossierWorkflow: Sendable {
    public let calendar: WorkingCalendar

    public init(calendar: WorkingCalendar) {
        self.calendar = calendar
    }

    /// Applies one action.
    /// - Parameters:
    ///   - expectedVersion: the version the actor last saw; a different current version is a conflict.
    public func apply(
        _ action: DossierAction, to dossier: Dossier, procedure: Procedure, by actor: Actor, expectedVersion: Int,
        at now: Date
    ) throws(TransitionError) -> (dossier: Dossier, entry: HistoryEntry) {
        guard expectedVersion == dossier.version else {
            throw TransitionError(
                .conflict,
                "Hồ sơ đã được cập nhật bởi người khác (phiên bản \(dossier.version)); tải lại rồi thử lại / "
                    + "the dossier was changed by someone else (now version \(dossier.version), you sent \(expectedVersion)); reload and retry")
        }
        guard !dossier.status.isTerminal || action.changesSignedResult else {
            throw TransitionError(
                .conflict, "Hồ sơ đã kết thúc (\(dossier.status.labelVi)) / the dossier is closed (\(dossier.status.name)); no action is possible")
        }
        var next = dossier
        let note: String?
        switch action {
        case .receive:
            try require(actor, roles: [.receptionOfficer], at: dossier.receivingAgencyID, action)
            try require(dossier, in: [.submitted], action)
            startClock(&next, procedure: procedure, at: now)
            next.status = .received
            note = nil

        case .refuseReceipt(let reason):
            try require(actor, roles: [.receptionOfficer], at: dossier.receivingAgencyID, action)
            try require(dossier, in: [.submitted], action)
            note = try requireText(reason, "reason", action)
            next.status = .notReceived
            next.finishedAt = now

        case .assign(let specialist):
            try requireAssigner(actor, dossier: dossier, action)
            try require(dossier, in: [.received, .inProcess], action)
            if dossier.status == .inProcess { try require(dossier, atStep: .appraisal, action) }
            guard specialist.role == .specialist, specialist.agencyID == dossier.agencyID else {
                throw TransitionError(
                    .invalid,
                    "Chỉ giao cho chuyên viên của cơ quan giải quyết / the assignee must be a specialist of \(dossier.agencyID)")
            }
            next.status = .inProcess
            next.step = .appraisal
            next.handlerID = specialist.id
            note = "assigned to \(specialist.id)"

        case .appraise(let opinion):
            try require(actor, roles: [.specialist], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .appraisal, action)
            try requireHandler(actor, dossier, action)
            note = try requireText(opinion, "opinion", action)
            next.step = .approval
            next.handlerID = nil

        case .requestSupplement(let reason):
            try require(actor, roles: [.specialist], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .appraisal, action)
            try requireHandler(actor, dossier, action)
            note = try requireText(reason, "reason", action)
            next.status = .supplementRequested
            next.supplementRequests += 1
            // Decision 766 rule: the supplement is requested once, in full; a second request makes the dossier late.
            if next.supplementRequests > 1 { next.countsAsLate = true }
            pauseClock(&next, at: now)

        case .supplement(let text):
            try requireApplicantSide(actor, dossier: dossier, action)
            try require(dossier, in: [.supplementRequested], action)
            note = try optionalText(text, action)
            resumeClock(&next, at: now)
            next.status = .inProcess

        case .approve(let text, let overrideReason):
            try require(actor, roles: [.leader], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .approval, action)
            let parts = try [optionalText(text, action), approvalGuard(dossier, overrideReason: overrideReason, action)].compactMap { $0 }
            note = parts.isEmpty ? nil : parts.joined(separator: " | ")
            next.step = .signature

        case .refuse(let reason):
            try require(actor, roles: [.leader], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .approval, action)
            note = try requireText(reason, "reason", action)
            next.status = .done
            next.step = .delivery
            next.outcome = .refused
            next.finishedAt = now

        case .approveForSignature(let text, let overrideReason, let resultID):
            try require(actor, roles: [.leader], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .signature, action)
            if procedure.resultType != nil && resultID == nil {
                throw TransitionError(
                    .conflict,
                    "Thủ tục này trả kết quả điện tử: ký kết quả bằng POST /dossiers/\(dossier.code)/result/sign / "
                        + "this procedure ends in an electronic result: sign it with POST /dossiers/\(dossier.code)/result/sign")
            }
            let guardNote = try approvalGuard(dossier, overrideReason: overrideReason, action)
            let signature = resultID.map { "result \($0) digitally signed (JWS ES256)" }
                ?? "leader's sign-off recorded; this procedure's result is not issued electronically"
            note = [try optionalText(text, action), guardNote, signature].compactMap { $0 }.joined(separator: " | ")
            next.status = .done
            next.step = .delivery
            next.outcome = .approved
            next.finishedAt = now

        case .returnResult(let text, let paperCopy):
            guard case .official(_, .resultClerk, let agencyID) = actor,
                agencyID == dossier.receivingAgencyID || agencyID == dossier.agencyID
            else {
                throw forbidden(action, roles: [.resultClerk], agency: dossier.receivingAgencyID)
            }
            try require(dossier, in: [.done], action)
            let parts = [try optionalText(text, action), paperCopy ? "paper copy requested" : nil].compactMap { $0 }
            note = parts.isEmpty ? nil : parts.joined(separator: " | ")
            next.status = .returned
            next.returnedAt = now

        case .prepareResult(let resultID):
            try require(actor, roles: [.specialist], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .appraisal, action)
            try requireHandler(actor, dossier, action)
            note = "result draft \(resultID)"

        case .revokeResult(let resultID, let reason):
            try require(actor, roles: [.leader], at: dossier.agencyID, action)
            note = "result \(resultID) revoked: " + (try requireText(reason, "reason", action))

        case .correctResult(let resultID, let correctedBy, let reason):
            try require(actor, roles: [.leader], at: dossier.agencyID, action)
            note = "result \(resultID) superseded by \(correctedBy): " + (try requireText(reason, "reason", action))

        case .withdraw(let reason):
            try requireApplicantSide(actor, dossier: dossier, action)
            try require(dossier, in: [.submitted, .received, .inProcess, .supplementRequested, .paymentRequested], action)
            note = try requireText(reason, "reason", action)
            next.status = .withdrawn
            next.finishedAt = now

        case .stop(let reason):
            try require(actor, roles: [.leader], at: dossier.agencyID, action)
            try require(dossier, in: [.received, .inProcess, .supplementRequested, .paymentRequested], action)
            note = try requireText(reason, "reason", action)
            next.status = .stopped
            next.finishedAt = now

        case .requestPayment(let reason, let amount):
            // Status 6. Clock rule chosen, not verified [U]: the time the applicant takes to pay is not counted,
            // as for a supplement (the land-registration decrees exclude it from the processing time; the
            // Decree 118/2025 text on status 6 was not found). See DossierStatus.paymentRequested.
            try require(actor, roles: [.specialist], at: dossier.agencyID, action)
            try require(dossier, in: [.inProcess], action)
            try require(dossier, atStep: .appraisal, action)
            try requireHandler(actor, dossier, action)
            let text = try requireText(reason, "reason", action)
            if let amount, !(0...1_000_000_000_000).contains(amount) {
                throw TransitionError(.invalid, "amountVND must be between 0 and 1,000,000,000,000")
            }
            note = text + (amount.map { " | amount VND \($0)" } ?? "")
            next.status = .paymentRequested
            pauseClock(&next, at: now)

        case .recordPayment(let text):
            switch actor {
            case .official(_, .specialist, let agency) where agency == dossier.agencyID:
                try requireHandler(actor, dossier, action)
            case .official(_, .receptionOfficer, let agency) where agency == dossier.receivingAgencyID:
                break
            default:
                throw TransitionError(
                    .forbidden,
                    "'record_payment' is allowed to the specialist of \(dossier.agencyID) or a reception officer of \(dossier.receivingAgencyID)")
            }
            try require(dossier, in: [.paymentRequested], action)
            note = text
            resumeClock(&next, at: now)
            next.status = .inProcess

        case .extend(let reason, let newDueAt):
            try require(actor, roles: [.specialist, .leader], at: dossier.agencyID, action)
            try require(dossier, in: [.received, .inProcess], action)
            let text = try requireText(reason, "reason", action)
            guard let dueAt = dossier.dueAt, newDueAt > dueAt, newDueAt > now else {
                throw TransitionError(
                    .invalid, "Ngày hẹn mới phải sau ngày hẹn hiện tại / the new return date must be after the current one and in the future")
            }
            next.dueAt = newDueAt
            next.extensions += 1
            // The last step's deadline is the promised date; keep the others unless they now exceed it.
            next.stepDeadlines[.delivery] = newDueAt
            note = text + " | new return date " + calendar.localDate(of: newDueAt).description
        }
        next.version = dossier.version + 1
        let entry = HistoryEntry(
            dossierID: dossier.id, sequence: dossier.version + 1, action: action.name, actor: actor, at: now,
            statusBefore: dossier.status, statusAfter: next.status, stepBefore: dossier.step, stepAfter: next.step,
            note: note, previousHash: dossier.historyHead)
        next.historyHead = entry.hash
        return (next, entry)
    }

    /// Sets the promised date and per-step deadlines from the moment of receipt.
    func startClock(_ dossier: inout Dossier, procedure: Procedure, at now: Date) {
        dossier.receivedAt = now
        let explanation = calendar.explainDueDate(for: procedure.timeLimit, receivedAt: now, options: procedure.countingOptions)
        dossier.dueAt = explanation.dueAt
        dossier.dueProvisional = explanation.isProvisional
        let deadlines = calendar.stepDeadlines(
            shares: procedure.process.map(\.share), limit: procedure.timeLimit, receivedAt: now, options: procedure.countingOptions)
        dossier.stepDeadlines = Dictionary(uniqueKeysWithValues: zip(procedure.process.map(\.step), deadlines))
    }

    /// How the current calendar computes the promised date of `dossier` from its receipt. A dossier that was
    /// paused or extended carries a later `dueAt` than this explanation's; callers show both.
    public func explain(_ dossier: Dossier, procedure: Procedure) -> DeadlineExplanation? {
        guard let receivedAt = dossier.receivedAt else { return nil }
        return calendar.explainDueDate(for: procedure.timeLimit, receivedAt: receivedAt, options: procedure.countingOptions)
    }

    /// Recomputes a provisional promised date after the notice of the year it depends on was loaded.
    ///
    /// Returns `nil` when there is nothing to do: the dossier is not provisional, is not with the
    /// administration (finished, or paused: the date moves again when the clock resumes), was extended
    /// (the new date was set by hand), or the calendar still has no notice for that year. Otherwise the
    /// next dossier and a history entry by the system actor, naming the old and the new date; step
    /// deadlines are recomputed from receipt and moved by the time the clock stood still.
    public func recomputeProvisionalDueDate(_ dossier: Dossier, procedure: Procedure, at now: Date) -> (dossier: Dossier, entry: HistoryEntry)? {
        guard dossier.dueProvisional, dossier.status.isWithAdministration, dossier.extensions == 0,
            let receivedAt = dossier.receivedAt, let oldDue = dossier.dueAt
        else { return nil }
        let explanation = calendar.explainDueDate(for: procedure.timeLimit, receivedAt: receivedAt, options: procedure.countingOptions)
        guard !explanation.isProvisional else { return nil }
        var next = dossier
        // The clock stood still for `pausedOfficeMinutes` (supplements, payments): the date moves by as much.
        next.dueAt = calendar.addingWorkingMinutes(dossier.pausedOfficeMinutes, to: explanation.dueAt)
        next.dueProvisional = false
        let deadlines = calendar.stepDeadlines(
            shares: procedure.process.map(\.share), limit: procedure.timeLimit, receivedAt: receivedAt, options: procedure.countingOptions)
        next.stepDeadlines = Dictionary(
            uniqueKeysWithValues: zip(procedure.process.map(\.step), deadlines.map { calendar.addingWorkingMinutes(dossier.pausedOfficeMinutes, to: $0) }))
        next.version = dossier.version + 1
        let note =
            "Lịch nghỉ chính thức đã nạp: ngày hẹn \(WorkingCalendar.localTimestamp(oldDue)) (tạm tính) → \(WorkingCalendar.localTimestamp(explanation.dueAt)) / "
            + "official calendar loaded: promised date \(WorkingCalendar.localTimestamp(oldDue)) (provisional) → \(WorkingCalendar.localTimestamp(explanation.dueAt))"
        let entry = HistoryEntry(
            dossierID: dossier.id, sequence: dossier.version + 1, action: "recompute_due_date", actor: .system("calendar"), at: now,
            statusBefore: dossier.status, statusAfter: next.status, stepBefore: dossier.step, stepAfter: next.step,
            note: note, previousHash: dossier.historyHead)
        next.historyHead = entry.hash
        return (next, entry)
    }

    /// Stops the clock while the dossier waits for the applicant (supplement or payment).
    private func pauseClock(_ dossier: inout Dossier, at now: Date) {
        dossier.pausedAt = now
        dossier.pausedRemainingMinutes = dossier.dueAt.map { calendar.workingMinutes(from: now, to: $0) } ?? 0
    }

    /// Moves every deadline still ahead by the office time the dossier spent waiting for the applicant.
    private func resumeClock(_ dossier: inout Dossier, at now: Date) {
        guard let pausedAt = dossier.pausedAt else { return }
        if let dueAt = dossier.dueAt {
            let moved = calendar.addingWorkingMinutes(calendar.workingMinutes(from: pausedAt, to: dueAt), to: now)
            dossier.dueAt = moved
            // The moved date is provisional when any year it now spans has no notice loaded.
            let fromYear = calendar.localDate(of: dossier.receivedAt ?? now).year
            dossier.dueProvisional = (fromYear...max(fromYear, calendar.localDate(of: moved).year)).contains { calendar.status(of: $0) == .provisional }
        }
        dossier.pausedOfficeMinutes += calendar.workingMinutes(from: pausedAt, to: now)
        for (step, deadline) in dossier.stepDeadlines where deadline > pausedAt {
            dossier.stepDeadlines[step] = calendar.addingWorkingMinutes(
                calendar.workingMinutes(from: pausedAt, to: deadline), to: now)
        }
        dossier.pausedAt = nil
        dossier.pausedRemainingMinutes = nil
    }

    // MARK: - Rules

    /// How the history note of an approval begins when a leader overrode the approval guard.
    public static let overrideNotePrefix = "override by leader: "

    /// What stands in the way of approving a dossier: required components neither provided nor obtained from
    /// a national database, and flags that block approval. Empty when it may be approved.
    public static func approvalObstacles(of dossier: Dossier) -> [String] {
        let components = dossier.components
            .filter { $0.required && $0.state != .provided && $0.state != .fromRegistry }
            .map { "component \($0.code) is \($0.state.rawValue)" }
        let flags = Set(dossier.flags.map(\.kind).filter(\.blocksApproval)).map(\.rawValue).sorted().map { "flag \($0)" }
        return components + flags
    }

    /// Refuses approval while obstacles stand, unless the leader states why they approve anyway; returns the
    /// history note recording that override (nil when there was nothing to override).
    private func approvalGuard(_ dossier: Dossier, overrideReason: String?, _ action: DossierAction) throws(TransitionError) -> String? {
        let obstacles = Self.approvalObstacles(of: dossier)
        guard !obstacles.isEmpty else { return nil }
        guard let overrideReason, !overrideReason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw TransitionError(
                .conflict,
                "Chưa thể phê duyệt: thành phần hồ sơ bắt buộc chưa đủ hoặc chưa xác minh, hoặc có cảnh báo chặn; lãnh đạo có thể phê duyệt "
                    + "khi ghi rõ lý do (overrideReason) / '\(action.name)' is blocked: \(obstacles.joined(separator: "; ")); "
                    + "a leader may override by stating 'overrideReason', which is recorded in the history")
        }
        let reason = try requireText(overrideReason, "overrideReason", action)
        return Self.overrideNotePrefix + "\(reason) (despite: \(obstacles.joined(separator: "; ")))"
    }

    private func require(_ actor: Actor, roles: Set<Role>, at agencyID: String, _ action: DossierAction) throws(TransitionError) {
        guard case .official(_, let role, let actorAgency) = actor, roles.contains(role), actorAgency == agencyID else {
            throw forbidden(action, roles: roles, agency: agencyID)
        }
    }

    private func forbidden(_ action: DossierAction, roles: Set<Role>, agency: String) -> TransitionError {
        let names = roles.map(\.rawValue).sorted().joined(separator: " or ")
        return TransitionError(
            .forbidden,
            "Bạn không có quyền thực hiện '\(action.name)' / '\(action.name)' is allowed only to \(names) of agency \(agency)")
    }

    private func require(_ dossier: Dossier, in statuses: [DossierStatus], _ action: DossierAction) throws(TransitionError) {
        guard statuses.contains(dossier.status) else {
            let allowed = statuses.map(\.name).joined(separator: ", ")
            throw TransitionError(
                .conflict,
                "Không thể '\(action.name)' khi hồ sơ ở trạng thái \(dossier.status.labelVi) / "
                    + "'\(action.name)' needs status \(allowed); the dossier is \(dossier.status.name)")
        }
    }

    private func require(_ dossier: Dossier, atStep step: ProcessStep, _ action: DossierAction) throws(TransitionError) {
        guard dossier.step == step else {
            throw TransitionError(
                .conflict, "'\(action.name)' belongs to the \(step.rawValue) step; the dossier is at the \(dossier.step.rawValue) step")
        }
    }

    private func requireHandler(_ actor: Actor, _ dossier: Dossier, _ action: DossierAction) throws(TransitionError) {
        guard dossier.handlerID == nil || dossier.handlerID == actor.id else {
            throw TransitionError(
                .forbidden, "Hồ sơ đã giao cho chuyên viên khác / the dossier is assigned to another specialist; only they may '\(action.name)'")
        }
    }

    private func requireAssigner(_ actor: Actor, dossier: Dossier, _ action: DossierAction) throws(TransitionError) {
        switch actor {
        case .official(_, .receptionOfficer, let agency) where agency == dossier.receivingAgencyID && dossier.status == .received:
            return
        case .official(_, .leader, let agency) where agency == dossier.agencyID:
            return
        default:
            throw TransitionError(
                .forbidden,
                "'assign' is allowed to reception_officer of \(dossier.receivingAgencyID) (first assignment) or leader of \(dossier.agencyID)")
        }
    }

    /// The applicant, or a reception officer acting for them at the desk that received the dossier.
    private func requireApplicantSide(_ actor: Actor, dossier: Dossier, _ action: DossierAction) throws(TransitionError) {
        switch actor {
        case .citizen(let id) where id == dossier.applicantID:
            return
        case .official(_, .receptionOfficer, let agency) where agency == dossier.receivingAgencyID:
            return
        default:
            throw TransitionError(
                .forbidden,
                "'\(action.name)' is done by the applicant, or by a reception officer of \(dossier.receivingAgencyID) on their behalf")
        }
    }

    private func requireText(_ text: String, _ field: String, _ action: DossierAction) throws(TransitionError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty else {
            throw TransitionError(.invalid, "'\(action.name)' cần nêu lý do / '\(action.name)' needs a non-empty \(field)")
        }
        guard trimmed.count <= 2_000 else {
            throw TransitionError(.invalid, "\(field) is longer than 2,000 characters")
        }
        // Line breaks and tabs are fine in a note; other control characters (a NUL above all) are cut off or
        // refused by the databases and would break the history's hash chain.
        if let scalar = TextInput.forbiddenScalar(in: trimmed, lines: .multiple) {
            throw TransitionError(.invalid, "\(field) contains the control character \(TextInput.describe(scalar))")
        }
        return trimmed
    }

    /// An optional note, held to the same rules as a required one; blank counts as absent.
    private func optionalText(_ text: String?, _ action: DossierAction) throws(TransitionError) -> String? {
        guard let text, !text.isBlank else { return nil }
        return try requireText(text, "note", action)
    }
}
