/// How the authorize endpoint answers a request, before or after the citizen signs in.
enum EIDAuthorizationOutcome: Sendable, Equatable {
    /// The client or its redirect URI is unknown: show an error page and never redirect, or the provider
    /// would become an open redirector.
    case refused(message: String)
    /// The client is known but the request is not acceptable: tell the client through its redirect URI.
    case redirectError(location: String)
    /// The request is valid: show the sign-in page.
    case signIn(EIDAuthorizationParameters)
}
