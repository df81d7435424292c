import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The reverse proxies whose `X-Forwarded-For` the platform believes (`MOTCUA_TRUSTED_PROXIES`: addresses and
/// CIDR ranges). Rate limits and the sign-in throttle key on the client's address; behind a proxy the socket's
/// peer is the proxy, so every citizen would share one address. The header is believed only when the peer is
/// a listed proxy, and only as far back as the chain of listed proxies goes: each proxy appends the address it
/// saw, so walking from the right, the first address that is not a listed proxy is the client. Anything a
/// client writes into the header itself lies to the left of that and is never read.
public struct TrustedProxies: Sendable, Equatable {
    /// One address range: the network's bytes (4 or 16) and its prefix length.
    struct Range: Sendable, Equatable {
        let network: [UInt8]
        let prefix: Int

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == network.count else { return false }
            var remaining = prefix
            for index in network.indices where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if address[index] & mask != network[index] & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    let ranges: [Range]

    /// No proxy is trusted: `X-Forwarded-For` is ignored.
    public static let none = TrustedProxies(ranges: [])

    init(ranges: [Range]) {
        self.ranges = ranges
    }

    /// Parses a comma-separated list such as `10.0.0.0/8, 127.0.0.1, fd00::/8`.
    public init(parsing text: String) throws(ConfigurationError) {
        var ranges: [Range] = []
        for item in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            let parts = item.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let address = Self.parse(String(parts[0])) else {
                throw ConfigurationError("MOTCUA_TRUSTED_PROXIES", "'\(item)' is not an IP address or CIDR range")
            }
            let bits = address.count * 8
            var prefix = bits
            if parts.count == 2 {
                guard let value = Int(parts[1]), (0...bits).contains(value), parts[1].allSatisfy(\.isASCII) else {
                    throw ConfigurationError("MOTCUA_TRUSTED_PROXIES", "'\(item)': the prefix length must be 0–\(bits)")
                }
                prefix = value
            }
            ranges.append(Range(network: address, prefix: prefix))
        }
        self.ranges = ranges
    }

    public var isEmpty: Bool { ranges.isEmpty }

    func trusts(_ address: [UInt8]) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// The client's address: the peer's, unless the peer is a listed proxy and `X-Forwarded-For` names who
    /// it served; then the rightmost address in the chain that is not a listed proxy. A malformed entry stops
    /// the walk at the last address that could be trusted.
    /// - Parameters:
    ///   - peer: the socket peer's address as text.
    ///   - forwardedFor: every `X-Forwarded-For` value, in order (several headers are one comma-separated list).
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, !ranges.isEmpty, let peerBytes = Self.parse(peer), trusts(peerBytes) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard let bytes = Self.parse(hop) else { return client }
            client = Self.format(bytes)
            if !trusts(bytes) { return client }
        }
        return client
    }

    /// The bytes of an IPv4 or IPv6 literal (IPv4-mapped IPv6 as IPv4, so one rule covers both); nil if not one.
    static func parse(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.utf8.count <= 45, text.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) else { return nil }
        var v4 = [UInt8](repeating: 0, count: 4)
        if inet_pton(AF_INET, text, &v4) == 1 { return v4 }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, text, &bytes) == 1 else { return nil }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF { return Array(bytes[12...]) }
        return bytes
    }

    /// The canonical text of an address, so one client is one key whatever way the proxy spelt it.
    static func format(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_ntop(AF_INET6, bytes, &buffer, socklen_t(buffer.count)) != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
