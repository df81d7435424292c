import Crypto
import Foundation
import SwiftASN1
import X509

/// An X.509 v2 certificate revocation list (RFC 5280 §5) signed by the provincial CA with ECDSA P-256/SHA-256.
///
/// swift-certificates parses certificates but builds no CRLs, so the DER is written here with swift-asn1:
///
///     CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
///     TBSCertList ::= SEQUENCE { version v2, signature, issuer, thisUpdate, nextUpdate,
///         revokedCertificates SEQUENCE OF SEQUENCE { userCertificate, revocationDate,
///             crlEntryExtensions { reasonCode } OPTIONAL } OPTIONAL,
///         crlExtensions [0] { authorityKeyIdentifier, cRLNumber } }
///
/// Entries are ordered by serial number; the reason code extension is omitted for `unspecified`, as §5.3.1
/// recommends.
public struct CertificateRevocationList: Sendable, Hashable {
    public let derBytes: Data

    /// Builds and signs the list. `number` is the monotonically increasing cRLNumber the caller keeps.
    public init(
        authority: ProvincialCertificateAuthority, revocations: [CertificateRevocation], number: Int,
        thisUpdate: Date, nextUpdate: Date
    ) throws {
        guard number >= 0, nextUpdate > thisUpdate else { throw CertificateAuthorityError(.invalidValidity) }
        var tbs = DER.Serializer()
        try tbs.appendConstructedNode(identifier: .sequence) { list in
            try list.serialize(1)  // v2
            try Self.appendSignatureAlgorithm(into: &list)
            try list.serialize(authority.certificate.subject)
            try Self.appendTime(thisUpdate, into: &list)
            try Self.appendTime(nextUpdate, into: &list)
            let entries = try revocations.map { (serial: try Self.serialBytes($0.serialHex), revocation: $0) }
                .sorted { $0.serial.lexicographicallyPrecedes($1.serial) }
            if !entries.isEmpty {
                try list.appendConstructedNode(identifier: .sequence) { revoked in
                    for entry in entries {
                        try revoked.appendConstructedNode(identifier: .sequence) { item in
                            item.appendPrimitiveNode(identifier: .integer) { $0.append(contentsOf: entry.serial) }
                            try Self.appendTime(entry.revocation.revokedAt, into: &item)
                            if entry.revocation.reason != .unspecified {
                                try item.appendConstructedNode(identifier: .sequence) { extensions in
                                    try extensions.serialize(try Self.reasonCodeExtension(entry.revocation.reason))
                                }
                            }
                        }
                    }
                }
            }
            try list.appendConstructedNode(identifier: ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)) {
                try $0.appendConstructedNode(identifier: .sequence) { extensions in
                    try extensions.serialize(
                        try Certificate.Extension(
                            AuthorityKeyIdentifier(keyIdentifier: authority.authorityKeyIdentifier[...]), critical: false))
                    var value = DER.Serializer()
                    try value.serialize(number)
                    try extensions.serialize(
                        Certificate.Extension(oid: Self.crlNumber, critical: false, value: value.serializedBytes[...]))
                }
            }
        }
        let tbsBytes = tbs.serializedBytes
        let signature = try authority.privateKey.signature(for: tbsBytes).derRepresentation
        var whole = DER.Serializer()
        try whole.appendConstructedNode(identifier: .sequence) { list in
            list.serializeRawBytes(tbsBytes)
            try Self.appendSignatureAlgorithm(into: &list)
            try list.serialize(ASN1BitString(bytes: Array(signature)[...]))
        }
        derBytes = Data(whole.serializedBytes)
    }

    /// The PEM form (`-----BEGIN X509 CRL-----`).
    public var pemString: String {
        PEMDocument(type: "X509 CRL", derBytes: Array(derBytes)).pemString
    }

    static let crlNumber: ASN1ObjectIdentifier = [2, 5, 29, 20]
    static let reasonCode: ASN1ObjectIdentifier = [2, 5, 29, 21]

    private static func appendSignatureAlgorithm(into serializer: inout DER.Serializer) throws {
        // ecdsa-with-SHA256 takes no parameters (RFC 5758 §3.2).
        try serializer.appendConstructedNode(identifier: .sequence) { try $0.serialize(ASN1ObjectIdentifier.ecdsaWithSHA256) }
    }

    private static func reasonCodeExtension(_ reason: CertificateRevocationReason) throws -> Certificate.Extension {
        var value = DER.Serializer()
        value.appendPrimitiveNode(identifier: .enumerated) { $0.append(UInt8(reason.rawValue)) }
        return Certificate.Extension(oid: reasonCode, critical: false, value: value.serializedBytes[...])
    }

    /// UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §5.1.2.4), in UTC, to the second.
    private static func appendTime(_ instant: Date, into serializer: inout DER.Serializer) throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let (year, month, day) = (parts.year!, parts.month!, parts.day!)
        let (hours, minutes, seconds) = (parts.hour!, parts.minute!, parts.second!)
        if year < 2050 {
            try serializer.serialize(
                UTCTime(year: year, month: month, day: day, hours: hours, minutes: minutes, seconds: seconds))
        } else {
            try serializer.serialize(
                GeneralizedTime(
                    year: year, month: month, day: day, hours: hours, minutes: minutes, seconds: seconds,
                    fractionalSeconds: 0))
        }
    }

    /// The minimal positive DER INTEGER content for a hexadecimal serial number.
    private static func serialBytes(_ hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0 else { throw CertificateAuthorityError(.unreadableCertificate("serial \(hex)")) }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                throw CertificateAuthorityError(.unreadableCertificate("serial \(hex)"))
            }
            bytes.append(byte)
        }
        while bytes.count > 1, bytes[0] == 0, bytes[1] & 0x80 == 0 { bytes.removeFirst() }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return bytes
    }
}
