import HTTPTypes

extension Problem {
    static func from(_ error: ArchiveShareError) -> Problem {
        switch error {
        case .itemNotFound(let kind, let id):
            return .notFound("Không có mục \(kind) \(id) trong kho dữ liệu của bạn / your archive has no \(kind) \(id)")
        case .shareNotFound:
            return .notFound("Không tìm thấy chia sẻ / no such share")
        case .shareEnded(let revoked):
            return Problem(
                .gone, revoked ? "share-revoked" : "share-expired",
                revoked ? "Người chia sẻ đã thu hồi / the citizen revoked this share" : "Chia sẻ đã hết hạn / this share has expired")
        case .notShareable(let state):
            return Problem(
                .unprocessableContent, "not-shareable",
                "Kết quả đang ở trạng thái \(state), không chia sẻ được / a \(state) result cannot be shared", field: "itemId")
        case .notShareableKind(let kind):
            return Problem(
                .unprocessableContent, "not-shareable",
                "Loại mục \(kind) không chia sẻ được / items of kind \(kind) cannot be shared", field: "kind")
        case .untilOutOfRange(let days):
            return Problem(
                .unprocessableContent, "invalid",
                "Ngày hết hạn phải từ hôm nay đến \(days) ngày tới / the end date must be between today and \(days) days ahead", field: "until")
        case .agency(let detail):
            return Problem(.unprocessableContent, "invalid", detail, field: "agencyId")
        }
    }
}
