import Foundation
import HTTPTypes
import Hummingbird
import MotCuaDomain
import MotCuaRegistrySandbox
import NIOCore

/// The national-registry sandbox as an HTTP/JSON service: synthetic population, civil-status, social
/// insurance, land, tax and business databases, looked up by citizen ID.
///
/// Like an X-Road security server, it refuses requests without the caller's metadata (agency, official,
/// purpose, request id). For fault tests a caller can ask for latency (`X-Sandbox-Delay-Ms`) or a failure
/// (`X-Sandbox-Fail: 503`), or set faults for everyone through `PUT /sandbox/faults` (``SandboxFaults``);
/// the embedded default never injects faults on its own. `POST /v1/updates` applies two-way-sharing updates
/// and `GET /sandbox/samples` lists demo people.
public enum RegistrySandboxRouter {
    /// X-Road-style metadata every request must carry.
    public static let requiredHeaders = ["X-Road-Client", "X-Road-UserId", "X-Road-Issue", "X-Road-Id"]

    /// - Parameters:
    ///   - registry: The data served, and changed by updates.
    ///   - faults: Faults set over HTTP and request counts; pass your own to set them in-process.
    ///   - ledger: The updates answered so far, by request id, so that replays are not applied twice.
    ///   - eid: the sandbox national e-ID provider to mount under `/eid`, if any.
    public static func build(
        registry: NationalRegistry, faults: SandboxFaults = SandboxFaults(), ledger: UpdateLedger = UpdateLedger(), eid: EIDProvider? = nil
    ) -> Router<BasicRequestContext> {
        let router = Router()
        if let eid { EIDProviderRoutes.add(to: router, provider: eid) }
        router.get("/healthz") { _, _ in try Self.json(["status": "ok", "people": String(registry.personCount)]) }
        let api = router.group("v1").add(middleware: SandboxMiddleware(faults: faults))
        api.get("population/:id") { _, context in
            let id = try citizenID(context)
            guard let person = registry.person(id: id) else { throw notFound }
            return try json(person)
        }
        api.get("population/legacy/:id") { _, context in
            guard let legacy = LegacyID(try context.parameters.require("id")) else {
                throw HTTPError(.badRequest, message: "an old ID has exactly 9 digits")
            }
            guard let person = registry.person(legacyID: legacy) else { throw notFound }
            return try json(person)
        }
        api.get("civil-status/:id") { _, context in try json(registry.civilStatus(for: try citizenID(context))) }
        api.get("social-insurance/:id") { _, context in
            guard let record = registry.insurance(for: try citizenID(context)) else { throw notFound }
            return try json(record)
        }
        api.get("land/:id") { _, context in try json(registry.landParcels(owner: try citizenID(context))) }
        api.get("tax/:id") { _, context in
            guard let record = registry.tax(for: try citizenID(context)) else { throw notFound }
            return try json(record)
        }
        api.get("business/:id") { _, context in try json(registry.businesses(owner: try citizenID(context))) }
        addUpdateRoute(to: api, registry: registry, ledger: ledger)
        addControlRoutes(to: router.group("sandbox"), registry: registry, faults: faults)
        return router
    }

    static let notFound = HTTPError(.notFound, message: "no record for this ID")

    static func citizenID(_ context: BasicRequestContext) throws -> CitizenID {
        do { return try CitizenID(try context.parameters.require("id")) } catch let error as CitizenIDError {
            throw HTTPError(.badRequest, message: error.description)
        }
    }

    static func json(_ value: some Encodable) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}

/// Enforces the X-Road metadata and applies requested faults.
struct SandboxMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let faults: SandboxFaults

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        for name in RegistrySandboxRouter.requiredHeaders {
            guard let field = HTTPField.Name(name), let value = request.headers[field], !value.isEmpty else {
                throw HTTPError(.badRequest, message: "missing \(name): every look-up names the agency, the official, the purpose and a request id")
            }
        }
        faults.entered()
        defer { faults.left() }
        if let fault = faults.arrival(for: Self.registry(request.uri.path)) {
            if let delay = fault.delayMs, delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
            if let status = fault.failStatus { throw HTTPError(.init(code: status), message: "fault set through /sandbox/faults") }
        }
        if let delay = request.headers[HTTPField.Name("X-Sandbox-Delay-Ms")!].flatMap(Int.init), (1...60_000).contains(delay) {
            try await Task.sleep(for: .milliseconds(delay))
        }
        if let status = request.headers[HTTPField.Name("X-Sandbox-Fail")!].flatMap(Int.init), (500...599).contains(status) {
            throw HTTPError(.init(code: status), message: "fault injected on request")
        }
        return try await next(request, context)
    }

    /// The registry a `/v1/…` path belongs to; `nil` for the update endpoint, which only "all" faults reach.
    static func registry(_ path: String) -> RegistrySource? {
        switch path.split(separator: "/").dropFirst().first {
        case "population": .population
        case "civil-status": .civilStatus
        case "social-insurance": .socialInsurance
        case "land": .land
        case "tax": .tax
        case "business": .business
        default: nil
        }
    }
}
