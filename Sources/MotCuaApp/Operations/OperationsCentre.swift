import Foundation
import MotCuaDomain
import MotCuaStorage

/// The operations centre's figures for the province or one agency. However many screens watch, the database
/// is read at most once a second for the live part (province-wide, then cut per scope in memory), once a minute
/// for the trends and the ranking, and every ten minutes for the pace model and its backtest.
final class OperationsCentre: Sendable {
    /// Whose figures.
    enum Scope: Sendable, Hashable {
        case province
        case agency(Agency)

        var key: String {
            switch self {
            case .province: "province"
            case .agency(let agency): agency.id
            }
        }
    }

    /// How far back the pace model looks (dossiers received in that time and finished).
    static let modelDays = 120
    /// The backtest: forecasts for dossiers received in the last 30 days and finished, by a model measured on
    /// the dossiers received before them.
    static let backtestDays = 30
    /// Days in the trend, today included.
    static let trendDays = 30

    /// The province-wide reads of one second.
    struct Live: Sendable {
        let at: Date
        let open: [OpenDossier]
        let receivedToday: [String: [Channel: Int]]
    }

    /// The province-wide reads of one minute.
    struct Slow: Sendable {
        let at: Date
        let trendStart: Date
        let daily: [DailyOnTime]
        let month: IndexPeriod
        let reports: [IndexService.Report]
    }

    /// The pace model of the last 120 days and how well the same method forecast the last 30.
    struct Pace: Sendable {
        let at: Date
        let model: PaceModel
        let accuracy: ForecastAccuracy
        let backtestStart: Date
    }

    let repository: SQLOperationsRepository
    let index: IndexService
    let reference: ReferenceData
    let now: @Sendable () -> Date
    private let live = RefreshingCache<String, Live>(maxAge: 1, staleLimit: 5)
    private let slow = RefreshingCache<String, Slow>(maxAge: 60, staleLimit: 600)
    private let pace = RefreshingCache<String, Pace>(maxAge: 600, staleLimit: 3600)
    /// Each scope's snapshot with its panel rendered once, for every screen that polls it.
    private let snapshots = RefreshingCache<Scope, (snapshot: OperationsSnapshot, panel: String)>(maxAge: 1, staleLimit: 5)

    init(repository: SQLOperationsRepository, index: IndexService, reference: ReferenceData, now: @escaping @Sendable () -> Date) {
        self.repository = repository
        self.index = index
        self.reference = reference
        self.now = now
    }

    /// The snapshot for a scope, at most a second old.
    func snapshot(_ scope: Scope) async throws -> OperationsSnapshot {
        try await rendered(scope).snapshot
    }

    /// The wall screen's HTML fragment for a scope, at most a second old.
    func panel(_ scope: Scope) async throws -> String {
        try await rendered(scope).panel
    }

    private func rendered(_ scope: Scope) async throws -> (snapshot: OperationsSnapshot, panel: String) {
        try await snapshots.value(scope, now: now()) { [self] at in
            async let liveReads = self.live.value("all", now: at) { try await self.readLive(at: $0) }
            async let slowReads = self.slow.value("all", now: at) { try await self.readSlow(at: $0) }
            async let paceReads = self.pace.value("all", now: at) { try await self.readPace(at: $0) }
            let snapshot = OperationsSnapshot(
                scope: scope, live: try await liveReads, slow: try await slowReads, pace: try await paceReads, reference: self.reference)
            return (snapshot, OperationsPanel(snapshot: snapshot).render())
        }
    }

    private func startOfDay(_ date: Date) -> Date {
        IndexPeriod.startOfDay(date)
    }

    private func readLive(at now: Date) async throws -> Live {
        let today = startOfDay(now)
        async let open = repository.openDossiers(agencies: reference.agencies.agencies.map(\.id))
        async let received = repository.received(start: today, end: today.addingTimeInterval(86_400))
        return Live(at: now, open: try await open, receivedToday: try await received)
    }

    private func readSlow(at now: Date) async throws -> Slow {
        let start = startOfDay(now).addingTimeInterval(-Double(Self.trendDays - 1) * 86_400)
        let daily = try await repository.dailyOnTime(start: start, days: Self.trendDays, now: now)
        let month = IndexPeriod.month(containing: now)
        let reports = try await index.reportsByAgency(period: month)
        return Slow(at: now, trendStart: start, daily: daily, month: month, reports: reports)
    }

    private func readPace(at now: Date) async throws -> Pace {
        let from = now.addingTimeInterval(-Double(Self.modelDays) * 86_400)
        let split = now.addingTimeInterval(-Double(Self.backtestDays) * 86_400)
        let finished = try await repository.finishedDossiers(receivedFrom: from, to: now)
        let received: (FinishedDossier) -> Date = { $0.events.first?.at ?? $0.endedAt }
        let earlier = finished.filter { received($0) < split }, recent = finished.filter { received($0) >= split }
        // The backtest model never sees the dossiers it is tested on.
        let accuracy = LateForecast.accuracy(model: PaceModel(samples: earlier.flatMap(\.samples)), dossiers: recent)
        return Pace(at: now, model: PaceModel(samples: finished.flatMap(\.samples)), accuracy: accuracy, backtestStart: split)
    }
}
