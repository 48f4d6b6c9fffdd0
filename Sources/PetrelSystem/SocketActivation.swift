import Glibc
public import SystemPackage

/// A descriptor handed over by the service manager (`LISTEN_FDS`), with its name and, for a socket,
/// what the kernel says it is — so the daemon can match it to a configured listener instead of trusting
/// the order of the unit file.
public struct ActivatedDescriptor: Hashable, Sendable {
  /// The descriptor, now owned by the daemon (close-on-exec set).
  public var descriptor: FileDescriptor
  /// Its name from `LISTEN_FDNAMES` (`FileDescriptorName=` or `FDNAME=`), `"unknown"` when none was given.
  public var name: String
  /// What it is as a socket, or `nil` when it is not a socket (the descriptor store can hold any file).
  public var socket: SocketInfo?

  public init(descriptor: FileDescriptor, name: String, socket: SocketInfo?) {
    self.descriptor = descriptor
    self.name = name
    self.socket = socket
  }
}

/// Adopts descriptors passed by systemd's socket activation protocol (`sd_listen_fds`), without
/// libsystemd: `LISTEN_PID` must be this process, `LISTEN_FDS` says how many descriptors follow from 3 on,
/// `LISTEN_FDNAMES` names them.
public enum SocketActivation {
  /// The first passed descriptor (`SD_LISTEN_FDS_START`).
  public static let firstDescriptor: CInt = 3

  /// Why the passed descriptors could not be adopted.
  public enum Failure: Error, Hashable, Sendable {
    /// `LISTEN_PID` is not a process ID.
    case malformedProcessID(String)
    /// `LISTEN_FDS` is not a non-negative count.
    case malformedCount(String)
    /// `LISTEN_FDNAMES` does not have one name per descriptor.
    case nameCountMismatch(descriptors: Int, names: Int)
    /// A descriptor the variables announce is not open in this process.
    case descriptorNotOpen(CInt)
    /// Inspecting or flagging a descriptor failed.
    case system(Errno)
  }

  /// The descriptors that `environment` announces for process `processID`, numbered from
  /// `firstDescriptor` (systemd always uses 3; tests pass descriptors they own elsewhere).
  ///
  /// Returns an empty list when the variables are absent or name another process (they were inherited
  /// from a parent that was itself socket-activated and are not ours). Sets close-on-exec on each
  /// descriptor, as `sd_listen_fds` does, but does not touch the environment.
  public static func descriptors(
    environment: [String: String],
    processID: Int32,
    firstDescriptor: CInt = SocketActivation.firstDescriptor
  ) throws(Failure) -> [ActivatedDescriptor] {
    guard let pidText = environment["LISTEN_PID"], let countText = environment["LISTEN_FDS"] else { return [] }
    guard let listenPID = Int32(pidText), listenPID > 0 else { throw .malformedProcessID(pidText) }
    guard listenPID == processID else { return [] }
    guard let count = Int(countText), count >= 0, firstDescriptor >= 0, count <= Int(CInt.max - firstDescriptor) else {
      throw .malformedCount(countText)
    }
    let names = try descriptorNames(environment["LISTEN_FDNAMES"], count: count)

    var adopted: [ActivatedDescriptor] = []
    for (offset, name) in names.enumerated() {
      let descriptor = FileDescriptor(rawValue: firstDescriptor + CInt(offset))
      let flags = fcntl(descriptor.rawValue, F_GETFD)
      guard flags >= 0 else { throw .descriptorNotOpen(descriptor.rawValue) }
      if fcntl(descriptor.rawValue, F_SETFD, flags | FD_CLOEXEC) != 0 { throw .system(Errno(rawValue: errno)) }
      let socket: SocketInfo?
      do {
        socket = try descriptor.socketInfo()
      } catch .notSocket {
        socket = nil
      } catch {
        throw .system(error)
      }
      adopted.append(ActivatedDescriptor(descriptor: descriptor, name: name, socket: socket))
    }
    return adopted
  }

  /// The descriptors this process was started with, read from its own environment; `LISTEN_PID`,
  /// `LISTEN_FDS` and `LISTEN_FDNAMES` are then removed (also when adopting fails), so that no child
  /// process mistakes them for its own.
  ///
  /// `unsetenv` is not thread-safe: call this during start-up, before any other thread exists.
  public static func adoptFromProcessEnvironment() throws(Failure) -> [ActivatedDescriptor] {
    let keys = ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"]
    var environment: [String: String] = [:]
    for key in keys {
      if let value = getenv(key) { environment[key] = String(cString: value) }
    }
    defer { for key in keys { unsetenv(key) } }
    return try descriptors(environment: environment, processID: getpid())
  }

  /// One name per descriptor: `LISTEN_FDNAMES` split at `:`, or `"unknown"` for each when it is absent.
  private static func descriptorNames(_ text: String?, count: Int) throws(Failure) -> [String] {
    guard let text else { return Array(repeating: "unknown", count: count) }
    let names =
      text.isEmpty && count == 0 ? [] : text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
    guard names.count == count else { throw .nameCountMismatch(descriptors: count, names: names.count) }
    return names
  }
}
