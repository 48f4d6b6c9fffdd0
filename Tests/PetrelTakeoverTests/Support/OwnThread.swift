import Foundation

/// Runs blocking work (a takeover's socket I/O, a query loop) on a thread of its own and awaits it, so
/// that no thread of the small concurrency pool the servers under test need is held up.
func onOwnThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
  try await withCheckedThrowingContinuation { continuation in
    let thread = Thread {
      continuation.resume(with: Result { try body() })
    }
    thread.start()
  }
}
