public import PetrelSystem

/// Checks, before anything irreversible happens, that the kernel has every Landlock layer the configuration
/// demands, so the refusal names the layer in the operator's words rather than failing half-way through the
/// privilege plan.
///
/// The kernel's ABI version comes from a probe that tests replace, to see the refusal for kernels older than
/// the one they run on. `PrivilegePlan` checks the same again when it applies Landlock.
public struct LandlockPreflight: Sendable {
  /// Returns the kernel's Landlock ABI version, 0 when Landlock is absent, disabled or refused.
  public typealias ABIProbe = @Sendable () -> Int

  /// The real probe: `landlock_create_ruleset(…, LANDLOCK_CREATE_RULESET_VERSION)`.
  public static let kernel: ABIProbe = {
    do {
      return try Landlock.abiVersion()
    } catch {
      return 0
    }
  }

  public var probe: ABIProbe

  public init(probe: @escaping ABIProbe = LandlockPreflight.kernel) {
    self.probe = probe
  }

  /// A demanded layer the kernel lacks.
  public struct MissingLayer: Error, Hashable, Sendable, CustomStringConvertible {
    /// The sandbox name that demanded it (`landlock-network`).
    public var name: String
    public var layer: LandlockLayers
    public var kernelABI: Int

    public var description: String {
      let kernel =
        kernelABI == 0
        ? "this kernel reports no Landlock (not built in, disabled at boot, or landlock_create_ruleset refused by a "
          + "seccomp filter such as systemd's SystemCallFilter=)"
        : "this kernel has ABI \(kernelABI)"
      return
        "sandbox '\(name)' demands the Landlock \(layer) layer, which needs Landlock ABI \(layer.minimumABI); \(kernel)"
    }
  }

  /// Throws for the first layer of `selection` that the kernel lacks; returns the ABI version found
  /// (0 when Landlock is not selected and was not asked about).
  @discardableResult
  public func check(_ selection: SandboxSelection) throws(MissingLayer) -> Int {
    guard selection.layers.contains(.landlock) else { return 0 }
    let abi = probe()
    for layer in [LandlockLayers.filesystem, .network, .scopes] where selection.requiredLandlock.contains(layer) {
      guard abi >= layer.minimumABI else {
        throw MissingLayer(name: selection.name(demanding: layer), layer: layer, kernelABI: abi)
      }
    }
    return abi
  }
}
