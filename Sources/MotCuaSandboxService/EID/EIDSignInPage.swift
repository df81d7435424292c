import MotCuaDomain

/// The provider's HTML: the sign-in form and the refusal page. Vietnamese first, English second, and a
/// banner saying it is a sandbox, so nobody mistakes it for the real VNeID.
enum EIDSignInPage {
    /// The sign-in form, carrying the authorization request in hidden fields.
    static func form(_ parameters: EIDAuthorizationParameters, error: String? = nil, citizenID: String = "", level: Int = 2) -> String {
        let hidden = parameters.fields.map { #"<input type="hidden" name="\#(escape($0.name))" value="\#(escape($0.value))">"# }
        let options = [(2, "Mức 2 (đã xác thực trực tiếp) / level 2 (verified in person)"), (1, "Mức 1 / level 1")].map { value, label in
            #"<option value="\#(value)"\#(value == level ? " selected" : "")>\#(label)</option>"#
        }
        return document(
            title: "Đăng nhập VNeID (thử nghiệm) / VNeID sign-in (sandbox)",
            body: """
                \(error.map { #"<p class="error" role="alert">\#(escape($0))</p>"# } ?? "")
                <p>Ứng dụng <strong>\(escape(parameters.clientID ?? ""))</strong> yêu cầu xác thực danh tính của bạn.<br>
                The application <strong>\(escape(parameters.clientID ?? ""))</strong> asks to confirm your identity.</p>
                <form method="post" action="authorize">
                \(hidden.joined(separator: "\n"))
                <label>Số định danh cá nhân / citizen ID
                <input name="citizen_id" inputmode="numeric" pattern="[0-9]{12}" maxlength="12" required value="\(escape(citizenID))"></label>
                <label>Mức định danh / identity level
                <select name="level">\(options.joined())</select></label>
                <button type="submit">Đăng nhập / sign in</button>
                </form>
                """)
    }

    /// A request the provider cannot answer through the client, e.g. an unregistered redirect URI.
    static func refusal(_ message: String) -> String {
        document(title: "Yêu cầu không hợp lệ / invalid request", body: #"<p class="error" role="alert">\#(escape(message))</p>"#)
    }

    private static func document(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>\(escape(title))</title>
        <style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto}label{display:block;margin:1rem 0}
        .sandbox{background:#fff3cd;padding:.5rem}.error{color:#a00}</style></head>
        <body><p class="sandbox">Môi trường thử nghiệm, không phải VNeID thật; dữ liệu là giả lập. /
        Sandbox, not the real VNeID; all data is synthetic.</p>
        <h1>\(escape(title))</h1>
        \(body)
        </body></html>
        """
    }

    static func escape(_ text: String) -> String { text.htmlEscaped }
}
