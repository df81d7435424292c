import Foundation

/// The live part of the operations centre for one scope, computed from the open dossiers and today's receipts
/// at one instant: pure, so the figures can be worked out by hand.
public struct OperationsBoard: Sendable {
    /// A dossier on one of the board's lists, with the forecast end when there is one.
    public struct Entry: Sendable, Hashable {
        public let dossier: OpenDossier
        public let predictedEnd: Date?
    }

    public struct StepCount: Sendable, Hashable {
        public let step: ProcessStep
        public let open: Int
        public let paused: Int
        public let overdue: Int
    }

    public let now: Date
    /// Dossiers received since 00:00 today (Vietnam time), by channel, every channel listed.
    public let receivedToday: [(channel: Channel, count: Int)]
    public let steps: [StepCount]
    /// Not yet overdue, due before midnight, not paused: by due time.
    public let dueToday: [Entry]
    /// Past their date: most overdue first.
    public let overdue: [Entry]
    /// Not yet overdue, forecast to end after their date: by due time.
    public let predictedLate: [Entry]
    /// Worked-on dossiers (not overdue, not paused) the model had too few finished dossiers to forecast.
    public let unforecast: Int

    public var openCount: Int { steps.map(\.open).reduce(0, +) }

    public static func build(
        open: [OpenDossier], receivedToday: [Channel: Int], model: PaceModel, now: Date, endOfToday: Date
    ) -> OperationsBoard {
        var steps: [ProcessStep: (open: Int, paused: Int, overdue: Int)] = [:]
        var dueToday: [Entry] = [], overdue: [Entry] = [], predictedLate: [Entry] = []
        var unforecast = 0
        for dossier in open {
            let isOverdue = dossier.isOverdue(at: now)
            var count = steps[dossier.step] ?? (0, 0, 0)
            count.open += 1
            if dossier.isPaused { count.paused += 1 }
            if isOverdue { count.overdue += 1 }
            steps[dossier.step] = count
            if isOverdue {
                overdue.append(Entry(dossier: dossier, predictedEnd: nil))
                continue
            }
            guard !dossier.isPaused, let due = dossier.dueAt else { continue }
            if due < endOfToday { dueToday.append(Entry(dossier: dossier, predictedEnd: nil)) }
            guard let end = LateForecast.predictedEnd(
                model: model, agencyID: dossier.agencyID, procedureCode: dossier.procedureCode, step: dossier.step,
                lastEventAt: dossier.lastEventAt, now: now)
            else {
                unforecast += 1
                continue
            }
            if end > due { predictedLate.append(Entry(dossier: dossier, predictedEnd: end)) }
        }
        func byDue(_ a: Entry, _ b: Entry) -> Bool {
            (a.dossier.dueAt ?? .distantFuture, a.dossier.code) < (b.dossier.dueAt ?? .distantFuture, b.dossier.code)
        }
        return OperationsBoard(
            now: now, receivedToday: Channel.allCases.map { ($0, receivedToday[$0] ?? 0) },
            steps: ProcessStep.allCases.map { step in
                let count = steps[step] ?? (0, 0, 0)
                return StepCount(step: step, open: count.open, paused: count.paused, overdue: count.overdue)
            },
            dueToday: dueToday.sorted(by: byDue), overdue: overdue.sorted(by: byDue), predictedLate: predictedLate.sorted(by: byDue),
            unforecast: unforecast)
    }
}
