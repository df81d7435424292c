import Foundation
import MotCuaDomain

/// The platform's page for a citizen sign-in that failed: what happened, in Vietnamese then English, and
/// a link to start again.
enum EIDLoginPage {
    static func failure(_ message: String) -> String {
        """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>Đăng nhập không thành công / sign-in failed</title></head>
        <body><h1>Đăng nhập không thành công / sign-in failed</h1>
        <p role="alert">\(escape(message))</p>
        <p><a href="/auth/eid/start">Đăng nhập lại bằng VNeID / sign in again with VNeID</a></p>
        </body></html>
        """
    }

    private static func escape(_ text: String) -> String { text.htmlEscaped }
}
