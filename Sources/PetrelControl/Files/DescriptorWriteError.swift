public import SystemPackage

/// Why writing to a client's descriptor stopped, with how far it got: a dump that fails part-way tells
/// the operator how many bytes and records made it, and a full disk is an error, never a short success.
public enum DescriptorWriteError: Error, Hashable, Sendable, CustomStringConvertible, ControlResponseConvertible {
  /// The descriptor is closed, `O_PATH`, or not open for writing.
  case notWritable(String)
  /// A `write` (or the final sync) failed: `EPIPE`, `ENOSPC`, `EIO`, `EDQUOT`, `EFBIG`, …
  case failed(Errno, bytesWritten: Int, recordsWritten: Int)
  /// The control client disconnected while the daemon was writing.
  case clientDisconnected(bytesWritten: Int, recordsWritten: Int)
  /// The task was cancelled (the daemon is stopping) while waiting for the reader.
  case cancelled(bytesWritten: Int, recordsWritten: Int)

  public var bytesWritten: Int {
    switch self {
    case .notWritable: 0
    case .failed(_, let bytes, _), .clientDisconnected(let bytes, _), .cancelled(let bytes, _): bytes
    }
  }

  public var recordsWritten: Int {
    switch self {
    case .notWritable: 0
    case .failed(_, _, let records), .clientDisconnected(_, let records), .cancelled(_, let records): records
    }
  }

  public var description: String {
    let progress = "after \(bytesWritten) bytes (\(recordsWritten) records)"
    return switch self {
    case .notWritable(let reason): "cannot write: \(reason)"
    case .failed(let error, _, _): "writing failed \(progress): \(error)"
    case .clientDisconnected: "the client disconnected \(progress)"
    case .cancelled: "writing was cancelled \(progress)"
    }
  }

  public var controlResponse: ControlResponse {
    var fields: [String: ControlValue] = ["bytes": .count(bytesWritten), "records": .count(recordsWritten)]
    if case .failed(let error, _, _) = self { fields["errno"] = .count(error.rawValue) }
    return .error(description, fields: fields)
  }
}
