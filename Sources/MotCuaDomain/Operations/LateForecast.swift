import Foundation

/// "Will be late at the current pace": a dossier still being worked on ends, by the pace model, at the later of
/// now and its last event plus the usual time left after an event at its step; late when that is after its
/// promised date.
public enum LateForecast {
    /// The forecast end; nil when the model has too few finished dossiers for the agency (or province),
    /// procedure and step.
    public static func predictedEnd(
        model: PaceModel, agencyID: String, procedureCode: String, step: ProcessStep, lastEventAt: Date, now: Date
    ) -> Date? {
        guard let remaining = model.remaining(agencyID: agencyID, procedureCode: procedureCode, step: step) else { return nil }
        return max(now, lastEventAt.addingTimeInterval(remaining))
    }

    /// Backtest: a forecast at every working event of each dossier made while its date had not yet passed, with
    /// the model given (measured on dossiers that finished earlier), compared with how the dossier actually ended.
    public static func accuracy(model: PaceModel, dossiers: [FinishedDossier]) -> ForecastAccuracy {
        var result = ForecastAccuracy()
        for dossier in dossiers {
            guard let due = dossier.dueAt else { continue }
            let late = dossier.endedAt > due
            for event in dossier.workingEvents where event.at <= due {
                guard let end = predictedEnd(
                    model: model, agencyID: dossier.agencyID, procedureCode: dossier.procedureCode, step: event.step,
                    lastEventAt: event.at, now: event.at)
                else {
                    result.unpredicted += 1
                    continue
                }
                switch (end > due, late) {
                case (true, true): result.truePositives += 1
                case (true, false): result.falsePositives += 1
                case (false, true): result.falseNegatives += 1
                case (false, false): result.trueNegatives += 1
                }
            }
        }
        return result
    }
}

/// How well "will be late" forecasts matched reality on past dossiers.
public struct ForecastAccuracy: Sendable, Hashable {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0
    /// Forecasts that could not be made (too few finished dossiers for the procedure and step).
    public var unpredicted = 0

    public init() {}

    public var forecasts: Int { truePositives + falsePositives + falseNegatives + trueNegatives }
    /// Of the dossiers forecast late, the share that were late; nil with no "late" forecast.
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }
    /// Of the dossiers that were late, the share forecast late; nil with no late dossier.
    public var recall: Double? {
        truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }
}
