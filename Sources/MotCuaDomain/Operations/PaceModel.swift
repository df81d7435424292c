import Foundation

/// How long an agency usually still takes from a moment of a dossier's processing until its end, per procedure
/// and step, measured on finished dossiers: for every history event that left a dossier waiting or in process
/// at a step, the time from that event to the dossier's end. The median of those times is "the current pace".
///
/// Wall-clock time (weekends included), like the deadlines the forecast compares it with once computed.
public struct PaceModel: Sendable {
    /// Fewer samples than this for an agency, procedure and step fall back to the province's for the procedure
    /// and step; fewer than this there too, no forecast.
    public static let minimumSamples = 3

    struct Key: Hashable, Sendable {
        let agencyID: String?
        let procedureCode: String
        let step: ProcessStep
    }

    private let medians: [Key: TimeInterval]
    /// How many samples the model was measured on.
    public let sampleCount: Int

    public init(samples: [PaceSample]) {
        var grouped: [Key: [TimeInterval]] = [:]
        for sample in samples {
            grouped[Key(agencyID: sample.agencyID, procedureCode: sample.procedureCode, step: sample.step), default: []].append(sample.remaining)
            grouped[Key(agencyID: nil, procedureCode: sample.procedureCode, step: sample.step), default: []].append(sample.remaining)
        }
        var medians: [Key: TimeInterval] = [:]
        for (key, values) in grouped where values.count >= Self.minimumSamples {
            medians[key] = Self.median(values)
        }
        self.medians = medians
        self.sampleCount = samples.count
    }

    /// The usual time left after an event at this step; nil without enough finished dossiers to tell.
    public func remaining(agencyID: String, procedureCode: String, step: ProcessStep) -> TimeInterval? {
        medians[Key(agencyID: agencyID, procedureCode: procedureCode, step: step)]
            ?? medians[Key(agencyID: nil, procedureCode: procedureCode, step: step)]
    }

    /// The middle value (the mean of the two middle ones for an even count).
    static func median(_ values: [TimeInterval]) -> TimeInterval {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

/// One measurement: after an event at `step`, the dossier took `remaining` seconds more to end.
public struct PaceSample: Sendable, Hashable {
    public let agencyID: String
    public let procedureCode: String
    public let step: ProcessStep
    public let remaining: TimeInterval

    public init(agencyID: String, procedureCode: String, step: ProcessStep, remaining: TimeInterval) {
        self.agencyID = agencyID
        self.procedureCode = procedureCode
        self.step = step
        self.remaining = remaining
    }
}

/// A finished dossier's history as the pace model and its backtest read it.
public struct FinishedDossier: Sendable, Hashable {
    /// One event of the history: when, and the status and step it left the dossier in.
    public struct Event: Sendable, Hashable {
        public let at: Date
        public let status: DossierStatus
        public let step: ProcessStep

        public init(at: Date, status: DossierStatus, step: ProcessStep) {
            self.at = at
            self.status = status
            self.step = step
        }
    }

    public let code: String
    public let agencyID: String
    public let procedureCode: String
    public let dueAt: Date?
    public let endedAt: Date
    public let events: [Event]

    public init(code: String, agencyID: String, procedureCode: String, dueAt: Date?, endedAt: Date, events: [Event]) {
        self.code = code
        self.agencyID = agencyID
        self.procedureCode = procedureCode
        self.dueAt = dueAt
        self.endedAt = endedAt
        self.events = events
    }

    /// The moments at which a forecast could have been made: events that left the dossier received or in process
    /// (not paused for a supplement or a payment, when the clock stops) before it ended.
    public var workingEvents: [Event] {
        events.filter { [.received, .inProcess].contains($0.status) && $0.at < endedAt }
    }

    /// The model's measurements from this dossier.
    public var samples: [PaceSample] {
        workingEvents.map {
            PaceSample(agencyID: agencyID, procedureCode: procedureCode, step: $0.step, remaining: endedAt.timeIntervalSince($0.at))
        }
    }
}
