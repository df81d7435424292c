import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import MotCuaAPI
import MotCuaDomain
import MotCuaIntegrations
import ServiceLifecycle
import MotCuaStorage
import MotCuaWeb
import NIOCore
import Prometheus
import OpenAPIHummingbird
import OpenAPIRuntime

/// The composition root: builds every dependency once and wires the HTTP application.
///
/// The national databases are reached at `configuration.registryURL` and the e-ID provider at
/// `configuration.eidIssuerURL`: this library never starts the demo sandbox itself (the `motcua serve`
/// command does, in demo mode only, and passes it in `services`).
/// - Parameters:
///   - now: the clock; tests inject a fixed or stepping one to exercise working-day rules.
///   - eid: the national e-ID relying party; by default one for `configuration.eidIssuerURL`, if set.
///   - services: more services to run with the application (the demo's embedded sandbox).
/// - Throws: ``ProductionRefusal`` for a production configuration with unsafe settings;
///   ``ConfigurationError`` when no registry URL is configured or a key file is unusable.
public func buildApplication(
    _ configuration: AppConfiguration, logger: Logger? = nil, now: @escaping @Sendable () -> Date = { Date() },
    eid: EIDRelyingParty? = nil, services: [any Service] = []
) async throws -> some ApplicationProtocol {
    var configuredLogger = logger ?? Logger(label: "motcua")
    configuredLogger.logLevel = configuration.logLevel
    let logger = configuredLogger
    let refusals = ProductionCheck.problems(configuration)
    guard refusals.isEmpty else { throw ProductionRefusal(problems: refusals) }
    guard let registryURL = configuration.registryURL else {
        throw ConfigurationError("MOTCUA_REGISTRY_URL", "no national-registry gateway configured (the demo sandbox is started by `motcua serve`)")
    }
    let platform = try await Platform.open(configuration, logger: logger)
    let registryConfiguration = RegistryClientConfiguration(baseURL: registryURL, attemptTimeout: configuration.registryAttemptTimeout)
    let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: registryConfiguration.httpClientConfiguration)
    let registryClient = HTTPRegistryClient(httpClient: httpClient, configuration: registryConfiguration)
    // Tests pass their own relying party; otherwise the configured provider is used.
    let relyingParty = eid ?? configuration.eidIssuerURL.map {
        EIDRelyingParty(
            issuer: $0, clientID: configuration.eidClientID, redirectURI: configuration.eidRedirectURI, httpClient: httpClient, now: now)
    }
    // A start refused from here on (a key file, the document directory) must close what is open: the HTTP client
    // and the SQLite connections trap when released unclosed.
    func closingOnFailure<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            try? await httpClient.shutdown()
            await platform.store.close()
            throw error
        }
    }
    let parts = try await closingOnFailure {
        let tokenKeys = try await TokenKeys.load(platform.keys.token)
        return try buildRouter(platform: platform, registryClient: registryClient, tokenKeys: tokenKeys, now: now, eid: relyingParty)
    }
    let router = parts.router
    // Idle connections are closed and connections are bounded, so slow or idle clients cannot pin the server.
    var app = Application(
        router: router, server: .http1(configuration: .init(idleTimeout: .seconds(60))),
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port), serverName: "MotCua",
            availableConnectionsDelegate: MaximumAvailableConnections(4_096)),
        logger: logger)
    if let client = platform.postgresClient { app.addServices(client) }
    for service in services { app.addServices(service) }
    app.addServices(HTTPClientService(client: httpClient))
    app.addServices(StoreLifecycle(store: platform.store))
    if let journal = platform.dossiers.checkpoints {
        app.addServices(HistoryCheckpointService(journal: journal, interval: .seconds(configuration.historyCheckpointInterval), logger: logger))
    }
    app.addServices(IndexCounterService(feed: IndexCounterFeed(store: platform.store, batchSize: 500), readiness: parts.readiness, logger: logger))
    app.addServices(
        VerificationCountWriter(counter: parts.verifications, results: platform.results, interval: .seconds(2), logger: logger))
    app.addServices(
        RegistryVerificationService(
            verifier: parts.verifier, trigger: parts.trigger, readiness: parts.readiness, interval: configuration.verificationInterval,
            logger: logger))
    // After the store's lifecycle, so it stops first: a running job is marked interrupted before the store closes.
    app.addServices(parts.reconciliationJobs)
    app.addServices(
        RegistryOutboxDispatcher(
            outbox: platform.worklist.registryOutbox, client: registryClient, agencies: platform.reference.agencies,
            schedule: configuration.registryOutbox, readiness: parts.readiness, now: now, logger: logger))
    let readiness = parts.readiness
    app.beforeServerStarts {
        let applied = try await platform.migrate()
        if !applied.isEmpty { logger.info("Database migrated", metadata: ["migrations": "\(applied.count)"]) }
        readiness.markReady()
        // A calendar loaded since the last start may turn provisional promised dates into final ones.
        try await ProvisionalDueDates(reference: platform.reference, dossiers: platform.dossiers, logger: logger).recompute(at: now())
        try await platform.sessions.purge(endedBefore: now().addingTimeInterval(-86_400))
        if configuration.mode == .production {
            if let refusal = ProductionCheck.demoAccounts(try await DemoSeeder(platform: platform).present()) {
                throw ProductionRefusal(problems: [refusal])
            }
        } else if configuration.seedDemoDataWhenEmpty, try await platform.officials.count() == 0 {
            let accounts = try await DemoSeeder(platform: platform).seed()
            // stdout may be a pipe (block-buffered): write and flush so the accounts show at once.
            FileHandle.standardOutput.write(Data((DemoSeeder.describe(accounts) + "\n").utf8))
            if let count = configuration.demoPopulation, count > 0 {
                try await DemoPopulation.fillNewDemo(platform: platform, dossiers: count, until: now(), logger: logger)
            }
        }
    }
    return app
}

/// Routes and middleware. The JSON API is generated from `openapi.yaml`; operational routes sit beside it.
func buildRouter(
    platform: Platform, registryClient: any NationalRegistryClient, tokenKeys: TokenKeys, now: @escaping @Sendable () -> Date,
    eid: EIDRelyingParty? = nil
) throws -> (
    router: Router<AppRequestContext>, verifier: RegistryVerifier, trigger: VerificationTrigger, verifications: VerificationCounter,
    reconciliationJobs: ReconciliationJobService, readiness: SchemaReadiness
) {
    let workflow = DossierWorkflow(calendar: platform.reference.calendar)
    let intake = DossierIntake(catalogue: platform.reference.catalogue, agencies: platform.reference.agencies, workflow: workflow)
    let accessLog = SQLRegistryAccessLog(store: platform.store)
    let metrics = AppMetrics()
    var gateway = RegistryGateway(client: registryClient, accessLog: accessLog, now: now)
    gateway.observe = { metrics.recordRegistryCall(registry: $0.rawValue, outcome: $1.rawValue) }
    let trigger = VerificationTrigger()
    let reusable = ReusableResults(results: platform.results, calendar: platform.reference.calendar, now: now)
    let verifier = RegistryVerifier(
        gateway: gateway, dossiers: platform.dossiers, agencies: platform.reference.agencies, catalogue: platform.reference.catalogue,
        reusable: reusable, logger: platform.logger, now: now, pressure: ReceiptPressure())
    let service = DossierService(
        reference: platform.reference, intake: intake, dossiers: platform.dossiers, officials: platform.officials,
        idempotency: platform.idempotency, reusable: reusable, verifier: verifier, trigger: trigger,
        submissionsPerCitizenPerDay: platform.configuration.limits.submissionsPerCitizenPerDay, now: now)
    let configuration = platform.configuration
    let verifications = VerificationCounter()
    let results = ResultService(
        reference: platform.reference, dossiers: service, repository: platform.dossiers, results: platform.results,
        officials: platform.officials, signing: platform.signing, workflow: workflow, verifications: verifications,
        issuesCertificatesOnDemand: configuration.mode == .demo, now: now)
    let verificationLimiter = VerificationRateLimiter(perMinute: configuration.limits.verificationsPerMinute, now: now)
    let gate = SessionGate(
        sessions: platform.sessions, officials: platform.officials, idleTimeout: configuration.sessionIdleTimeout,
        checkInterval: configuration.sessionCheckInterval)
    let issuer = SessionIssuer(keys: tokenKeys, sessions: platform.sessions, lifetime: configuration.tokenLifetime, now: now)
    let auth = AuthService(
        officials: platform.officials, issuer: issuer, gate: gate,
        hasher: PasswordHasher(
            cost: configuration.bcryptCost, queue: configuration.passwordHashingQueue,
            budget: HashingBudget(share: Double(configuration.passwordHashingPercent) / 100)),
        throttle: SignInThrottle(failuresPerAddress: configuration.signInFailuresPerAddress, window: configuration.signInWindow),
        knownAddresses: KnownAddresses(),
        configuration: configuration, now: now)
    // Scanned documents: content in the blob store under the document directory, metadata in the database.
    let blobs: FileSystemBlobStore
    do {
        blobs = try FileSystemBlobStore(root: URL(fileURLWithPath: configuration.documentDirectory))
    } catch {
        throw ConfigurationError("MOTCUA_BLOB_DIR", "\(configuration.documentDirectory) cannot be used for scanned documents: \(error)")
    }
    // Uploads cut short by a stop leave their spool file; an hour is far beyond any upload still in flight.
    let abandoned = UploadSpool.removeAbandoned(in: blobs.incoming, olderThan: 3_600)
    if abandoned > 0 { platform.logger.notice("Removed abandoned upload spool files", metadata: ["files": "\(abandoned)"]) }
    let documentRecords = SQLDocumentRepository(store: platform.store)
    let documents = DocumentService(
        dossiers: service, archive: DocumentArchive(blobs: blobs, records: documentRecords), documents: documentRecords, blobs: blobs,
        accessLog: accessLog, spoolDirectory: blobs.incoming,
        bandwidth: UploadBandwidth(bytesPerSecond: configuration.uploadBytesPerSecond), maximumUploadBytes: configuration.maximumUploadBytes, now: now)
    let archiveItems = SQLArchiveRepository(store: platform.store)
    let archive = PersonalArchive(
        reference: platform.reference, dossiers: service, archive: archiveItems, accessLog: accessLog, legacyRecords: platform.legacyRegisters,
        now: now)
    let sharing = ArchiveSharing(
        reference: platform.reference, archive: archive, items: archiveItems, shares: SQLArchiveShareRepository(store: platform.store),
        blobs: blobs, now: now)
    // Shared links are opened without sign-in: limited per address like public verification.
    let shareLimiter = VerificationRateLimiter(
        perMinute: configuration.limits.verificationsPerMinute, subject: ("lượt mở đường liên kết", "shared-link openings"), now: now)
    let satisfactionRepository = SQLSatisfactionRepository(store: platform.store)
    let satisfactionRules = try SatisfactionService.bundledRules()
    let index = IndexService(
        repository: SQLIndexRepository(store: platform.store), counters: SQLIndexCounterRepository(store: platform.store),
        configuration: try IndexService.bundledConfiguration(),
        reference: platform.reference,
        publicLimiter: VerificationRateLimiter(perMinute: configuration.limits.verificationsPerMinute, now: now), now: now,
        satisfaction: satisfactionRepository, satisfactionRules: satisfactionRules)
    // Reconciliation runs: queued over the API, run one at a time in the background (added as a service below).
    let readiness = SchemaReadiness()
    let reconciliationJobs = ReconciliationJobService(
        jobs: SQLReconciliationJobs(store: platform.store),
        runner: ReconciliationRunner(importDirectory: URL(fileURLWithPath: configuration.importDirectory)), dossiers: platform.dossiers,
        now: now, logger: platform.logger, readiness: readiness)
    let api = APIImplementation(
        reference: platform.reference, service: service, documents: documents, auth: auth, officials: platform.officials, worklist: platform.worklist,
        registry: gateway, accessLog: accessLog, statusLimiter: LookupRateLimiter(),
        access: AccessControl(agencies: platform.reference.agencies),
        lookUpQuota: LookUpQuota(
            perMinute: platform.configuration.limits.lookUpsPerMinute, perDay: platform.configuration.limits.lookUpsPerDay,
            calendar: platform.reference.calendar),
        importDirectory: URL(fileURLWithPath: platform.configuration.importDirectory), results: results,
        archive: archive, sharing: sharing, shareLimiter: shareLimiter,
        reusable: reusable, zeroPaper: ZeroPaperScore(reference: platform.reference, report: SQLZeroPaperReport(store: platform.store)),
        legacy: LegacyDataEntry(registers: platform.legacyRegisters, blobs: blobs, today: { platform.reference.calendar.localDate(of: now()) }),
        legacyUpload: LegacyBookUpload(
            importer: LegacyRegisterImporter(blobs: blobs, registers: platform.legacyRegisters), spoolDirectory: blobs.incoming,
            maximumBytes: configuration.maximumRegisterArchiveBytes, bandwidth: documents.bandwidth),
        verificationLimiter: verificationLimiter,
        index: index,
        satisfaction: SatisfactionService(
            reference: platform.reference, rules: satisfactionRules, dossiers: service, repository: satisfactionRepository,
            publicLimiter: VerificationRateLimiter(
                perMinute: configuration.limits.verificationsPerMinute, subject: ("lượt xem phản ánh, kiến nghị", "petition look-ups"), now: now),
            now: now),
        operations: OperationsCentre(
            repository: SQLOperationsRepository(store: platform.store), index: index, reference: platform.reference, now: now),
        reconciliationJobs: reconciliationJobs,
        now: now)

    let metricsEndpoint = MetricsEndpoint(metrics: metrics, scrapeToken: try platform.configuration.metricsScrapeToken()) {
        let counts = try await platform.dossiers.countsByStatus()
        for status in DossierStatus.allCases { metrics.setDossierCount(status: status.name, count: counts[status] ?? 0) }
        metrics.setPendingVerifications(try await platform.dossiers.pendingVerificationCount())
    }
    let specification = try OpenAPIDocument.url.map { try Data(contentsOf: $0) } ?? Data()
    let contract = try ContractRules(yaml: String(decoding: specification, as: UTF8.self))

    let router = Router(context: AppRequestContext.self)
    router.addMiddleware {
        ClientAddressMiddleware(proxies: configuration.trustedProxies)
        SecurityHeadersMiddleware(strictTransportSecurity: platform.configuration.publicBaseURL.hasPrefix("https:"))
        MetricsMiddleware(metrics: metrics)
        ErrorMappingMiddleware()
        BodyLimitMiddleware(
            maximumBytes: platform.configuration.maximumBodyBytes, maximumUploadBytes: configuration.maximumUploadBytes,
            maximumArchiveBytes: configuration.maximumRegisterArchiveBytes)
        UndeclaredMethodMiddleware(rules: contract)
        MetricsEndpoint.ScraperMiddleware(endpoint: metricsEndpoint)
        AuthenticationMiddleware(keys: tokenKeys, gate: gate, now: now)
        OpenAPIRequestContextMiddleware()
    }
    router.get("/healthz") { _, _ -> Response in
        // Healthy means the database answers, not just that the process is up.
        _ = try await platform.officials.count()
        // The mode is public on purpose: a demo must never be mistaken for the real service.
        let body = #"{"status":"ok","mode":"\#(configuration.mode.rawValue)"}"#
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
    router.get("/metrics") { _, context -> Response in
        // The scraper's token is answered before this route (MetricsEndpoint.ScraperMiddleware); people need an
        // operations monitor's sign-in.
        guard let principal = context.principal else {
            if context.citizen != nil { throw Problem.forbidden("Chỉ cán bộ giám sát vận hành xem số liệu / only operations monitors read the metrics") }
            throw Problem.unauthenticated
        }
        guard principal.role == .operationsMonitor else {
            throw Problem.forbidden("Chỉ cán bộ giám sát vận hành xem số liệu / only operations monitors read the metrics")
        }
        return try await metricsEndpoint.response()
    }
    if let eid {
        EIDLoginRoutes(relyingParty: eid, issuer: issuer, now: now).add(to: router)
    }
    ResultPublicRoutes(service: results, api: api, limiter: verificationLimiter).add(to: router)
    SharedItemPage.Routes(api: api).add(to: router)
    TransparencyRoutes(service: api.index).add(to: router)
    PetitionsPage.Routes(service: api.satisfaction).add(to: router)
    // The counter, citizen portal and status pages: static files beside the API they call.
    try WebRoutes.add(to: router, demo: configuration.mode == .demo)
    router.get("/openapi.yaml") { _, _ -> Response in
        Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: specification)))
    }
    // Compact, unsorted JSON: pretty-printing and key sorting cost CPU on every response and help no client.
    try api.registerHandlers(
        on: router, serverURL: URL(string: "/api/v1")!,
        configuration: Configuration(dateTranscoder: RFC3339DateTranscoder(), jsonEncodingOptions: [.withoutEscapingSlashes]),
        middlewares: [
            AccessPolicyMiddleware(control: api.access),
            ContractValidationMiddleware(rules: contract, maximumBodyBytes: platform.configuration.maximumBodyBytes),
            ContentDispositionMiddleware(),
        ])
    return (router, verifier, trigger, verifications, reconciliationJobs, readiness)
}
