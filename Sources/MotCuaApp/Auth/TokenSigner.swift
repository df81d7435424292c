import Crypto
import Foundation
import MotCuaDomain

/// Issues and checks bearer tokens: `<prefix>.<payload>.<HMAC-SHA256>` in base64url, with the expiry inside
/// the signed payload. Officials' tokens carry the prefix `v1`, citizens' (signed in through the national
/// e-ID) `c1`; the prefix is inside the MAC, so one kind cannot be passed off as the other. The key is
/// generated once per installation and kept in the database, so tokens survive restarts and every node of
/// a cluster accepts them.
struct TokenSigner: Sendable {
    private let keyData: Data

    init(keyData: Data) {
        self.keyData = keyData
    }

    private var key: SymmetricKey { SymmetricKey(data: keyData) }

    func issue(for principal: Principal, expiresAt: Date) -> String {
        seal(prefix: "v1", [principal.officialID, principal.role.rawValue, principal.agencyID], expiresAt: expiresAt)
    }

    /// A citizen token; the name is stored NFC so the token compares equal however it was typed.
    func issue(for citizen: CitizenPrincipal, expiresAt: Date) -> String {
        seal(
            prefix: "c1", [citizen.citizenID.value, String(citizen.assuranceLevel), citizen.fullName.precomposedStringWithCanonicalMapping],
            expiresAt: expiresAt)
    }

    /// Returns the principal of a genuine, unexpired official token; nil otherwise.
    func verify(_ token: String, now: Date) -> Principal? {
        guard let fields = open(token, prefix: "v1", now: now), fields.count == 3, let role = Role(rawValue: fields[1]) else { return nil }
        return Principal(officialID: fields[0], role: role, agencyID: fields[2])
    }

    /// Returns the citizen of a genuine, unexpired citizen token; nil otherwise.
    func verifyCitizen(_ token: String, now: Date) -> CitizenPrincipal? {
        guard let fields = open(token, prefix: "c1", now: now), fields.count == 3, let citizenID = try? CitizenID(fields[0]),
            let level = Int(fields[1]), (1...2).contains(level)
        else { return nil }
        return CitizenPrincipal(citizenID: citizenID, fullName: fields[2], assuranceLevel: level)
    }

    private func seal(prefix: String, _ fields: [String], expiresAt: Date) -> String {
        let payload = (fields + [String(Int64(expiresAt.timeIntervalSince1970))]).joined(separator: "\n")
        let encoded = Base64URL.encode(Data(payload.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Data((prefix + "." + encoded).utf8), using: key)
        return prefix + "." + encoded + "." + Base64URL.encode(Data(mac))
    }

    /// The payload fields before the expiry of a genuine, unexpired token with this prefix.
    private func open(_ token: String, prefix: String, now: Date) -> [String]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == prefix, let mac = Base64URL.decode(String(parts[2])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data((prefix + "." + parts[1]).utf8), using: key),
            let payloadData = Base64URL.decode(String(parts[1]))
        else { return nil }
        let fields = String(decoding: payloadData, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let expiry = fields.last.flatMap(Int64.init), Date(timeIntervalSince1970: TimeInterval(expiry)) > now else { return nil }
        return Array(fields.dropLast())
    }
}
