/// Faults a takeover test injects into a real `petreld`: a new daemon that dies before it says it is ready,
/// a running daemon that describes a socket wrongly.
///
/// They exist only in debug builds (`swift build`, `swift test`): in a release build every hook is a
/// constant `false`, `petreld` has no option to set one, and the compiler removes the code they guard —
/// there is no door into a production daemon.
public struct TakeoverTestHooks: Sendable, Equatable {
  #if DEBUG
    /// New daemon: exit with status 70 after serving on the taken sockets, before telling the running one.
    public var failBeforeReady = false
    /// Running daemon: offer the first DNS socket with a port one higher than the one it is bound to.
    public var misdescribeSocket = false
  #else
    public var failBeforeReady: Bool { false }
    public var misdescribeSocket: Bool { false }
  #endif

  public init() {}

  /// The exit status of a new daemon that `failBeforeReady` stopped.
  public static let failBeforeReadyStatus: Int32 = 70
}
