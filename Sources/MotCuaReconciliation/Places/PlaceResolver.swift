import MotCuaDomain
import Synchronization

/// Turns a place field into commune codes: digits are a commune code, anything else is free text
/// resolved through ``PlaceGazetteer``. A province has some tens of thousands of distinct place texts among
/// millions of rows, so resolutions are cached by the text's hash.
final class PlaceResolver: Sendable {
    static let shared = PlaceResolver(gazetteer: .bacNinh)

    let gazetteer: PlaceGazetteer
    private let cache = Mutex<[UInt64: PlaceGazetteer.Resolution]>([:])

    /// Texts cached at most: a province's place texts are tens of thousands (84,000 distinct in the 3.5 M set).
    static let cacheLimit = 1_000_000

    init(gazetteer: PlaceGazetteer) { self.gazetteer = gazetteer }

    /// The code(s) of a field; `.unknown` for an empty or unresolvable one.
    func resolve(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, folder: inout NameFolder) -> PlaceGazetteer.Resolution {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end && buffer[start] == 0x20 { start += 1 }
        while end > start && buffer[end - 1] == 0x20 { end -= 1 }
        guard start < end else { return .unknown }
        var code: UInt32 = 0
        var digitsOnly = end - start <= 9
        for index in start..<end where digitsOnly {
            let byte = buffer[index]
            if byte >= 0x30 && byte <= 0x39 { code = code * 10 + UInt32(byte - 0x30) } else { digitsOnly = false }
        }
        if digitsOnly { return PlaceGazetteer.Resolution(code: code, alternative: 0) }
        let key = NameKeys.hash(buffer, start..<end)
        if let known = cache.withLock({ $0[key] }) { return known }
        let resolved = gazetteer.resolve(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self), folder: &folder)
        cache.withLock { cache in
            // The cache outlives a run (the server runs many): a file of millions of distinct texts must not
            // keep them all for the life of the process. Past the bound it starts again, empty.
            if cache.count >= Self.cacheLimit { cache.removeAll() }
            cache[key] = resolved
        }
        return resolved
    }
}
