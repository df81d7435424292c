import Foundation
import MotCuaDomain
import MotCuaStorage

/// `motcua demo populate`: a year of realistic activity for a demo database, deterministic from a seed. Dossiers
/// are planned by the real intake (codes, promised dates from the calendar, components) across the communes
/// and the departments, then given an outcome: returned or done on time or late, stopped, withdrawn, waiting for
/// a supplement (the clock paused), asked twice (late), still in progress; online, counter and postal; with
/// components reused or taken from a national registry and registry look-ups logged for them. Around them, what
/// fills the rest of the index: components scanned at receipt (`DemoScan`), signed electronic results
/// (`DemoSigning`), the applicants' ratings and complaints and petitions (`DemoPetitions`). Written with the
/// bulk path (multi-row inserts, one transaction per batch); the index counters then catch up from the history.
public enum DemoPopulation {
    /// What was written.
    public struct Summary: Sendable {
        public let dossiers: Int
        public let lookUps: Int
        public var results = 0
        public var scans = 0
        public var ratings = 0
        public var petitions = 0
    }

    /// Shares of the demo's activity, in percent, chosen to look like a province's published figures
    /// (docs/index-live-counters.md and docs/satisfaction.md say why).
    enum Share {
        /// Dossiers whose paper components are scanned at receipt (Bắc Giang reports 90.26% digitisation).
        static let scanned: UInt64 = 88
        /// Ended dossiers of a procedure with an electronic result that got it signed (the rest on paper).
        static let signed: UInt64 = 95
        /// Returned dossiers rated by their applicant.
        static let rated: UInt64 = 35
        /// Petitions per 1,000 dossiers: about a dossier, and to an agency in general.
        static let petitionsAboutDossiers: UInt64 = 5
        static let petitionsGeneral: UInt64 = 2
    }

    /// A fictitious applicant name (the demo holds no real person).
    static let surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    static let givenNames = ["Văn An", "Thị Bình", "Minh Châu", "Đức Dũng", "Thu Hà", "Quốc Hùng", "Thị Lan", "Văn Nam", "Ngọc Mai", "Gia Huy"]

    /// Before the platform opens: in the demo, a CA that exists from the start of the populated year (see `DemoSigning`).
    public static func prepare(_ configuration: AppConfiguration, until end: Date) throws {
        try DemoSigning.prepareAuthority(configuration, end: end)
    }

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
        let scan = try await DemoScan.store(platform.configuration)
        var signing = try await DemoSigning(platform: platform)
        let petitions = DemoPetitions(limits: try SatisfactionService.bundledRules().timeLimits, calendar: reference.calendar)
        var sequences: [String: Int] = [:]
        var batch: [(dossier: Dossier, entries: [HistoryEntry])] = []
        var activity = BulkActivity()
        var filings: [(agencyID: String, dossierCode: String?, citizenID: String, received: Date)] = []
        var lookUps: [RegistryAccessEntry] = []
        var summary = Summary(dossiers: 0, lookUps: 0)
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
            var entries = [entry]
            if chance(Share.scanned) {
                // The paper components scanned at receipt: by the applicant online, by the officer at the desk or for the post.
                let actor: Actor = channel == .online ? .citizen(citizen) : .official(id: "demo", role: .receptionOfficer, agencyID: receiver)
                activity.documents += try scan.file(&dossier, entries: &entries, by: actor, at: at.addingTimeInterval(Double(60 + random.next() % 600)), random: &random)
            }
            outcome(&dossier, random: &random, received: at, now: end)
            if dossier.status == .done || dossier.status == .returned, chance(Share.signed), let finished = dossier.finishedAt,
                let spec = reference.catalogue.procedure(code: dossier.procedureCode)?.resultType.flatMap(reference.resultTypes.spec)
            {
                let fields = DemoResultFields.values(
                    for: spec, dossier: dossier, agencyName: reference.agencies.agency(id: agencyID)?.nameVi ?? agencyID, calendar: reference.calendar,
                    random: &random)
                let prepared = max(at, finished.addingTimeInterval(-Double(1_800 + random.next() % 7_200)))
                if let result = try await signing.sign(&dossier, entries: &entries, fields: fields, preparedAt: prepared, end: end) {
                    activity.results.append(result)
                }
            }
            if let rating = rating(of: dossier, random: &random, now: end) { activity.ratings.append(rating) }
            if random.next() % 1_000 < Share.petitionsAboutDossiers {
                // About this dossier, some days after it ended or while it was being processed.
                let received = (dossier.finishedAt ?? at).addingTimeInterval(Double(1 + random.next() % 10) * 86_400)
                if received <= end { filings.append((agencyID: dossier.agencyID, dossierCode: dossier.code, citizenID: citizen.value, received: received)) }
            }
            if random.next() % 1_000 < Share.petitionsGeneral {
                filings.append((agencyID: agencyID, dossierCode: nil, citizenID: citizen.value, received: at.addingTimeInterval(Double(random.next() % 3_600))))
            }
            batch.append((dossier, entries))
            if fromRegistry {
                lookUps.append(
                    RegistryAccessEntry(
                        at: at.addingTimeInterval(5), subjectID: citizen, registry: .population, fields: ["fullName", "dateOfBirth"],
                        actorKind: .system, actorID: "registry-verifier", agencyID: agencyID, purposeKind: .dossier,
                        purposeReference: dossier.code, requestID: UUID(uuid: uuid(&random)), outcome: chance(95) ? .found : .notFound))
            }
            if batch.count == 5_000 || index == count - 1 {
                activity.registerNumbers = signing.take()
                for filing in filings {
                    activity.petitions.append(
                        try petitions.file(
                            agencyID: filing.agencyID, dossierCode: filing.dossierCode, citizenID: filing.citizenID, received: filing.received,
                            now: end, random: &random))
                }
                try await platform.dossiers.bulkInsert(batch, activity: activity)
                try await accessLog.record(lookUps)
                written += batch.count
                logged += lookUps.count
                summary.results += activity.results.count
                summary.scans += activity.documents.count
                summary.ratings += activity.ratings.count
                summary.petitions += filings.count
                batch.removeAll(keepingCapacity: true)
                activity.removeAll()
                filings.removeAll(keepingCapacity: true)
                lookUps.removeAll(keepingCapacity: true)
                progress(written)
            }
        }
        try await BenchmarkSupport.writeSequences(sequences, platform: platform)
        return Summary(
            dossiers: written, lookUps: logged, results: summary.results, scans: summary.scans, ratings: summary.ratings, petitions: summary.petitions)
    }

    /// The applicant's rating of a returned dossier, for a share of them, some hours to two days after the
    /// return: mostly satisfied; dislikes (levels 1 and 2) about one in twenty-five on time, one in four late.
    static func rating(of dossier: Dossier, random: inout SplitMix64, now: Date) -> DossierRating? {
        guard dossier.status == .returned, let returned = dossier.returnedAt, random.next() % 100 < Share.rated else { return nil }
        let ratedAt = returned.addingTimeInterval(Double(600 + random.next() % 172_800))
        guard ratedAt <= now else { return nil }
        let late = dossier.countsAsLate || (dossier.dueAt.map { (dossier.finishedAt ?? returned) > $0 } ?? false)
        // Cumulative percentages of levels 5, 4, 3, 2 (the rest 1).
        let thresholds: [UInt64] = late ? [25, 50, 75, 90] : [60, 88, 96, 99]
        let roll = random.next() % 100
        let level = SatisfactionLevel(rawValue: 5 - (thresholds.firstIndex { roll < $0 } ?? 4))!
        let comment: String? = level.rawValue <= 2 ? (late ? "Trả kết quả chậm so với giấy hẹn." : "Hướng dẫn chưa rõ ràng.") : nil
        let online = dossier.channel == .online
        return DossierRating(
            dossierCode: dossier.code, agencyID: dossier.agencyID, level: level, comment: comment, channel: online ? .online : .counter,
            recordedBy: online ? "citizen" : "demo", ratedAt: ratedAt)
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
