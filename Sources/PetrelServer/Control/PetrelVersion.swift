/// The version of this build of Petrel, as `petrelctl version` reports it.
///
/// It exists so that an operator can tell which daemon is running after an upgrade, when the installed binary
/// and the running process may differ.
public enum PetrelVersion {
  /// The release this source tree is.
  public static let current = "0.1.0"
}
