import Glibc
public import SystemPackage

/// How a descriptor was opened (`fcntl(F_GETFL)`): the daemon checks a received descriptor with it before
/// using it, so a client that hands over a read-only file for a dump is told so instead of the dump
/// failing half-way with `EBADF`.
public enum DescriptorAccessMode: Hashable, Sendable, CustomStringConvertible {
  case readOnly
  case writeOnly
  case readWrite
  /// Opened with `O_PATH`: neither readable nor writable.
  case pathOnly

  /// `O_PATH`, which glibc only defines with `_GNU_SOURCE`.
  private static let pathFlag: CInt = 0o10_000_000

  /// The access mode of `descriptor`.
  ///
  /// - Throws: `Errno.badFileDescriptor` when it is not open.
  public init(of descriptor: FileDescriptor) throws(Errno) {
    let flags = fcntl(descriptor.rawValue, F_GETFL)
    guard flags >= 0 else { throw Errno(rawValue: errno) }
    if flags & Self.pathFlag != 0 {
      self = .pathOnly
      return
    }
    switch flags & O_ACCMODE {
    case O_WRONLY: self = .writeOnly
    case O_RDWR: self = .readWrite
    default: self = .readOnly
    }
  }

  public var allowsReading: Bool { self == .readOnly || self == .readWrite }
  public var allowsWriting: Bool { self == .writeOnly || self == .readWrite }

  public var description: String {
    switch self {
    case .readOnly: "read-only"
    case .writeOnly: "write-only"
    case .readWrite: "read-write"
    case .pathOnly: "O_PATH"
    }
  }

  /// Checks each descriptor of `request` against what its command does with it.
  static func check(_ descriptors: [FileDescriptor], for request: ControlRequest) throws(ControlRequestError) {
    let use = request.descriptorUse
    for descriptor in descriptors {
      let mode: DescriptorAccessMode
      do {
        mode = try DescriptorAccessMode(of: descriptor)
      } catch {
        throw .descriptorAccess(command: request.command, reason: "the descriptor is not usable (\(error))")
      }
      switch use {
      case .output where !mode.allowsWriting:
        throw .descriptorAccess(command: request.command, reason: "the descriptor is \(mode), not open for writing")
      case .input where !mode.allowsReading:
        throw .descriptorAccess(command: request.command, reason: "the descriptor is \(mode), not open for reading")
      default: break
      }
    }
  }
}
