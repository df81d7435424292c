import Foundation
import MotCuaAPI
import MotCuaDomain
import MotCuaStorage

extension Components.Schemas.Official {
    init(_ official: Official) {
        self.init(
            id: official.id, username: official.username, fullName: official.fullName,
            role: .init(rawValue: official.role.rawValue)!, agencyId: official.agencyID)
    }
}

extension Components.Schemas.Agency {
    init(_ agency: Agency) {
        self.init(
            id: agency.id, identifier: agency.identifier, kind: .init(rawValue: agency.kind.rawValue)!, nameVi: agency.nameVi,
            nameEn: agency.nameEn, administrativeCode: agency.administrativeCode)
    }
}

extension Components.Schemas.TimeLimit {
    init(_ limit: TimeLimit) {
        switch limit {
        case .sameDay: self.init(unit: .sameDay)
        case .workingDays(let days): self.init(unit: .workingDays, value: days)
        case .workingHours(let hours): self.init(unit: .workingHours, value: hours)
        case .calendarDays(let days): self.init(unit: .calendarDays, value: days)
        }
    }
}

extension Components.Schemas.Procedure {
    init(_ p: Procedure) {
        self.init(
            code: p.code, nameVi: p.nameVi, nameEn: p.nameEn, sector: p.sector, sectorNameVi: p.sectorNameVi,
            sectorNameEn: p.sectorNameEn, level: .init(rawValue: p.level.rawValue)!, department: p.department,
            onlineLevel: .init(rawValue: p.onlineLevel.rawValue)!, timeLimit: .init(p.timeLimit),
            fee: .init(amountVND: p.fee.amountVND, noteVi: p.fee.noteVi, noteEn: p.fee.noteEn),
            components: p.components.map {
                .init(
                    code: $0.code, nameVi: $0.nameVi, nameEn: $0.nameEn, required: $0.required,
                    registrySource: $0.registrySource.flatMap { .init(rawValue: $0.rawValue) },
                    reusableFrom: $0.reusableFrom?.map(Components.Schemas.ResultType.init))
            },
            process: p.process.map {
                .init(step: .init(rawValue: $0.step.rawValue)!, role: .init(rawValue: $0.role.rawValue)!, share: $0.share)
            },
            resultType: p.resultType.map(Components.Schemas.ResultType.init))
    }
}

extension Components.Schemas.Status {
    init(_ status: DossierStatus) {
        self.init(code: status.rawValue, name: .init(rawValue: status.name)!, labelVi: status.labelVi)
    }
}

extension Components.Schemas.Dossier {
    init(_ d: Dossier, now: Date, verification: PendingVerification? = nil) {
        self.init(
            id: d.id.lowercasedText, code: d.code, procedureCode: d.procedureCode, agencyId: d.agencyID,
            receivingAgencyId: d.receivingAgencyID, applicant: .init(citizenId: d.applicantID.value, fullName: d.applicantName),
            channel: .init(rawValue: d.channel.rawValue)!, status: .init(d.status), step: .init(rawValue: d.step.rawValue)!,
            outcome: d.outcome.flatMap { .init(rawValue: $0.rawValue) }, handlerId: d.handlerID, submittedAt: d.submittedAt,
            receivedAt: d.receivedAt, dueAt: d.dueAt, dueProvisional: d.dueProvisional,
            stepDeadlines: ProcessStep.allCases.compactMap { step in
                d.stepDeadlines[step].map { .init(step: .init(rawValue: step.rawValue)!, dueAt: $0) }
            },
            supplementRequests: d.supplementRequests, countsAsLate: d.countsAsLate, extensions: d.extensions,
            overdue: d.isOverdue(at: now), finishedAt: d.finishedAt, returnedAt: d.returnedAt, version: d.version,
            components: d.components.map {
                .init(
                    code: $0.code, nameVi: $0.nameVi, nameEn: $0.nameEn, required: $0.required,
                    registrySource: $0.registrySource?.rawValue, state: .init(rawValue: $0.state.rawValue)!,
                    reference: $0.reference, verifiedAt: $0.verifiedAt, provenance: $0.provenance.flatMap { .init(rawValue: $0.rawValue) },
                    reusedItem: $0.state == .reused ? $0.reusedItem.map(Components.Schemas.ReusedItem.init) : nil)
            },
            formData: .init(additionalProperties: d.formData), flags: d.flags.map(Components.Schemas.DossierFlag.init),
            verification: verification.map {
                .init(attempts: $0.attempts, nextAttemptAt: $0.nextAttemptAt, lastError: $0.lastError)
            })
    }
}

extension Components.Schemas.Dossier {
    /// The dossier as the caller may read it: an applicant sees nothing the national databases hold about
    /// the other people their form names, and no internal error text of the background verification.
    init(_ d: Dossier, now: Date, verification: PendingVerification? = nil, for caller: Caller) {
        guard case .citizen = caller else {
            self.init(d, now: now, verification: verification)
            return
        }
        self.init(d.citizenView, now: now, verification: verification)
        self.verification?.lastError = nil
    }
}

extension Components.Schemas.DossierSummary {
    init(_ d: DossierSummary, now: Date) {
        self.init(
            id: d.id.lowercasedText, code: d.code, procedureCode: d.procedureCode, agencyId: d.agencyID,
            receivingAgencyId: d.receivingAgencyID, applicant: .init(citizenId: d.applicantID.value, fullName: d.applicantName),
            channel: .init(rawValue: d.channel.rawValue)!, status: .init(d.status), step: .init(rawValue: d.step.rawValue)!,
            outcome: d.outcome.flatMap { .init(rawValue: $0.rawValue) }, handlerId: d.handlerID, submittedAt: d.submittedAt,
            receivedAt: d.receivedAt, dueAt: d.dueAt, countsAsLate: d.countsAsLate, overdue: d.isOverdue(at: now), version: d.version)
    }
}

extension Components.Schemas.HistoryEntry {
    /// An entry as the caller may read it: applicants get `citizenNote`.
    init(_ e: HistoryEntry, for caller: Caller) {
        self.init(e)
        if case .citizen = caller { note = e.citizenNote }
    }

    init(_ e: HistoryEntry) {
        self.init(
            sequence: e.sequence, action: e.action, actorId: e.actorID, actorRole: e.actorRole, actorAgencyId: e.actorAgencyID,
            at: e.at, statusBefore: e.statusBefore.flatMap { .init(rawValue: $0.name) },
            statusAfter: .init(rawValue: e.statusAfter.name)!, stepBefore: e.stepBefore.flatMap { .init(rawValue: $0.rawValue) },
            stepAfter: .init(rawValue: e.stepAfter.rawValue)!, note: e.note, previousHash: e.previousHash, hash: e.hash)
    }
}

extension Components.Schemas.DossierFlag {
    init(_ flag: DossierFlag) {
        self.init(
            kind: .init(rawValue: flag.kind.rawValue)!, registry: .init(rawValue: flag.registry.rawValue)!, subject: flag.subject,
            messageVi: flag.messageVi, messageEn: flag.messageEn)
    }
}

extension Components.Schemas.DeadlineExplanation {
    init(_ e: DeadlineExplanation, dossier: Dossier) {
        self.init(
            code: dossier.code, procedureCode: dossier.procedureCode, timeLimit: .init(e.limit), receivedAt: e.receivedAt,
            computedDueAt: e.dueAt, dueAt: dossier.dueAt, rule: .init(vi: e.ruleVi, en: e.ruleEn), sources: e.sources,
            steps: e.steps.map {
                .init(
                    kind: .init(rawValue: $0.kind.rawValue)!, date: $0.date.description, text: .init(vi: $0.textVi, en: $0.textEn),
                    source: $0.source, provisional: $0.provisional)
            },
            provisional: e.isProvisional, provisionalYears: e.provisionalYears)
    }
}
