import Foundation
import MotCuaDomain
import MotCuaStorage

/// `motcua demo populate`: a year of realistic activity for a demo database, deterministic from a seed. Dossiers
/// are planned by the real intake (codes, promised dates from the calendar, components) across the communes
/// and the departments, then given an outcome: returned or done on time or late, stopped, withdrawn, waiting for
/// a supplement (the clock paused), asked twice (late), still in progress; online, counter and postal; with
/// components reused or taken from a national registry and registry look-ups logged for them. Written with the
/// bulk path (multi-row inserts); the index counters then catch up from the history.
public enum DemoPopulation {
    /// What was written.
    public struct Summary: Sendable {
        public let dossiers: Int
        public let lookUps: Int
    }

    /// A fictitious applicant name (the demo holds no real person).
    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    static let givenNames = ["Văn An", "Thị Bình", "Minh Châu", "Đức Dũng", "Thu Hà", "Quốc Hùng", "Thị Lan", "Văn Nam", "Ngọc Mai", "Gia Huy"]

    public static func populate(
        platform: Platform, dossiers count: Int, seed: UInt64, until end: Date, progress: @Sendable (Int) -> Void
    ) async throws -> Summary {
        let reference = platform.reference
        let workflow = DossierWorkflow(calendar: reference.calendar)
        let intake = DossierIntake(catalogue: reference.catalogue, agencies: reference.agencies, workflow: workflow)
        let communes = reference.agencies.agencies.filter { $0.kind == .commune }
        let communeProcedures = reference.catalogue.procedures.filter { $0.level == .commune }
        let departmentProcedures = reference.catalogue.procedures.filter { $0.level == .department && $0.department != nil }
        guard !communes.isEmpty, !communeProcedures.isEmpty else { return Summary(dossiers: 0, lookUps: 0) }
        let centre = reference.agencies.agencies.first { $0.kind == .serviceCentre }
        var random = SplitMix64(seed: seed)
        func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let start = end.addingTimeInterval(-365 * 86_400)
        let accessLog = SQLRegistryAccessLog(store: platform.store)
        var sequences: [String: Int] = [:]
        var batch: [(dossier: Dossier, entry: HistoryEntry)] = []
        var lookUps: [RegistryAccessEntry] = []
        var written = 0, logged = 0
        for index in 0..<count {
            // Receipts spread evenly over the year, in office hours (07:30–16:30 Vietnam time).
            let day = start.addingTimeInterval(Double(index) * 365 * 86_400 / Double(count))
            let dayMs = 86_400_000.0, offsetMs = 25_200_000.0
            let midnight = Date(timeIntervalSince1970: ((day.timeIntervalSince1970 * 1000 + offsetMs) / dayMs).rounded(.down) * dayMs / 1000 - offsetMs / 1000)
            let at = midnight.addingTimeInterval(Double(27_000 + Int(random.next() % 32_400)))
            let department = centre != nil && !departmentProcedures.isEmpty && chance(20)
            let procedure = department ? pick(departmentProcedures) : pick(communeProcedures)
            let agencyID = department ? procedure.department! : pick(communes).id
            let channel: Channel = chance(62) ? .online : (chance(90) ? .counter : .postal)
            let citizen = try CitizenID(String(format: "027%d%02d%06d", Int(random.next() % 2), 50 + Int(random.next() % 50), Int(random.next() % 1_000_000)))
            let reused = chance(30), fromRegistry = chance(45)
            let name = "\(pick(surnames)) \(pick(givenNames))"
            func request(_ channel: Channel) -> DossierRequest {
                DossierRequest(
                    procedureCode: procedure.code, agencyID: agencyID, applicantID: citizen.value, applicantName: name, channel: channel, formData: [:],
                    components: procedure.components.filter { $0.required && $0.registrySource == nil }.map { .init(code: $0.code, reference: "demo") })
            }
            let receiver = department ? centre!.id : agencyID
            let plan = try intake.plan(request(.counter), by: .official(id: "demo", role: .receptionOfficer, agencyID: receiver), at: at)
            let key = plan.receivingAgency.identifier + "|" + plan.codeDate.description
            let sequence = (sequences[key] ?? 0) + 1
            sequences[key] = sequence
            let code = DossierCode(agencyIdentifier: plan.receivingAgency.identifier, date: plan.codeDate, sequence: sequence)
            var (dossier, entry) = plan.make(code: code)
            if channel != .counter {
                // Submitted by the applicant (online) or by post, and received at once with the counter's promised date.
                let submitted = channel == .online
                    ? try intake.plan(request(channel), by: .citizen(citizen), at: at)
                    : try intake.plan(request(channel), by: .official(id: "demo", role: .receptionOfficer, agencyID: receiver), at: at)
                let received = dossier
                (dossier, entry) = submitted.make(code: code)
                dossier.status = .received
                dossier.receivedAt = at
                dossier.dueAt = received.dueAt
                dossier.stepDeadlines = received.stepDeadlines
            }
            for component in dossier.components.indices where component % 2 == 0 {
                if reused { dossier.components[component].state = .reused } else if fromRegistry { dossier.components[component].state = .fromRegistry }
            }
            outcome(&dossier, random: &random, received: at, now: end)
            batch.append((dossier, entry))
            if fromRegistry {
                lookUps.append(
                    RegistryAccessEntry(
                        at: at.addingTimeInterval(5), subjectID: citizen, registry: .population, fields: ["fullName", "dateOfBirth"],
                        actorKind: .system, actorID: "registry-verifier", agencyID: agencyID, purposeKind: .dossier,
                        purposeReference: dossier.code, requestID: UUID(uuid: uuid(&random)), outcome: chance(95) ? .found : .notFound))
            }
            if batch.count == 5_000 || index == count - 1 {
                try await platform.dossiers.bulkInsert(batch, sequences: [])
                try await accessLog.record(lookUps)
                written += batch.count
                logged += lookUps.count
                batch.removeAll(keepingCapacity: true)
                lookUps.removeAll(keepingCapacity: true)
                progress(written)
            }
        }
        try await BenchmarkSupport.writeSequences(sequences, platform: platform)
        return Summary(dossiers: written, lookUps: logged)
    }

    /// Where a dossier received at `received` stands at `now`: most ended (returned after being done), some late,
    /// a few stopped or withdrawn, supplements asked once (paused) or twice (late), the recent ones in progress.
    static func outcome(_ dossier: inout Dossier, random: inout SplitMix64, received: Date, now: Date) {
        let due = dossier.dueAt ?? received.addingTimeInterval(3 * 86_400)
        let allowed = max(3_600, due.timeIntervalSince(received))
        // Hours to finish: mostly well within the promised time, one in eight late by up to half as long again.
        let late = random.next() % 8 == 0
        let spent = late ? allowed * (1 + Double(random.next() % 50 + 1) / 100) : allowed * Double(random.next() % 90 + 5) / 100
        let finished = received.addingTimeInterval(spent)
        let roll = random.next() % 100
        if roll < 2 {
            dossier.status = .withdrawn
            dossier.finishedAt = received.addingTimeInterval(spent / 4)
            return
        }
        if roll < 8 {
            // A supplement asked once and still awaited: the clock is paused; asked twice: late whatever the dates.
            dossier.status = .supplementRequested
            dossier.step = .appraisal
            dossier.supplementRequests = roll < 4 ? 2 : 1
            dossier.countsAsLate = dossier.supplementRequests > 1
            dossier.pausedAt = min(now, received.addingTimeInterval(spent / 2))
            return
        }
        guard finished < now else {
            dossier.status = .inProcess
            dossier.step = .appraisal
            return
        }
        if roll < 10 {
            dossier.status = .stopped
            dossier.finishedAt = finished
            return
        }
        dossier.status = roll < 25 ? .done : .returned
        dossier.step = .delivery
        dossier.finishedAt = finished
        if dossier.status == .returned { dossier.returnedAt = min(now, finished.addingTimeInterval(Double(random.next() % 86_400))) }
        if roll < 14 { dossier.supplementRequests = 1 }
    }

    static func uuid(_ random: inout SplitMix64) -> uuid_t {
        let a = random.next(), b = random.next()
        return (
            UInt8(a & 0xFF), UInt8(a >> 8 & 0xFF), UInt8(a >> 16 & 0xFF), UInt8(a >> 24 & 0xFF), UInt8(a >> 32 & 0xFF), UInt8(a >> 40 & 0xFF),
            UInt8(a >> 48 & 0x0F | 0x40), UInt8(a >> 56 & 0xFF), UInt8(b & 0x3F | 0x80), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF),
            UInt8(b >> 24 & 0xFF), UInt8(b >> 32 & 0xFF), UInt8(b >> 40 & 0xFF), UInt8(b >> 48 & 0xFF), UInt8(b >> 56 & 0xFF))
    }
}
