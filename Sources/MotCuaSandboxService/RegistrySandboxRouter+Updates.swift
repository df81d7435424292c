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
    static func addUpdateRoute(to api: RouterGroup<BasicRequestContext>, registry: NationalRegistry) {
        api.post("updates") { request, context in
            let update = try await request.decode(as: RegistryUpdate.self, context: context)
            let registration: CivilStatusRegistration?
            do { registration = try registry.apply(update) } catch let error as RegistryUpdateError {
                throw HTTPError(.unprocessableContent, message: error.description)
            }
            let reference: String? =
                switch update {
                case .convertLandOwner(let parcelID, _): parcelID
                default: registration?.registrationNumber
                }
            return try json(UpdateAnswer(reference: reference, message: "Đã cập nhật cơ sở dữ liệu / the registry has applied the update"))
        }
    }
}
