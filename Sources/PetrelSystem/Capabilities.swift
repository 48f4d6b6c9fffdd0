import CPetrelSystem
public import SystemPackage

/// The calling thread's effective, permitted and inheritable sets, as capget(2) reports them together.
public struct CapabilityState: Hashable, Sendable {
  public var effective: CapabilitySet
  public var permitted: CapabilitySet
  public var inheritable: CapabilitySet

  public init(effective: CapabilitySet, permitted: CapabilitySet, inheritable: CapabilitySet) {
    self.effective = effective
    self.permitted = permitted
    self.inheritable = inheritable
  }

  /// No capability in any of the three sets.
  public static let empty = CapabilityState(effective: [], permitted: [], inheritable: [])
}

/// What became of the attempt to empty the bounding set, which needs `CAP_SETPCAP` in the effective set.
///
/// A refusal is not fatal: an unprivileged daemon cannot shrink its bounding set, and the caller says why.
public enum BoundingSetDrop: Hashable, Sendable, CustomStringConvertible {
  /// Every capability up to `cap_last_cap` was dropped.
  case emptied
  /// The kernel refused (`EPERM` without `CAP_SETPCAP`); `remaining` is what the bounding set still holds.
  case refused(remaining: CapabilitySet, error: Errno)

  public var description: String {
    switch self {
    case .emptied: "bounding set emptied"
    case .refused(let remaining, let error):
      "bounding set kept (\(remaining.hexMask)): dropping needs cap_setpcap (\(error))"
    }
  }
}

/// Typed access to the five capability sets of the calling thread: capget/capset (version 3),
/// the bounding set (`PR_CAPBSET_*`) and the ambient set (`PR_CAP_AMBIENT`).
///
/// Capabilities are per thread: call these before any other thread exists.
public enum Capabilities {
  /// capget(2) for the calling thread.
  public static func current() throws(Errno) -> CapabilityState {
    var header = __user_cap_header_struct(version: PETREL_CAPABILITY_VERSION_3, pid: 0)
    var data = (__user_cap_data_struct(), __user_cap_data_struct())
    let result = withUnsafeMutableBytes(of: &data) { raw in
      petrel_capget(&header, raw.baseAddress!.assumingMemoryBound(to: __user_cap_data_struct.self))
    }
    guard result == 0 else { throw Errno.ofLastCall }
    func join(_ low: UInt32, _ high: UInt32) -> CapabilitySet {
      CapabilitySet(rawValue: UInt64(high) << 32 | UInt64(low))
    }
    return CapabilityState(
      effective: join(data.0.effective, data.1.effective),
      permitted: join(data.0.permitted, data.1.permitted),
      inheritable: join(data.0.inheritable, data.1.inheritable))
  }

  /// capset(2) for the calling thread. Lowering is always allowed; raising needs the capability permitted.
  public static func set(_ state: CapabilityState) throws(Errno) {
    var header = __user_cap_header_struct(version: PETREL_CAPABILITY_VERSION_3, pid: 0)
    func word(_ set: CapabilitySet, _ index: Int) -> UInt32 { UInt32(truncatingIfNeeded: set.rawValue >> (32 * index)) }
    var data = (
      __user_cap_data_struct(
        effective: word(state.effective, 0), permitted: word(state.permitted, 0),
        inheritable: word(state.inheritable, 0)),
      __user_cap_data_struct(
        effective: word(state.effective, 1), permitted: word(state.permitted, 1),
        inheritable: word(state.inheritable, 1))
    )
    let result = withUnsafeMutableBytes(of: &data) { raw in
      petrel_capset(&header, raw.baseAddress!.assumingMemoryBound(to: __user_cap_data_struct.self))
    }
    guard result == 0 else { throw Errno.ofLastCall }
  }

  /// Empties effective, permitted and inheritable. Sets that are empty already are left alone without a
  /// capset(2) call, so a service manager may forbid capset to a service that starts with none (systemd's
  /// `SystemCallFilter=~@privileged`).
  public static func clearAll() throws(Errno) {
    if try current() == .empty { return }
    try set(.empty)
  }

  /// `PR_CAPBSET_READ`: whether `capability` is in the bounding set.
  public static func boundingSetContains(_ capability: Capability) throws(Errno) -> Bool {
    let result = petrel_prctl(PR_CAPBSET_READ, UInt(capability.rawValue), 0, 0, 0)
    guard result >= 0 else { throw Errno.ofLastCall }
    return result == 1
  }

  /// The bounding set, read one capability at a time up to `cap_last_cap`.
  public static func boundingSet() throws(Errno) -> CapabilitySet {
    var set = CapabilitySet()
    for capability in try Capability.allSupported() where try boundingSetContains(capability) {
      set.insert(CapabilitySet([capability]))
    }
    return set
  }

  /// `PR_CAPBSET_DROP` for one capability (needs `CAP_SETPCAP` in the effective set).
  public static func dropFromBoundingSet(_ capability: Capability) throws(Errno) {
    guard petrel_prctl(PR_CAPBSET_DROP, UInt(capability.rawValue), 0, 0, 0) == 0 else { throw Errno.ofLastCall }
  }

  /// Drops every capability up to `cap_last_cap` from the bounding set. `EPERM` is reported, not thrown.
  /// A bounding set that is empty already (systemd's `CapabilityBoundingSet=`) is reported as emptied.
  public static func emptyBoundingSet() throws(Errno) -> BoundingSetDrop {
    if try boundingSet().isEmpty { return .emptied }
    for capability in try Capability.allSupported() {
      do {
        try dropFromBoundingSet(capability)
      } catch .notPermitted {
        return .refused(remaining: try boundingSet(), error: .notPermitted)
      }
    }
    return .emptied
  }

  /// `PR_CAP_AMBIENT_IS_SET` for one capability.
  public static func ambientSetContains(_ capability: Capability) throws(Errno) -> Bool {
    let result = petrel_prctl(
      PR_CAP_AMBIENT, UInt(PR_CAP_AMBIENT_IS_SET), UInt(capability.rawValue), 0, 0)
    guard result >= 0 else { throw Errno.ofLastCall }
    return result == 1
  }

  /// The ambient set, read one capability at a time up to `cap_last_cap`.
  public static func ambientSet() throws(Errno) -> CapabilitySet {
    var set = CapabilitySet()
    for capability in try Capability.allSupported() where try ambientSetContains(capability) {
      set.insert(CapabilitySet([capability]))
    }
    return set
  }

  /// `PR_CAP_AMBIENT_CLEAR_ALL`; needs no privilege.
  public static func clearAmbientSet() throws(Errno) {
    guard petrel_prctl(PR_CAP_AMBIENT, UInt(PR_CAP_AMBIENT_CLEAR_ALL), 0, 0, 0) == 0 else {
      throw Errno.ofLastCall
    }
  }
}
