/// Polls `condition` every 10 ms until it holds or `limit` has passed; true when it held.
///
/// Only for waiting on something that must happen (a socket closing, a query arriving), never to measure speed:
/// the limit is generous so that a loaded machine does not fail the test.
func eventually(limit: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
  let clock = ContinuousClock()
  let end = clock.now + limit
  while clock.now < end {
    if condition() { return true }
    try? await Task.sleep(for: .milliseconds(10))
  }
  return condition()
}
