import Hummingbird
import MotCuaDomain
import MotCuaRegistrySandbox

extension RegistrySandboxRouter {
    /// The body of `PUT /sandbox/faults`.
    struct FaultSetting: Decodable {
        /// A ``RegistrySource`` raw value ("population", "civil_status", …) or "all".
        var registry: String
        var failStatus: Int?
        var delayMs: Int?
        var remaining: Int?
    }

    /// Sandbox controls, outside `/v1` so they need no X-Road metadata: fault injection for drills and the
    /// demo people for the README.
    static func addControlRoutes(to group: RouterGroup<BasicRequestContext>, registry: NationalRegistry, faults: SandboxFaults) {
        group.put("faults") { request, context in
            let setting = try await request.decode(as: FaultSetting.self, context: context)
            let target: RegistrySource?
            if setting.registry == "all" {
                target = nil
            } else if let source = RegistrySource(rawValue: setting.registry) {
                target = source
            } else {
                throw HTTPError(.badRequest, message: "Không có cơ sở dữ liệu \(setting.registry) / unknown registry \(setting.registry)")
            }
            guard setting.failStatus.map({ (400...599).contains($0) }) ?? true, setting.delayMs.map({ (0...60_000).contains($0) }) ?? true,
                setting.remaining.map({ $0 > 0 }) ?? true, setting.failStatus != nil || setting.delayMs != nil
            else {
                throw HTTPError(
                    .badRequest,
                    message: "Lỗi giả lập không hợp lệ / a fault needs failStatus 400–599 and/or delayMs 0–60000, and remaining > 0 if given")
            }
            faults.set(.init(failStatus: setting.failStatus, delayMs: setting.delayMs, remaining: setting.remaining), for: target)
            return Response(status: .noContent)
        }
        group.delete("faults") { _, _ in
            faults.clear()
            return Response(status: .noContent)
        }
        group.get("samples") { request, _ in
            // Up to 10,000, enough distinct people for load tests (Benchmarks/scan-to-profile); a few ms each 1,000.
            // An unreadable count is refused like an out-of-range one, not replaced by the default.
            let raw = request.uri.queryParameters.get("count")
            guard let count = raw.map({ Int($0) }) ?? 5, (1...10_000).contains(count) else {
                throw HTTPError(.badRequest, message: "count: a whole number 1–10000")
            }
            return try json(SandboxSample.samples(from: registry, count: count))
        }
    }
}
