import Logging
import PetrelResolver
import PetrelSystem

/// Everything the control commands work on, in one immutable value handed to every command: the running
/// server (counters, packet caches, sockets), the resolver and its caches, and the parts of the daemon that
/// commands change (trace hook, configuration, stop request).
struct DaemonControlContext: Sendable {
  let server: RunningServer
  let resolver: Resolver
  let transport: NIOUpstreamTransport
  let traceHook: QueryTraceHook
  let stopRequest: DaemonStopRequest
  let reloader: ConfigurationReloader
  let landlock: @Sendable () -> LandlockReport?
  let controlSocketPath: String
  /// The running daemon's side of `takeover`.
  let takeover: TakeoverHandler
  let logger: Logger
  /// When serving began, for the uptime.
  let startedAt = ContinuousClock.now

  var caches: ResolverCaches { resolver.caches }

  /// Whole seconds since serving began.
  var uptimeSeconds: Int64 { (ContinuousClock.now - startedAt).components.seconds }
}
