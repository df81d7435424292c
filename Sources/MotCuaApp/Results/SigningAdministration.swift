import Foundation
import MotCuaDomain
import MotCuaSigning
import MotCuaStorage

/// The CA administrator's work on leaders' signing certificates, for `motcua signing`.
public struct SigningAdministration: Sendable {
    let platform: Platform

    public init(platform: Platform) {
        self.platform = platform
    }

    /// What the administrator sees of a certificate.
    public struct CertificateSummary: Sendable {
        public let serial: String
        public let officialID: String
        public let notAfter: Date
        public let revokedAt: Date?
    }

    /// Issues a new signing certificate to an active leader.
    public func issue(username: String, now: Date = Date()) async throws -> CertificateSummary {
        guard let official = try await platform.officials.find(username: username), official.active else {
            throw ConfigurationError("--username", "no active account \(username)")
        }
        guard official.role == .leader else { throw ConfigurationError("--username", "\(username) is \(official.role.rawValue); only leaders sign results") }
        let agency = platform.reference.agencies.agency(id: official.agencyID)
        let stored = try await platform.signing.issue(
            to: official,
            signatory: ResultSignatory(name: official.fullName, officialID: official.id, title: ResultService.title(for: agency)),
            agency: ResultIssuingAgency(id: official.agencyID, name: agency?.nameVi ?? official.agencyID), now: now)
        return CertificateSummary(serial: stored.serial, officialID: stored.officialID, notAfter: stored.notAfter, revokedAt: nil)
    }

    /// Revokes a certificate for good, with an RFC 5280 reason name (e.g. keyCompromise, affiliationChanged).
    public func revoke(serial: String, reason: String, now: Date = Date()) async throws {
        guard let code = CertificateRevocationReason.allCases.first(where: { "\($0)" == reason }) else {
            throw ConfigurationError(
                "--reason", "expected one of \(CertificateRevocationReason.allCases.map { "\($0)" }.joined(separator: ", "))")
        }
        guard try await platform.signing.revokeCertificate(serial: serial.lowercased(), reason: code, at: now) else {
            throw ConfigurationError("--serial", "no unrevoked certificate \(serial)")
        }
    }

    /// A leader's certificates, newest first.
    public func list(username: String) async throws -> [CertificateSummary] {
        guard let official = try await platform.officials.find(username: username) else {
            throw ConfigurationError("--username", "no account \(username)")
        }
        return try await platform.signing.credentials.list(officialID: official.id).map {
            CertificateSummary(serial: $0.serial, officialID: $0.officialID, notAfter: $0.notAfter, revokedAt: $0.revokedAt)
        }
    }
}
