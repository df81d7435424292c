import Foundation

/// The facts of one dossier the index needs, read plainly (no SQL conditions) for an independent recount.
public struct DossierIndexFacts: Sendable, Hashable {
    public let code: String
    public let agencyID: String
    public let procedureCode: String
    public let channel: String
    public let status: DossierStatus
    public let receivedAt: Date?
    public let dueAt: Date?
    public let finishedAt: Date?
    public let returnedAt: Date?
    public let pausedAt: Date?
    public let countsAsLate: Bool
    public let componentStates: [DossierComponent.State]
    public let hasSignedResult: Bool
    public let hasScan: Bool
    public let hasRegistryLookUp: Bool

    public init(
        code: String, agencyID: String, procedureCode: String, channel: String, status: DossierStatus, receivedAt: Date?, dueAt: Date?,
        finishedAt: Date?, returnedAt: Date?, pausedAt: Date?, countsAsLate: Bool, componentStates: [DossierComponent.State],
        hasSignedResult: Bool, hasScan: Bool, hasRegistryLookUp: Bool
    ) {
        self.code = code
        self.agencyID = agencyID
        self.procedureCode = procedureCode
        self.channel = channel
        self.status = status
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.finishedAt = finishedAt
        self.returnedAt = returnedAt
        self.pausedAt = pausedAt
        self.countsAsLate = countsAsLate
        self.componentStates = componentStates
        self.hasSignedResult = hasSignedResult
        self.hasScan = hasScan
        self.hasRegistryLookUp = hasRegistryLookUp
    }
}

/// The index counts recomputed one dossier at a time in Swift, straight from the rules, to check the SQL
/// aggregation (`motcua indicators check`).
public enum IndexRecount {
    public static func counts(_ dossiers: [DossierIndexFacts], period: IndexPeriod, now: Date) -> IndexCounts {
        var counts = IndexCounts()
        var onlineProcedures = Set<String>()
        // Whole milliseconds summed, then divided once, as the database does.
        var endedMilliseconds: Int64 = 0
        for dossier in dossiers {
            guard let received = dossier.receivedAt, received >= period.start, received < period.end,
                dossier.status != .notReceived, dossier.status != .withdrawn
            else { continue }
            counts.received += 1
            // The end of processing is the first of done, returned, stopped.
            let end: Date? = [.done, .returned, .stopped].contains(dossier.status) ? (dossier.finishedAt ?? dossier.returnedAt) : nil
            let reference = end ?? dossier.pausedAt ?? now
            if !dossier.countsAsLate, dossier.dueAt.map({ reference <= $0 }) ?? true { counts.onTime += 1 }
            if let end {
                counts.ended += 1
                endedMilliseconds += milliseconds(end) - milliseconds(received)
            }
            if dossier.channel == Channel.online.rawValue {
                counts.online += 1
                onlineProcedures.insert(dossier.procedureCode)
            }
            let completed = dossier.status == .done || dossier.status == .returned
            if completed { counts.completed += 1 }
            if completed && dossier.hasSignedResult { counts.electronicResults += 1 }
            if dossier.hasScan && dossier.hasSignedResult { counts.digitised += 1 }
            if dossier.componentStates.contains(.reused) { counts.reused += 1 }
            if dossier.componentStates.contains(.fromRegistry) || dossier.hasRegistryLookUp { counts.populationData += 1 }
        }
        counts.onlineProcedures = onlineProcedures.count
        counts.endedHours = Double(endedMilliseconds) / 3_600_000
        return counts
    }

    /// Whole milliseconds, as the database keeps instants.
    static func milliseconds(_ date: Date) -> Int64 { HashChain.milliseconds(date) }
}
