import Foundation
import MotCuaDomain
import MotCuaStorage

/// Account management from the command line (`motcua admin …`): the first administrator of a production
/// instance, disabling an account, resetting a password. Disabling and resetting end the account's sessions.
public struct AccountAdministration: Sendable {
    let platform: Platform

    public init(platform: Platform) {
        self.platform = platform
    }

    /// A refused account change, with a message for the operator.
    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates an account; the password must meet the policy (at least 12 characters).
    public func create(username: String, fullName: String, agencyID: String, role: Role, password: String) async throws {
        guard username.range(of: #"^[a-z0-9][a-z0-9._-]{2,63}$"#, options: .regularExpression) != nil else {
            throw Refusal(description: "--username: 3 to 64 characters: lower-case letters, digits, '.', '_' or '-'")
        }
        let name = fullName.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        guard !name.isEmpty, name.count <= 200, !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Refusal(description: "--full-name: 1 to 200 characters, no control characters")
        }
        guard platform.reference.agencies.agency(id: agencyID) != nil else {
            throw Refusal(description: "--agency: no agency has the id '\(agencyID)' (see GET /api/v1/agencies)")
        }
        try checkPolicy(password)
        let hash = try await AuthService.hash(password, cost: platform.configuration.bcryptCost)
        let created = try await platform.officials.create(
            Official(id: username, username: username, fullName: name, role: role, agencyID: agencyID, passwordHash: hash))
        guard created else { throw Refusal(description: "--username: an account named '\(username)' already exists") }
    }

    /// Disables an account and ends its sessions.
    public func disable(username: String) async throws {
        guard try await platform.officials.setActive(username: username, false, at: Date()) else {
            throw Refusal(description: "--username: no account named '\(username)'")
        }
    }

    /// Sets a new password, clears any lock and ends the account's sessions.
    public func resetPassword(username: String, password: String) async throws {
        try checkPolicy(password)
        guard let official = try await platform.officials.find(username: username) else {
            throw Refusal(description: "--username: no account named '\(username)'")
        }
        let hash = try await AuthService.hash(password, cost: platform.configuration.bcryptCost)
        _ = try await platform.officials.setPassword(id: official.id, passwordHash: hash, keeping: nil, at: Date())
    }

    private func checkPolicy(_ password: String) throws {
        do {
            try AuthService.checkPolicy(password)
        } catch SignInError.weakPassword(let rule) {
            throw Refusal(description: "password: needs \(rule)")
        }
    }
}
