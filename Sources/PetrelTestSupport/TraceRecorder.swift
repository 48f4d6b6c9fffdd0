public import PetrelResolver
import Synchronization

/// A `ResolutionTracer` that keeps every event, for tests to read back.
public final class TraceRecorder: ResolutionTracer {
  private let events = Mutex<[ResolutionEvent]>([])

  public init() {}

  public func record(_ event: ResolutionEvent) { events.withLock { $0.append(event) } }

  /// The events so far as their one-line descriptions.
  public var lines: [String] { events.withLock { $0.map(\.description) } }
}
