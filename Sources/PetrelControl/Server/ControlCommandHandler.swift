public import SystemPackage

/// What the daemon does with a request, supplied by the server module (the control server itself knows
/// no command). The server has already checked the request against its ``ControlCommand`` rules and the
/// descriptor's access mode, so a handler sees only well-formed requests.
///
/// The handler is `async` because it works with the resolver's caches, but it runs on the connection's
/// own thread (a task executor preference), so it may block: write a dump with ``DescriptorWriter``
/// right there. It should check for cancellation now and then; the server cancels it when the client
/// disconnects.
///
/// The server closes `descriptors` once the handler returns. A handler that keeps writing after it has
/// answered (`trace-queries`) keeps a duplicate (`descriptor.duplicate()`), which it then owns.
///
/// A thrown error becomes an `error` response with the error's description; an error that conforms to
/// ``ControlResponseConvertible`` chooses its own response (e.g. bytes written before a disk filled up).
/// ``ControlConnectionLost`` (the client disconnected) ends the request without a response.
public protocol ControlCommandHandler: Sendable {
  func handle(
    _ request: ControlRequest,
    descriptors: [FileDescriptor],
    progress: ControlProgressReporter
  ) async throws -> ControlResponse
}

/// An error that knows which response it should produce, for handler failures with structured detail.
public protocol ControlResponseConvertible: Error {
  var controlResponse: ControlResponse { get }
}

/// The client went away while its request was being carried out: there is nobody to answer, the handler
/// should stop. Thrown by ``ControlProgressReporter`` and ``DescriptorWriter``.
public struct ControlConnectionLost: Error, Hashable, Sendable, CustomStringConvertible {
  public init() {}

  public var description: String { "the control client disconnected" }
}
