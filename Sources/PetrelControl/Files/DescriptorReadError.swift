public import SystemPackage

/// Why reading from a client's descriptor (`load-cache`) stopped, with how many bytes had been read.
public enum DescriptorReadError: Error, Hashable, Sendable, CustomStringConvertible, ControlResponseConvertible {
  /// The descriptor is closed, `O_PATH`, or not open for reading.
  case notReadable(String)
  /// A `read` failed.
  case failed(Errno, bytesRead: Int)
  /// The control client disconnected while the daemon was waiting for input.
  case clientDisconnected(bytesRead: Int)
  /// The task was cancelled (the daemon is stopping) while waiting for input.
  case cancelled(bytesRead: Int)

  public var bytesRead: Int {
    switch self {
    case .notReadable: 0
    case .failed(_, let bytes), .clientDisconnected(let bytes), .cancelled(let bytes): bytes
    }
  }

  public var description: String {
    switch self {
    case .notReadable(let reason): "cannot read: \(reason)"
    case .failed(let error, let bytes): "reading failed after \(bytes) bytes: \(error)"
    case .clientDisconnected(let bytes): "the client disconnected after \(bytes) bytes were read"
    case .cancelled(let bytes): "reading was cancelled after \(bytes) bytes"
    }
  }

  public var controlResponse: ControlResponse {
    .error(description, fields: ["bytes": .count(bytesRead)])
  }
}
