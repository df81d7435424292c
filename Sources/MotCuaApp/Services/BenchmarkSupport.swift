import Foundation
import MotCuaDomain
import MotCuaStorage

/// Data set-up for the reproducible benchmarks (`motcua bench ...`). Uses the real intake, workflow and
/// storage code, so what is measured is what runs in production.
public enum BenchmarkSupport {
    /// A reception officer's token and the commune it may receive for.
    public struct LoadIdentity: Sendable {
        public let token: String
        public let agencyID: String
    }

    /// Opens day-long sessions with the platform's token keys, as a sign-in would.
    private static func issuer(_ platform: Platform) async throws -> SessionIssuer {
        SessionIssuer(keys: try await TokenKeys.load(platform.keys.token), sessions: platform.sessions, lifetime: 86_400, now: { Date() })
    }

    /// Creates one reception officer per commune and issues each a token (valid for a day).
    public static func prepareLoad(platform: Platform) async throws -> [LoadIdentity] {
        let issuer = try await issuer(platform)
        let hash = try await AuthService.hash(UUID().uuidString, cost: 4)
        var identities: [LoadIdentity] = []
        for agency in platform.reference.agencies.agencies where agency.kind == .commune {
            let id = "bench.tiepnhan." + agency.id
            let official = Official(
                id: id, username: id, fullName: "Benchmark reception", role: .receptionOfficer, agencyID: agency.id, passwordHash: hash)
            _ = try await platform.officials.create(official)
            identities.append(LoadIdentity(token: try await issuer.issue(official: official).token, agencyID: agency.id))
        }
        return identities
    }

    /// Creates a token for an operations monitor at the service centre, who may list every agency's queue.
    public static func monitorToken(platform: Platform) async throws -> String {
        let issuer = try await issuer(platform)
        let hash = try await AuthService.hash(UUID().uuidString, cost: 4)
        guard let centre = platform.reference.agencies.agencies.first(where: { $0.kind == .serviceCentre }) else {
            throw ReferenceDataError(file: "agencies.json", reason: "no service centre")
        }
        let id = "bench.giamsat"
        let official = Official(
            id: id, username: id, fullName: "Benchmark monitor", role: .operationsMonitor, agencyID: centre.id, passwordHash: hash)
        _ = try await platform.officials.create(official)
        return try await issuer.issue(official: official).token
    }

    /// Day-long citizen sessions (e-ID level 2) for the given identifiers, as the e-ID sign-in would open them.
    public static func citizenTokens(platform: Platform, ids: [CitizenID]) async throws -> [String] {
        let issuer = try await issuer(platform)
        var tokens: [String] = []
        for id in ids {
            tokens.append(try await issuer.issue(citizen: CitizenPrincipal(citizenID: id, fullName: "Benchmark citizen", assuranceLevel: 2)).token)
        }
        return tokens
    }

    /// The birth-registration procedure and the JSON of the components a reception officer collects.
    public static func birthRegistration(platform: Platform) throws -> (code: String, componentsJSON: String) {
        guard let procedure = platform.reference.catalogue.procedures.first(where: {
            $0.level == .commune && $0.nameVi.hasPrefix("Đăng ký khai sinh") && $0.timeLimit == .sameDay
        }) else { throw ReferenceDataError(file: "catalogue", reason: "no commune-level birth registration") }
        let components = procedure.components.filter { $0.required && $0.registrySource == nil }
            .map { #"{"code":"\#($0.code)","reference":"scan"}"# }
        return (procedure.code, "[" + components.joined(separator: ",") + "]")
    }

    /// Loads `count` commune-level dossiers spread over the communes and the past year, in a realistic mix of
    /// statuses, through the real intake code and a bulk writer.
    public static func seedDossiers(platform: Platform, count: Int, seed: UInt64 = 24, progress: @Sendable (Int) -> Void) async throws {
        let reference = platform.reference
        let workflow = DossierWorkflow(calendar: reference.calendar)
        let intake = DossierIntake(catalogue: reference.catalogue, agencies: reference.agencies, workflow: workflow)
        let communes = reference.agencies.agencies.filter { $0.kind == .commune }
        let procedures = reference.catalogue.procedures.filter { $0.level == .commune }
        guard !communes.isEmpty, !procedures.isEmpty else { return }
        var random = SplitMix64(seed: seed)
        let statuses: [DossierStatus] = [.returned, .returned, .returned, .done, .inProcess, .inProcess, .received, .supplementRequested, .withdrawn, .stopped]
        let start = Date().addingTimeInterval(-365 * 86_400)
        var sequences: [String: Int] = [:]
        var batch: [(dossier: Dossier, entry: HistoryEntry)] = []
        var written = 0
        for index in 0..<count {
            let agency = communes[Int(random.next() % UInt64(communes.count))]
            let procedure = procedures[Int(random.next() % UInt64(procedures.count))]
            let at = start.addingTimeInterval(Double(index) * 365 * 86_400 / Double(count))
            let year = 1950 + Int(random.next() % 70)
            let sexDigit = Int(random.next() % 2)
            let citizen = String(format: "027%d%02d%06d", sexDigit, year % 100, Int(random.next() % 1_000_000))
            let request = DossierRequest(
                procedureCode: procedure.code, agencyID: agency.id, applicantID: citizen, applicantName: "Nguyễn Văn Thử",
                channel: .counter, formData: [:],
                components: procedure.components.filter { $0.required && $0.registrySource == nil }.map { .init(code: $0.code, reference: "bench") })
            let plan = try intake.plan(request, by: .official(id: "bench", role: .receptionOfficer, agencyID: agency.id), at: at)
            let key = plan.receivingAgency.identifier + "|" + plan.codeDate.description
            let sequence = (sequences[key] ?? 0) + 1
            sequences[key] = sequence
            var (dossier, entry) = plan.make(code: DossierCode(agencyIdentifier: plan.receivingAgency.identifier, date: plan.codeDate, sequence: sequence))
            // The status is set directly: the benchmark measures listing, not the history of each dossier.
            dossier.status = statuses[Int(random.next() % UInt64(statuses.count))]
            if dossier.status == .inProcess { dossier.step = .appraisal }
            batch.append((dossier, entry))
            if batch.count == 5_000 || index == count - 1 {
                try await platform.dossiers.bulkInsert(batch, sequences: [])
                written += batch.count
                batch.removeAll(keepingCapacity: true)
                progress(written)
            }
        }
        try await writeSequences(sequences, platform: platform)
    }

    /// Stores the last code sequence used per "agency identifier|day" key, so later receipts continue after it.
    static func writeSequences(_ sequences: [String: Int], platform: Platform) async throws {
        let rows = sequences.map { key, value in
            let parts = key.split(separator: "|")
            return (identifier: String(parts[0]), day: String(parts[1]), last: value)
        }
        for chunk in stride(from: 0, to: rows.count, by: 2_000) {
            try await platform.dossiers.bulkInsert([], sequences: Array(rows[chunk..<min(chunk + 2_000, rows.count)]))
        }
    }
}

/// Deterministic pseudo-random numbers, so benchmark data is the same on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
