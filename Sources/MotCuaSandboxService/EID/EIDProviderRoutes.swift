import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Mounts an ``EIDProvider`` under `/eid`: discovery, JWKS, the authorize endpoint (sign-in page and form)
/// and the token endpoint.
public enum EIDProviderRoutes {
    public static func add(to router: Router<BasicRequestContext>, provider: EIDProvider) {
        let eid = router.group("eid")
        eid.get(".well-known/openid-configuration") { _, _ in try json(provider.discovery) }
        eid.get("jwks") { _, _ in try json(provider.jwks) }
        eid.get("authorize") { request, _ in
            let parameters = EIDAuthorizationParameters(FormEncoding.decode(request.uri.query ?? ""))
            return answer(provider.check(parameters)) { html(.ok, EIDSignInPage.form($0)) }
        }
        eid.post("authorize") { request, context in
            let form = try await formFields(request, context)
            return answer(provider.check(EIDAuthorizationParameters(form))) { parameters in
                do throws(EIDSignInRefusal) {
                    return redirect(try provider.signIn(parameters, citizenID: form["citizen_id"] ?? "", level: form["level"] ?? ""))
                } catch {
                    let level = form["level"].flatMap(Int.init) ?? 2
                    return html(error.status, EIDSignInPage.form(parameters, error: error.message, citizenID: form["citizen_id"] ?? "", level: level))
                }
            }
        }
        eid.post("token") { request, context -> Response in
            let form = try await formFields(request, context)
            return try json(try await provider.exchange(form), headers: [.cacheControl: "no-store"])
        }
    }

    private static func answer(
        _ outcome: EIDAuthorizationOutcome, signIn: (EIDAuthorizationParameters) -> Response
    ) -> Response {
        switch outcome {
        case .refused(let message): html(.badRequest, EIDSignInPage.refusal(message))
        case .redirectError(let location): redirect(location)
        case .signIn(let parameters): signIn(parameters)
        }
    }

    private static func formFields(_ request: Request, _ context: BasicRequestContext) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 16 * 1024)
        return FormEncoding.decode(String(buffer: body))
    }

    private static func html(_ status: HTTPResponse.Status, _ page: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    private static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }

    private static func json(_ value: some Encodable, headers: HTTPFields = [:]) throws -> Response {
        var response = try RegistrySandboxRouter.json(value)
        response.headers.append(contentsOf: headers)
        return response
    }
}
