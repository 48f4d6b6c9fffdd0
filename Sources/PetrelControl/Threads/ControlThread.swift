import Glibc

/// A plain POSIX thread for blocking work: the control server's accept loop and its sessions block in
/// `poll`, `recvmsg` and `write`, which must never happen on the Swift concurrency pool's few threads.
struct ControlThread: Sendable {
  private let handle: pthread_t

  /// Starts `body` on a new thread. A joinable thread must be joined; a detached one cleans up after
  /// itself and cannot be.
  @discardableResult
  static func start(detached: Bool = false, _ body: @escaping @Sendable () -> Void)
    throws(ControlThreadError) -> ControlThread
  {
    let box = Unmanaged.passRetained(ThreadBody(body: body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    if detached { pthread_attr_setdetachstate(&attributes, CInt(PTHREAD_CREATE_DETACHED)) }
    var handle = pthread_t()
    let status = pthread_create(
      &handle, &attributes,
      { context in
        let body = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
        body.body()
        return nil
      }, box)
    guard status == 0 else {
      Unmanaged<ThreadBody>.fromOpaque(box).release()
      throw ControlThreadError(status: status)
    }
    return ControlThread(handle: handle)
  }

  /// Waits for the thread to finish.
  func join() {
    _ = pthread_join(handle, nil)
  }

  /// Whether the calling thread is this thread.
  var isCurrent: Bool { pthread_equal(handle, pthread_self()) != 0 }
}

/// The closure handed to a new thread.
private final class ThreadBody: Sendable {
  let body: @Sendable () -> Void

  init(body: @escaping @Sendable () -> Void) {
    self.body = body
  }
}

/// `pthread_create` failed (usually `EAGAIN`: a thread or memory limit was reached).
struct ControlThreadError: Error, Hashable, Sendable, CustomStringConvertible {
  let status: CInt

  var description: String { "cannot start a thread (error \(status))" }
}
