/// How one call to `Resolver.resolve` should behave, apart from the resolver's configuration.
///
/// It exists so that the daemon's query path, `petrelctl trace` and tests can each ask for one resolution done
/// differently (fresh from upstream, with every step reported) without building another resolver.
public struct ResolutionOptions: Sendable {
  /// Ignore cached answers and cached delegations below the root for the client's question: every step is
  /// asked upstream again (what `petrelctl trace` wants). What is learnt is still cached, and the addresses of
  /// nameservers are still taken from the cache.
  public var bypassCache = false
  /// Receives every step of the resolution.
  public var tracer: (any ResolutionTracer)? = nil

  public init(bypassCache: Bool = false, tracer: (any ResolutionTracer)? = nil) {
    self.bypassCache = bypassCache
    self.tracer = tracer
  }
}
