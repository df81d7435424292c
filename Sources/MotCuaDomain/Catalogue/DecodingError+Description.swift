extension DecodingError {
    /// The decoding path as it would be written in JSON, e.g. `procedures[3].timeLimit.value`.
    var pathDescription: String {
        let path = context?.codingPath ?? []
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        // A missing key is reported by its parent's path, so name the key too.
        if case .keyNotFound(let key, _) = self {
            text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
        }
        return text.isEmpty ? "(top level)" : text
    }

    /// A short, stable explanation of the failure.
    var detail: String {
        switch self {
        case .keyNotFound(let key, _): "required key '\(key.stringValue)' is missing"
        case .typeMismatch(let type, let context): "expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, _): "expected \(type), found null"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: String(describing: self)
        }
    }

    /// The entry number in the decoding path: the index that follows the key `list` (for example 3 in
    /// `procedures[3].code`), or the first index of the path when `list` is `nil` (a top-level array).
    func entryIndex(inList list: String?) -> Int? {
        let path = context?.codingPath ?? []
        guard let list else { return path.first?.intValue }
        guard let position = path.firstIndex(where: { $0.intValue == nil && $0.stringValue == list }),
            position + 1 < path.count
        else { return nil }
        return path[position + 1].intValue
    }

    private var context: Context? {
        switch self {
        case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
            .dataCorrupted(let context):
            context
        @unknown default: nil
        }
    }
}
