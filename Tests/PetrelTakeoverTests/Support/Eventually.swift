/// Polls `condition` until it holds, for at most a generous bound (a server thread may be slow to get there
/// on a loaded machine); returns whether it held. A wait, not a timing assertion.
func eventually(
  bound: Duration = .seconds(30), _ condition: @Sendable () throws -> Bool
) async throws -> Bool {
  let limit = ContinuousClock.now + bound
  while ContinuousClock.now < limit {
    if try condition() { return true }
    try await Task.sleep(for: .milliseconds(10))
  }
  return try condition()
}
