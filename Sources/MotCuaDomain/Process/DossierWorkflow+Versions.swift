extension DossierWorkflow {
    /// The version an action is checked against: the version its actor saw, moved past the entries the platform
    /// itself appended since (background national-database completions).
    ///
    /// Those completions fill in components and flags; they decide nothing an official or citizen decided on, so
    /// an `assign` sent with the version read just before the verifier finished must not be refused as stale.
    /// Rules that depend on what the verifier found (approval guards) are checked on the current dossier anyway.
    /// Any entry by a person in between keeps the conflict.
    public static func versionAfterSystemCompletions(seen: Int, history: [HistoryEntry]) -> Int {
        var version = seen
        for entry in history.sorted(by: { $0.sequence < $1.sequence }) where entry.sequence > seen {
            guard entry.sequence == version + 1, entry.actorRole == Actor.system("").roleName else { break }
            version = entry.sequence
        }
        return version
    }
}
