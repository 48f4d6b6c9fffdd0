/// The steps of the takeover conversation, each one exchange frame whose JSON object carries a `step`
/// key naming it (docs/takeover.md, "The conversation"). Only the two daemons exchange them.
enum TakeoverStep: String, Codable, Sendable {
  /// Running daemon → new daemon, first: what is offered; the running daemon's pidfd and, when there is
  /// one, the sealed cache snapshot travel with it.
  case offer
  /// New → running: `pidfd_getfd` is not possible here (the reason says why); send the descriptors.
  case sendDescriptors = "send-descriptors"
  /// Running → new: some of the offered descriptors, in offer order, with `SCM_RIGHTS`.
  case descriptors
  /// New → running: everything is in place to serve the shared sockets; the running daemon may stop reading.
  case ready
  /// Running → new: the running daemon no longer reads the sockets; the new one must start now.
  case accepted
  /// New → running: reading the shared sockets; the running daemon drains and exits.
  case serving
  /// New → running: the takeover is given up (the reason says why); the running daemon goes on serving.
  case abort
}

/// Any step, read first to learn which one it is.
struct TakeoverStepHeader: Codable, Sendable {
  var step: TakeoverStep
}

/// The first step: everything the new daemon needs to decide whether and how to take over.
struct TakeoverOffer: Codable, Sendable {
  var step = TakeoverStep.offer
  /// The takeover protocol version (the request's `version` option).
  var version: Int
  /// The running daemon's process ID; its pidfd is the first attached descriptor.
  var pid: Int32
  /// Every socket offered, in the order the descriptors travel if they are sent.
  var sockets: [TakeoverSocketDescription]
  /// The cache snapshot in the second attached descriptor, or nil when none is attached.
  var snapshot: TakeoverSnapshotSummary?
  /// How long the running daemon waits for `ready` before it gives the takeover up.
  var readyTimeoutMilliseconds: Int
  /// How long, after `accepted`, the running daemon may take to drain before it exits.
  var drainTimeoutMilliseconds: Int
}

/// What the sealed snapshot holds, to check it against and to log.
struct TakeoverSnapshotSummary: Codable, Sendable, Equatable {
  /// ``CacheSnapshotFormat/version``.
  var format: UInt16
  var bytes: Int
  var records: Int
  var denials: Int
}

/// New → running: send the descriptors over the connection.
struct TakeoverSendDescriptors: Codable, Sendable {
  var step = TakeoverStep.sendDescriptors
  var reason: String
}

/// Running → new: `count` descriptors, offer positions `first` onwards, attached.
struct TakeoverDescriptorBatch: Codable, Sendable {
  var step = TakeoverStep.descriptors
  var first: Int
  var count: Int
}

/// New → running: serving.
struct TakeoverReady: Codable, Sendable {
  var step = TakeoverStep.ready
  /// The new daemon's process ID (checked against `SO_PEERCRED`).
  var pid: Int32
  /// How the descriptors came: `pidfd_getfd` or `scm-rights`.
  var transfer: String
}

/// Running → new: the hand-over is accepted; this daemon has stopped reading.
struct TakeoverAccepted: Codable, Sendable {
  var step = TakeoverStep.accepted
  var drainTimeoutMilliseconds: Int
}

/// New → running: reading.
struct TakeoverServing: Codable, Sendable {
  var step = TakeoverStep.serving
}

/// New → running: giving up.
struct TakeoverAbort: Codable, Sendable {
  var step = TakeoverStep.abort
  var reason: String
}
