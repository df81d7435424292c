extension String {
    /// The text made safe to place in HTML element content or a quoted attribute value: `& < > " '` become
    /// character references. One escaper for every server-rendered page (forms, e-ID pages), so none of them
    /// can forget a character.
    public var htmlEscaped: String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
