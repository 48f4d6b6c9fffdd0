import CPetrelSystem
import Glibc
public import SystemPackage

/// Landlock filesystem access rights (`LANDLOCK_ACCESS_FS_*`), each known from some ABI version on.
public struct LandlockFilesystemAccess: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt64
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public static let execute = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_EXECUTE)
  public static let writeFile = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_WRITE_FILE)
  public static let readFile = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_READ_FILE)
  public static let readDirectory = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_READ_DIR)
  public static let removeDirectory = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_REMOVE_DIR)
  public static let removeFile = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_REMOVE_FILE)
  public static let makeCharacterDevice = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_CHAR)
  public static let makeDirectory = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_DIR)
  public static let makeRegularFile = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_REG)
  public static let makeSocket = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_SOCK)
  public static let makeFIFO = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_FIFO)
  public static let makeBlockDevice = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_BLOCK)
  public static let makeSymlink = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_MAKE_SYM)
  /// ABI 2.
  public static let refer = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_REFER)
  /// ABI 3.
  public static let truncate = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_TRUNCATE)
  /// ABI 5.
  public static let ioctlDevice = Self(rawValue: PETREL_LANDLOCK_ACCESS_FS_IOCTL_DEV)

  /// Every right that changes the filesystem, restricted to those the given ABI version knows.
  public static func writeRights(abi: Int) -> Self {
    var rights: Self = [
      .writeFile, .removeDirectory, .removeFile, .makeCharacterDevice, .makeDirectory, .makeRegularFile,
      .makeSocket, .makeFIFO, .makeBlockDevice, .makeSymlink,
    ]
    if abi >= 2 { rights.insert(.refer) }
    if abi >= 3 { rights.insert(.truncate) }
    if abi >= 5 { rights.insert(.ioctlDevice) }
    return rights
  }

  static let names: [(Self, String)] = [
    (.execute, "execute"), (.writeFile, "write_file"), (.readFile, "read_file"), (.readDirectory, "read_dir"),
    (.removeDirectory, "remove_dir"), (.removeFile, "remove_file"), (.makeCharacterDevice, "make_char"),
    (.makeDirectory, "make_dir"), (.makeRegularFile, "make_reg"), (.makeSocket, "make_sock"),
    (.makeFIFO, "make_fifo"), (.makeBlockDevice, "make_block"), (.makeSymlink, "make_sym"), (.refer, "refer"),
    (.truncate, "truncate"), (.ioctlDevice, "ioctl_dev"),
  ]

  public var description: String {
    let present = Self.names.filter { contains($0.0) }.map(\.1)
    return present.isEmpty ? "none" : present.joined(separator: ",")
  }
}

/// Landlock network access rights (`LANDLOCK_ACCESS_NET_*`, ABI 4).
public struct LandlockNetworkAccess: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt64
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public static let bindTCP = Self(rawValue: PETREL_LANDLOCK_ACCESS_NET_BIND_TCP)
  public static let connectTCP = Self(rawValue: PETREL_LANDLOCK_ACCESS_NET_CONNECT_TCP)

  public var description: String {
    let present = [(Self.bindTCP, "bind_tcp"), (Self.connectTCP, "connect_tcp")].filter { contains($0.0) }
    return present.isEmpty ? "none" : present.map(\.1).joined(separator: ",")
  }
}

/// Landlock scopes (`LANDLOCK_SCOPE_*`, ABI 6): IPC that may not reach outside the domain.
public struct LandlockScope: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt64
  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public static let abstractUnixSocket = Self(rawValue: PETREL_LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET)
  public static let signal = Self(rawValue: PETREL_LANDLOCK_SCOPE_SIGNAL)

  public var description: String {
    let present = [(Self.abstractUnixSocket, "abstract_unix_socket"), (Self.signal, "signal")]
      .filter { contains($0.0) }
    return present.isEmpty ? "none" : present.map(\.1).joined(separator: ",")
  }
}

/// The three parts of Petrel's Landlock ruleset, so a configuration can say which it cannot run without.
public struct LandlockLayers: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// No filesystem writes anywhere (ABI 1).
  public static let filesystem = Self(rawValue: 1 << 0)
  /// TCP bind and connect limited to given ports (ABI 4).
  public static let network = Self(rawValue: 1 << 1)
  /// Signals and abstract UNIX sockets scoped to the domain (ABI 6).
  public static let scopes = Self(rawValue: 1 << 2)

  /// The first ABI version that has this (single) layer.
  public var minimumABI: Int { contains(.scopes) ? 6 : contains(.network) ? 4 : 1 }

  public var description: String {
    let present = [(Self.filesystem, "filesystem"), (Self.network, "network"), (Self.scopes, "scopes")]
      .filter { contains($0.0) }
    return present.isEmpty ? "none" : present.map(\.1).joined(separator: ",")
  }
}

/// What Petrel asks of Landlock: deny every filesystem write, allow TCP only to and from the given ports,
/// scope signals and abstract sockets; each part applied when the kernel's ABI has it.
public struct LandlockPolicy: Hashable, Sendable {
  /// Ports the process may connect to over TCP (53 and 853 for a resolver).
  public var tcpConnectPorts: [UInt16]
  /// Ports the process may bind over TCP; empty when every listener was bound before the sandbox.
  public var tcpBindPorts: [UInt16]
  /// Layers whose absence is an error rather than a note in the report.
  public var required: LandlockLayers

  public init(
    tcpConnectPorts: [UInt16] = [53, 853], tcpBindPorts: [UInt16] = [], required: LandlockLayers = .filesystem
  ) {
    self.tcpConnectPorts = tcpConnectPorts
    self.tcpBindPorts = tcpBindPorts
    self.required = required
  }
}

/// What Landlock put in force, for the daemon's log line and `petrelctl privileges`
/// (the kernel does not show Landlock domains in `/proc/self/status`).
public struct LandlockReport: Hashable, Sendable, CustomStringConvertible {
  /// The kernel's Landlock ABI version; 0 when Landlock is unavailable.
  public var abi: Int
  public var layers: LandlockLayers
  public var handledFilesystem: LandlockFilesystemAccess
  public var handledNetwork: LandlockNetworkAccess
  public var scoped: LandlockScope
  public var tcpConnectPorts: [UInt16]
  public var tcpBindPorts: [UInt16]

  public init(
    abi: Int, layers: LandlockLayers, handledFilesystem: LandlockFilesystemAccess,
    handledNetwork: LandlockNetworkAccess, scoped: LandlockScope, tcpConnectPorts: [UInt16], tcpBindPorts: [UInt16]
  ) {
    self.abi = abi
    self.layers = layers
    self.handledFilesystem = handledFilesystem
    self.handledNetwork = handledNetwork
    self.scoped = scoped
    self.tcpConnectPorts = tcpConnectPorts
    self.tcpBindPorts = tcpBindPorts
  }

  public var description: String { "landlock: \(summary)" }

  /// The description without its `landlock:` label.
  public var summary: String {
    guard abi > 0, !layers.isEmpty else { return "not in force (ABI \(abi))" }
    var parts = ["ABI \(abi)", "denied writes: \(handledFilesystem)"]
    if layers.contains(.network) {
      let connect = tcpConnectPorts.isEmpty ? "none" : tcpConnectPorts.map(String.init).joined(separator: ",")
      let bind = tcpBindPorts.isEmpty ? "none" : tcpBindPorts.map(String.init).joined(separator: ",")
      parts.append("tcp connect only to \(connect), bind only to \(bind)")
    }
    if layers.contains(.scopes) { parts.append("scoped: \(scoped)") }
    return parts.joined(separator: "; ")
  }
}

/// Why Landlock could not be applied as the policy requires.
public enum LandlockError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A required layer is newer than the kernel's ABI (0 when Landlock is off or absent).
  case layerUnsupported(LandlockLayers, kernelABI: Int)
  /// A Landlock system call failed.
  case systemCall(String, Errno)

  public var description: String {
    switch self {
    case .layerUnsupported(let layer, let abi):
      "landlock \(layer) layer needs ABI \(layer.minimumABI), kernel has \(abi)"
    case .systemCall(let call, let error): "\(call) failed: \(error)"
    }
  }
}

/// Landlock, the unprivileged access-control LSM: ABI probe, ruleset, restrict_self.
///
/// A domain applies to the calling thread and the threads and processes it creates afterwards,
/// so the daemon applies it before creating any thread. restrict_self needs no_new_privs or CAP_SYS_ADMIN.
public enum Landlock {
  /// `landlock_create_ruleset(NULL, 0, LANDLOCK_CREATE_RULESET_VERSION)`; `EOPNOTSUPP` when disabled at boot,
  /// `ENOSYS` when not built in.
  public static func abiVersion() throws(Errno) -> Int {
    let version = petrel_landlock_create_ruleset(nil, 0, PETREL_LANDLOCK_CREATE_RULESET_VERSION)
    guard version >= 0 else { throw Errno.ofLastCall }
    return Int(version)
  }

  /// Applies `policy` to the calling thread with every layer the kernel's ABI has.
  public static func apply(_ policy: LandlockPolicy) throws(LandlockError) -> LandlockReport {
    let abi: Int
    do {
      abi = try abiVersion()
    } catch .noFunction, .notSupported {
      abi = 0
    } catch {
      throw .systemCall("landlock_create_ruleset(version)", error)
    }
    for layer in [LandlockLayers.filesystem, .network, .scopes] where policy.required.contains(layer) {
      guard abi >= layer.minimumABI else { throw .layerUnsupported(layer, kernelABI: abi) }
    }
    var report = LandlockReport(
      abi: abi, layers: [], handledFilesystem: [], handledNetwork: [], scoped: [], tcpConnectPorts: [],
      tcpBindPorts: [])
    guard abi >= 1 else { return report }

    report.layers.insert(.filesystem)
    report.handledFilesystem = .writeRights(abi: abi)
    if abi >= 4 {
      report.layers.insert(.network)
      report.handledNetwork = [.bindTCP, .connectTCP]
      report.tcpConnectPorts = policy.tcpConnectPorts
      report.tcpBindPorts = policy.tcpBindPorts
    }
    if abi >= 6 {
      report.layers.insert(.scopes)
      report.scoped = [.abstractUnixSocket, .signal]
    }

    var attributes = petrel_landlock_ruleset_attr(
      handled_access_fs: report.handledFilesystem.rawValue, handled_access_net: report.handledNetwork.rawValue,
      scoped: report.scoped.rawValue)
    let ruleset = petrel_landlock_create_ruleset(&attributes, MemoryLayout<petrel_landlock_ruleset_attr>.size, 0)
    guard ruleset >= 0 else { throw .systemCall("landlock_create_ruleset", Errno.ofLastCall) }
    defer { _ = close(ruleset) }

    // No rule grants a filesystem right: every handled (write) right is denied everywhere.
    if report.layers.contains(.network) {
      for port in Set(report.tcpConnectPorts).union(report.tcpBindPorts).sorted() {
        var allowed: LandlockNetworkAccess = []
        if report.tcpConnectPorts.contains(port) { allowed.insert(.connectTCP) }
        if report.tcpBindPorts.contains(port) { allowed.insert(.bindTCP) }
        var rule = petrel_landlock_net_port_attr(allowed_access: allowed.rawValue, port: UInt64(port))
        guard petrel_landlock_add_net_port_rule(ruleset, &rule) == 0 else {
          throw .systemCall("landlock_add_rule(net port \(port))", Errno.ofLastCall)
        }
      }
    }
    guard petrel_landlock_restrict_self(ruleset, 0) == 0 else {
      throw .systemCall("landlock_restrict_self", Errno.ofLastCall)
    }
    return report
  }
}
