import Glibc

/// Starts a detached POSIX thread running a closure: for work that blocks on another process's descriptor
/// (a trace being written to a slow reader) and so must not occupy a thread of the concurrency pool that
/// resolves queries.
enum SystemThread {
  private final class Body {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
  }

  /// Runs `body` on a new detached thread; false if the thread could not be created.
  static func detach(_ body: @escaping @Sendable () -> Void) -> Bool {
    let box = Unmanaged.passRetained(Body(body)).toOpaque()
    var thread = pthread_t()
    let result = pthread_create(
      &thread, nil,
      { argument in
        let body = Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
        body.run()
        return nil
      }, box)
    guard result == 0 else {
      Unmanaged<Body>.fromOpaque(box).release()
      return false
    }
    pthread_detach(thread)
    return true
  }
}
