/// The office sessions of a working day, as minutes after local midnight (UTC+7).
///
/// The hours are configurable rather than fixed: a provincial People's Committee sets its own office hours
/// (some provinces use different summer and winter hours), so `WorkingCalendar` takes an `OfficeHours` value
/// and `.standard` is only the default. Deadlines advance only through these minutes.
public struct OfficeHours: Sendable, Hashable {
    /// One uninterrupted stretch of office time, e.g. 07:30–11:30.
    public struct Session: Sendable, Hashable {
        /// Start, in minutes after midnight.
        public let start: Int
        /// End, in minutes after midnight; the end minute itself still counts as "inside office hours".
        public let end: Int

        /// Creates a session, or `nil` unless 00:00 ≤ start < end ≤ 24:00.
        public init?(start: (hour: Int, minute: Int), end: (hour: Int, minute: Int)) {
            guard (0..<60).contains(start.minute), (0..<60).contains(end.minute) else { return nil }
            let startMinute = start.hour * 60 + start.minute
            let endMinute = end.hour * 60 + end.minute
            guard startMinute >= 0, endMinute <= 24 * 60, startMinute < endMinute else { return nil }
            self.start = startMinute
            self.end = endMinute
        }

        /// Length in minutes.
        public var minutes: Int { end - start }
    }

    /// The sessions in time order, separated by breaks.
    public let sessions: [Session]

    /// Creates office hours from sessions that are in order and separated by a break, or `nil` otherwise.
    public init?(sessions: [Session]) {
        guard !sessions.isEmpty else { return nil }
        for (earlier, later) in zip(sessions, sessions.dropFirst()) where earlier.end >= later.start {
            return nil
        }
        self.sessions = sessions
    }

    /// Creates the usual two-session day, or `nil` if the morning does not end before the afternoon starts.
    public init?(morning: Session, afternoon: Session) {
        self.init(sessions: [morning, afternoon])
    }

    /// 07:30–11:30 and 13:00–17:00: eight working hours (480 minutes), the common civil-service day.
    public static let standard = OfficeHours(
        morning: Session(start: (7, 30), end: (11, 30))!,
        afternoon: Session(start: (13, 0), end: (17, 0))!
    )!

    /// Office minutes in one working day (480 for `.standard`).
    public var minutesPerDay: Int { sessions.reduce(0) { $0 + $1.minutes } }

    /// Start of the first session, in minutes after midnight.
    public var opening: Int { sessions[0].start }

    /// End of the last session, in minutes after midnight: where "end of office hours" deadlines fall.
    public var closing: Int { sessions[sessions.count - 1].end }
}
