import HTTPTypes
import Hummingbird
import MotCuaDomain
import MotCuaRegistrySandbox

extension RegistrySandboxRouter {
    /// The registry's acknowledgement, `{"reference":…,"message":…}`.
    struct UpdateAnswer: Encodable {
        var reference: String?
        var message: String
    }

    /// `POST /v1/updates`: two-way sharing. The body is ``RegistryUpdate``'s wire form; an update the
    /// registry's rules refuse is 422 with the bilingual reason, a body that is not an update is 400.
    /// Requests are deduplicated by `X-Road-Id` (``UpdateLedger``): a replay answers what the first copy got.
    static func addUpdateRoute(to api: RouterGroup<BasicRequestContext>, registry: NationalRegistry, ledger: UpdateLedger) {
        api.post("updates") { request, context in
            let update = try await request.decode(as: RegistryUpdate.self, context: context)
            // SandboxMiddleware has already refused a request without a request id.
            let requestID = request.headers[HTTPField.Name("X-Road-Id")!] ?? ""
            let answer = try ledger.answer(requestID: requestID) {
                do {
                    let registration = try registry.apply(update)
                    return switch update {
                    case .convertLandOwner(let parcelID, _), .updateLandParcel(let parcelID, _, _, _): .applied(reference: parcelID)
                    default: .applied(reference: registration?.registrationNumber)
                    }
                } catch let error as RegistryUpdateError {
                    return .refused(message: error.description)
                }
            }
            switch answer {
            case .applied(let reference):
                return try json(UpdateAnswer(reference: reference, message: "Đã cập nhật cơ sở dữ liệu / the registry has applied the update"))
            case .refused(let message):
                throw HTTPError(.unprocessableContent, message: message)
            }
        }
    }
}
