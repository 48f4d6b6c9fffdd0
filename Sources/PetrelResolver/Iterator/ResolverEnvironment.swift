/// Everything a resolution reads but never changes: configuration, the network, the clock, the caches, the
/// source of query IDs. One value, so that every part of the iterator sees the same.
struct ResolverEnvironment: Sendable {
  let configuration: ResolverConfiguration
  let transport: any UpstreamTransport
  let clock: any ResolverClock
  let caches: ResolverCaches
  let queryIDs: any QueryIDSource
}
