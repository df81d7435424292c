/// The parameters of an authorization request (OpenID Connect Core §3.1.2.1), as the browser sent them
/// to the authorize endpoint, or back from the sign-in form's hidden fields.
struct EIDAuthorizationParameters: Sendable, Equatable {
    var responseType: String?
    var clientID: String?
    var redirectURI: String?
    var scope: String?
    var state: String?
    var nonce: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?

    init(_ fields: [String: String]) {
        responseType = fields["response_type"]
        clientID = fields["client_id"]
        redirectURI = fields["redirect_uri"]
        scope = fields["scope"]
        state = fields["state"]
        nonce = fields["nonce"]
        codeChallenge = fields["code_challenge"]
        codeChallengeMethod = fields["code_challenge_method"]
    }

    /// The parameters as form fields, for the sign-in page's hidden inputs.
    var fields: [(name: String, value: String)] {
        [
            ("response_type", responseType), ("client_id", clientID), ("redirect_uri", redirectURI), ("scope", scope),
            ("state", state), ("nonce", nonce), ("code_challenge", codeChallenge), ("code_challenge_method", codeChallengeMethod),
        ].compactMap { name, value in value.map { (name, $0) } }
    }
}
