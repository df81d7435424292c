import Crypto
import Foundation
import MotCuaDomain

/// Issues and checks bearer tokens: `v1.<payload>.<HMAC-SHA256>` in base64url, with the expiry inside the
/// signed payload. The key is generated once per installation and kept in the database, so tokens survive
/// restarts and every node of a cluster accepts them.
struct TokenSigner: Sendable {
    private let keyData: Data

    init(keyData: Data) {
        self.keyData = keyData
    }

    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    func issue(for principal: Principal, expiresAt: Date) -> String {
        let payload = [
            principal.officialID, principal.role.rawValue, principal.agencyID,
            String(Int64(expiresAt.timeIntervalSince1970)),
        ].joined(separator: "\n")
        let encoded = Self.base64URL(Data(payload.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("v1." + encoded).utf8), using: key)
        return "v1." + encoded + "." + Self.base64URL(Data(mac))
    }

    /// Returns the principal of a genuine, unexpired token; nil otherwise.
    func verify(_ token: String, now: Date) -> Principal? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let mac = Self.decodeBase64URL(String(parts[2])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(("v1." + parts[1]).utf8), using: key),
            let payloadData = Self.decodeBase64URL(String(parts[1]))
        else { return nil }
        let fields = String(decoding: payloadData, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard fields.count == 4, let role = Role(rawValue: String(fields[1])), let expiry = Int64(fields[3]),
            Date(timeIntervalSince1970: TimeInterval(expiry)) > now
        else { return nil }
        return Principal(officialID: String(fields[0]), role: role, agencyID: String(fields[2]))
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
