public import NIOCore

/// Runs a task's jobs on one SwiftNIO event loop instead of Swift's global concurrent pool.
///
/// Exists for the cache-miss path: a resolution starts on the loop that received the query, sends its upstream
/// queries from that loop, is resumed there when their answers arrive, and delivers its response there. With
/// the global pool every miss crossed threads four times (loop → pool → loop → pool → loop), and on a small
/// machine the wake-ups cost more than the resolution itself. Jobs run in the loop's order, between its I/O
/// events, and must not block; the resolver never does.
public final class EventLoopTaskExecutor: TaskExecutor {
  /// The loop every job runs on.
  public let eventLoop: any EventLoop

  public init(eventLoop: any EventLoop) {
    self.eventLoop = eventLoop
  }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
