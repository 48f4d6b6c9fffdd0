/// Receives every step of one resolution, for `petrelctl trace` and logs.
///
/// A protocol so that the control server can stream steps to a client while a test simply collects them.
/// `record` is called from the resolving task, in order, and must not block.
public protocol ResolutionTracer: Sendable {
  func record(_ event: ResolutionEvent)
}
