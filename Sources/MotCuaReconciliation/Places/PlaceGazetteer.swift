import MotCuaDomain

/// Resolves a free-text place ("X. Tân Chi, H. Tiên Du, T. Bắc Ninh", "Phường Võ Cường, TP Bắc Ninh",
/// "xa tan chi huyen tien du") to the commune-level unit in force that it denotes.
///
/// Names are compared folded (no diacritics, no case, Đ = D), so missing diacritics do not matter; the
/// prefixes "Xã", "Phường", "Thị trấn", "Huyện", "Thị xã", "Thành phố", "Tỉnh", "Quận" and their
/// abbreviations "X.", "P.", "TT.", "H.", "TX.", "TP.", "T.", "Q." say which level a part names.
/// Names from before the 2025 merger resolve through the official conversion table (``BacNinhPlaces``).
/// A text that names no known unit, or names one ambiguously (more than two units remain after the
/// district, province and unit type are taken into account), resolves to nothing: it is never guessed.
struct PlaceGazetteer: Sendable {
    /// What a part of an address names, from its prefix.
    enum Level: Sendable, Equatable {
        /// Xã, phường, thị trấn (with the unit type the prefix implies).
        case commune(UnitType?)
        /// Huyện, thị xã, quận.
        case district
        /// Thành phố: a city of district level before 2025, or a centrally-run city.
        case city
        case province
        /// Thôn, xóm, số, đường…: below the commune, ignored.
        case below
        case unstated
    }

    enum UnitType: Sendable, Equatable {
        case commune, ward, town
    }

    /// A unit a name can denote.
    struct Unit: Sendable {
        /// The commune-level unit in force (Decision 19/2025 code).
        var code: UInt32
        var type: UnitType
        /// Folded district and province names for a unit from before the merger; empty for a unit in force.
        var district: String
        var province: String
    }

    /// The unit(s) a text resolves to: one, or two when the text cannot tell them apart; 0 for none.
    struct Resolution: Sendable, Equatable {
        var code: UInt32
        var alternative: UInt32
        static let unknown = Resolution(code: 0, alternative: 0)
    }

    static let bacNinh = PlaceGazetteer(rows: BacNinhPlaces.rows)

    /// Province names (folded) the gazetteer covers: the merged province and the two it was made of.
    static let coveredProvinces: Set<String> = ["bac ninh", "bac giang"]

    private(set) var units: [String: [Unit]] = [:]
    private(set) var districts: Set<String> = []
    /// Every known unit or district name and each of its leading word sequences ("duong", "duong huu").
    private(set) var namePrefixes: Set<String> = []

    init(rows: String) {
        for line in rows.split(separator: "\n") {
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard let code = UInt32(fields[1]) else { continue }
            let type: UnitType = fields[2] == "ward" ? .ward : fields[2] == "town" ? .town : .commune
            if fields[0] == "N" {
                units[Self.fold(fields[3]), default: []].append(Unit(code: code, type: type, district: "", province: "bac ninh"))
            } else if fields.count >= 7 {
                let district = Self.fold(fields[5])
                districts.insert(district)
                units[Self.fold(fields[3]), default: []].append(Unit(code: code, type: type, district: district, province: Self.fold(fields[6])))
            }
        }
        for name in Array(units.keys) + Array(districts) {
            let words = name.split(separator: " ")
            for count in 1...max(1, words.count) { namePrefixes.insert(words.prefix(count).joined(separator: " ")) }
        }
    }

    /// Folded, space-separated tokens of a text.
    static func tokens(_ text: Substring, folder: inout NameFolder) -> [String] {
        folder.fold(String(text))
        return folder.foldedTokens.map { String(decoding: folder.folded[$0], as: UTF8.self) }
    }

    static func fold(_ text: String) -> String {
        var folder = NameFolder()
        return tokens(text[...], folder: &folder).joined(separator: " ")
    }

    /// Prefix words, longest first: (tokens, level).
    private static let prefixes: [([String], Level)] = [
        (["thi", "tran"], .commune(.town)), (["thi", "xa"], .district), (["thanh", "pho"], .city), (["khu", "pho"], .below),
        (["xa"], .commune(.commune)), (["x"], .commune(.commune)), (["phuong"], .commune(.ward)), (["p"], .commune(.ward)),
        (["tt"], .commune(.town)), (["huyen"], .district), (["h"], .district), (["tx"], .district), (["quan"], .district),
        (["q"], .district), (["tp"], .city), (["tinh"], .province), (["t"], .province), (["thon"], .below), (["xom"], .below),
        (["so"], .below), (["duong"], .below), (["ap"], .below), (["to"], .below), (["khu"], .below), (["ban"], .below),
    ]

    /// One part of an address: its level and folded name.
    struct Part: Equatable {
        var level: Level
        var name: String
    }

    /// Splits a text into parts at commas, semicolons, hyphens and at prefix words.
    func parts(_ text: String, folder: inout NameFolder) -> [Part] {
        var parts: [Part] = []
        for segment in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "-" }) {
            let tokens = Self.tokens(segment, folder: &folder)
            var level = Level.unstated
            var name: [String] = []
            var index = 0
            while index < tokens.count {
                var matched: ([String], Level)?
                for prefix in Self.prefixes where index + prefix.0.count <= tokens.count && Array(tokens[index..<index + prefix.0.count]) == prefix.0 {
                    matched = prefix
                    break
                }
                // A prefix word is a prefix unless it follows a prefix ("Xã Dương Hưu"), continues a known name
                // ("Nghĩa Phương") or begins a known name that fills the part ("Dương Hưu, Sơn Động").
                let afterPrefix = name.isEmpty && level != .unstated
                let isName = afterPrefix
                    || (!name.isEmpty && namePrefixes.contains((name + (matched?.0 ?? [])).joined(separator: " ")))
                    || (name.isEmpty && startsWholeName(tokens, at: index))
                if let (words, prefixLevel) = matched, !isName {
                    if !name.isEmpty { parts.append(Part(level: level, name: name.joined(separator: " "))) }
                    level = prefixLevel
                    name = []
                    index += words.count
                } else {
                    name.append(tokens[index])
                    index += 1
                }
            }
            if !name.isEmpty { parts.append(Part(level: level, name: name.joined(separator: " "))) }
        }
        return parts.flatMap(splitRunTogether)
    }

    /// A part that names nothing known but is a run of known names written without separators ("tram lo thuan thanh
    /// bac ninh"), split into those names: the first keeps the part's level, the others are unstated. A part with a
    /// word outside every known name stays whole.
    private func splitRunTogether(_ part: Part) -> [Part] {
        guard part.level != .below, !isKnown(part.name) else { return [part] }
        let words = part.name.split(separator: " ").map(String.init)
        guard words.count >= 3, let names = knownNames(covering: words[...]) else { return [part] }
        return names.enumerated().map { index, name in Part(level: index == 0 ? part.level : .unstated, name: name) }
    }

    private func isKnown(_ name: String) -> Bool { units[name] != nil || districts.contains(name) || Self.coveredProvinces.contains(name) }

    /// The fewest known names (units, districts, covered provinces) that cover `words` in order, or nil.
    private func knownNames(covering words: ArraySlice<String>) -> [String]? {
        let words = Array(words)
        guard !words.isEmpty, words.count <= 16 else { return nil }
        // fewest[end]: the fewest names that cover words[0..<end], and where the last one starts.
        var fewest = [(count: Int, start: Int)?](repeating: nil, count: words.count + 1)
        fewest[0] = (0, 0)
        for end in 1...words.count {
            for start in max(0, end - 5)..<end {
                guard let before = fewest[start], isKnown(words[start..<end].joined(separator: " ")) else { continue }
                if fewest[end] == nil || before.count + 1 < fewest[end]!.count { fewest[end] = (before.count + 1, start) }
            }
        }
        guard fewest[words.count] != nil else { return nil }
        var names: [String] = []
        var end = words.count
        while end > 0 {
            let start = fewest[end]!.start
            names.insert(words[start..<end].joined(separator: " "), at: 0)
            end = start
        }
        return names
    }

    /// Whether the words from `index` on are a known name that ends the segment, is followed by a prefix word, or is
    /// followed by known names only ("duong huu son dong bac giang").
    private func startsWholeName(_ tokens: [String], at index: Int) -> Bool {
        var end = index + 1
        while end <= tokens.count && namePrefixes.contains(tokens[index..<end].joined(separator: " ")) {
            let candidate = tokens[index..<end].joined(separator: " ")
            if units[candidate] != nil || districts.contains(candidate) {
                if end == tokens.count || Self.prefixes.contains(where: { $0.0.first == tokens[end] }) || knownNames(covering: tokens[end...]) != nil {
                    return true
                }
            }
            end += 1
        }
        return false
    }

    /// Resolves a text; see the type's documentation.
    func resolve(_ text: String, folder: inout NameFolder) -> Resolution {
        let parts = parts(text, folder: &folder).filter { $0.level != .below }
        // The commune: the first part that says it is one, else the first unstated part naming a unit.
        guard let communeIndex = parts.firstIndex(where: { if case .commune = $0.level { true } else { false } })
            ?? parts.firstIndex(where: { $0.level == .unstated && units[$0.name] != nil })
        else { return .unknown }
        let commune = parts[communeIndex]
        var district: String?
        var province: String?
        for part in parts[(communeIndex + 1)...] {
            switch part.level {
            case .district where district == nil: district = part.name
            case .province where province == nil: province = part.name
            case .city where district == nil && districts.contains(part.name): district = part.name
            case .unstated where district == nil && districts.contains(part.name): district = part.name
            case .city where province == nil, .unstated where province == nil: province = part.name
            default: break
            }
        }
        // "Bắc Ninh" after a district names the province, not the old city of that name.
        if let named = district, province == nil, Self.coveredProvinces.contains(named), parts.count == communeIndex + 2,
            case .unstated = parts[communeIndex + 1].level
        {
            province = named
            district = nil
        }
        if let province, !Self.coveredProvinces.contains(province) { return .unknown }
        var candidates = units[commune.name] ?? nearest(commune.name)
        if let province { candidates = candidates.filter { $0.district.isEmpty || $0.province == province || province == "bac ninh" } }
        if let district {
            candidates = candidates.filter { !$0.district.isEmpty && ($0.district == district || Self.withinOneEdit($0.district, district)) }
        }
        if case .commune(let type?) = commune.level {
            let typed = candidates.filter { $0.type == type }
            if !typed.isEmpty && Set(typed.map(\.code)).count < Set(candidates.map(\.code)).count { candidates = typed }
        }
        var codes: [UInt32] = []
        for unit in candidates where !codes.contains(unit.code) { codes.append(unit.code) }
        switch codes.count {
        case 1: return Resolution(code: codes[0], alternative: 0)
        case 2: return Resolution(code: codes[0], alternative: codes[1])
        default: return .unknown
        }
    }

    /// The units of the one known name within one edit of `name` (a typo), if exactly one is.
    private func nearest(_ name: String) -> [Unit] {
        guard name.count >= 6 else { return [] }
        var found: [Unit]?
        for (known, list) in units where Self.withinOneEdit(known, name) {
            if found != nil { return [] }
            found = list
        }
        return found ?? []
    }

    /// Whether two texts are at most one insertion, deletion or substitution apart.
    static func withinOneEdit(_ lhs: String, _ rhs: String) -> Bool {
        // A typo'd name is compared with every known one: lengths first, then the bytes in place, without copies.
        guard abs(lhs.utf8.count - rhs.utf8.count) <= 1 else { return false }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { a in rhs.withUTF8 { b in withinOneEdit(a, b) } }
    }

    private static func withinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var j = 0
        var edits = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                i += 1
                j += 1
                continue
            }
            edits += 1
            if edits > 1 { return false }
            if a.count > b.count { i += 1 } else if b.count > a.count { j += 1 } else { i += 1; j += 1 }
        }
        return edits + (a.count - i) + (b.count - j) <= 1
    }
}
