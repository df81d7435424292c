import Foundation
import MotCuaDomain

/// The published list of revoked results, in canonical JSON so that it reads the same everywhere:
///
///     {"generatedAt":"2026-11-30T10:00:00Z","issuer":"<CA subject>",
///      "results":[{"id":"…","reason":"…","revokedAt":"2026-11-30T09:00:00Z"}, …]}
///
/// Results are ordered by identifier. It carries no personal data: identifiers, reasons and times only.
public struct ResultRevocationList: Sendable, Hashable {
    public let jsonBytes: Data

    public init(issuer: String, revocations: [ResultRevocation], generatedAt: Date) throws {
        let entries = revocations.sorted { $0.resultID < $1.resultID }.map { revocation in
            CanonicalJSON.object([
                "id": .string(revocation.resultID),
                "reason": .string(revocation.reason),
                "revokedAt": .string(ResultJWSHeader.formatSigningTime(revocation.revokedAt)),
            ])
        }
        jsonBytes = try CanonicalJSON.object([
            "issuer": .string(issuer),
            "generatedAt": .string(ResultJWSHeader.formatSigningTime(generatedAt)),
            "results": .array(entries),
        ]).serialized()
    }
}
