public import PetrelSystem

/// The kernel sandboxes a configuration asks for, by name, and what each name demands of the kernel.
///
/// `privileges.sandbox` and `--sandbox` speak in names an operator can read; the privilege plan speaks in
/// `SandboxLayers` and required `LandlockLayers`. This is the one translation between them, so that an error
/// about a layer the kernel lacks can use the name the operator wrote.
///
/// - `landlock`: no filesystem writes anywhere (Landlock ABI 1). TCP port rules (ABI 4) and signal and
///   abstract-socket scoping (ABI 6) are added whenever the kernel has them, without being demanded.
/// - `landlock-network`: as `landlock`, and refuse to start unless TCP can be restricted to given ports.
/// - `landlock-scopes`: as `landlock`, and refuse to start unless signals and abstract sockets are scoped.
/// - `seccomp`: the system call filter of `SeccompPolicy`.
public struct SandboxSelection: Hashable, Sendable, CustomStringConvertible {
  /// Every name `privileges.sandbox` and `--sandbox` accept.
  public static let names = ["landlock", "landlock-network", "landlock-scopes", "seccomp"]

  /// The names given, in the order of ``names``.
  public let chosen: [String]
  /// The layers the plan applies.
  public let layers: SandboxLayers
  /// The Landlock layers whose absence refuses start-up.
  public let requiredLandlock: LandlockLayers

  /// The selection for `names` (each one of ``names``; unknown ones are ignored, the parsers refuse them).
  public init(names: Set<String>) {
    chosen = Self.names.filter { names.contains($0) }
    var layers: SandboxLayers = []
    var required: LandlockLayers = []
    for name in chosen {
      switch name {
      case "landlock":
        layers.insert(.landlock)
        required.insert(.filesystem)
      case "landlock-network":
        layers.insert(.landlock)
        required.formUnion([.filesystem, .network])
      case "landlock-scopes":
        layers.insert(.landlock)
        required.formUnion([.filesystem, .scopes])
      case "seccomp":
        layers.insert(.seccomp)
      default:
        break
      }
    }
    self.layers = layers
    self.requiredLandlock = required
  }

  /// True when nothing is sandboxed: the daemon still drops every privilege, but nothing confines it.
  public var isOff: Bool { layers.isEmpty }

  /// The name that demands `layer` (for error messages): the most specific one chosen.
  public func name(demanding layer: LandlockLayers) -> String {
    if layer.contains(.network), chosen.contains("landlock-network") { return "landlock-network" }
    if layer.contains(.scopes), chosen.contains("landlock-scopes") { return "landlock-scopes" }
    return "landlock"
  }

  /// `--sandbox` text: `off` (or `none`) for no sandbox, else names separated by commas; fails with the first
  /// name that is not one of ``names``.
  public static func parse(flag text: String) -> Result<Set<String>, UnknownName> {
    if text == "off" || text == "none" { return .success([]) }
    var names: Set<String> = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let name = part.trimmingSpaces
      guard Self.names.contains(name) else { return .failure(UnknownName(name: name)) }
      names.insert(name)
    }
    return .success(names)
  }

  /// A sandbox name that is not one of ``names``.
  public struct UnknownName: Error, Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var description: String {
      "unknown sandbox '\(name)': use off, or one or more of \(SandboxSelection.names.joined(separator: ", "))"
    }
  }

  /// `landlock,seccomp`, or `off`.
  public var description: String { chosen.isEmpty ? "off" : chosen.joined(separator: ",") }
}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
