import NIOCore
public import PetrelDNS

/// Every event loop's packet cache, reachable from any thread.
///
/// The caches themselves are used only on their loops (that is what keeps the hit path free of locks); this
/// type runs each operation on each loop in turn and sums the results — for the control channel (`wipe`,
/// sizes, hit counts) and for tests.
public final class PacketCacheShards: Sendable {
  let handlers: [NIOLoopBoundBox<QueryHandler>]

  init(handlers: [NIOLoopBoundBox<QueryHandler>]) {
    self.handlers = handlers
  }

  /// The handler of the loop `eventLoop`, if it is one of ours.
  func handler(for eventLoop: any EventLoop) -> NIOLoopBoundBox<QueryHandler>? {
    handlers.first { $0.eventLoop === eventLoop }
  }

  /// Responses held, over all loops.
  public func count() async -> Int {
    await sum { $0.cache.count }
  }

  /// Cache hits and misses, over all loops.
  public func counters() async -> (hits: Int, misses: Int) {
    (await sum { $0.cache.hits }, await sum { $0.cache.misses })
  }

  /// Removes every response for `name` (and, with `subtree`, names below it) from every loop; returns how many.
  @discardableResult
  public func wipe(name: DomainName, subtree: Bool) async -> Int {
    await sum { $0.cache.wipe(name: name, subtree: subtree) }
  }

  /// Every live response of every loop, copied on its loop.
  public func snapshot() async -> [PacketCacheSnapshot] {
    var all: [PacketCacheSnapshot] = []
    for box in handlers {
      all += (try? await box.eventLoop.submit { box.value.cache.snapshot() }.get()) ?? []
    }
    return all
  }

  private func sum(_ body: @escaping @Sendable (QueryHandler) -> Int) async -> Int {
    var total = 0
    for box in handlers {
      total += (try? await box.eventLoop.submit { body(box.value) }.get()) ?? 0
    }
    return total
  }
}
