import Foundation
import MotCuaDomain

/// A staff account. The password hash never leaves storage and the auth service.
public struct Official: Sendable, Hashable, Identifiable {
    public let id: String
    public let username: String
    public let fullName: String
    public let role: Role
    public let agencyID: String
    public let passwordHash: String
    public let failedAttempts: Int
    public let lockedUntil: Date?
    public let active: Bool

    public init(
        id: String, username: String, fullName: String, role: Role, agencyID: String, passwordHash: String,
        failedAttempts: Int = 0, lockedUntil: Date? = nil, active: Bool = true
    ) {
        self.id = id
        self.username = username
        self.fullName = fullName
        self.role = role
        self.agencyID = agencyID
        self.passwordHash = passwordHash
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
        self.active = active
    }

    /// The reference the workflow needs.
    public var reference: OfficialReference { OfficialReference(id: id, role: role, agencyID: agencyID) }
}
