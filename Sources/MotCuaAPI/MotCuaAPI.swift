import Foundation

/// The API contract. The generated types and server stubs in this module come from `openapi.yaml`, which
/// is also served verbatim at `/openapi.yaml`.
public enum OpenAPIDocument {
    /// The bundled `openapi.yaml`.
    public static var url: URL? { Bundle.module.url(forResource: "openapi", withExtension: "yaml") }
}
