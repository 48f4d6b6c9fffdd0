import Foundation

/// Reads a whole text file.
func readTextFile(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}

/// A new empty directory under /tmp, for one lab's files.
func makeTemporaryDirectory(prefix: String) throws(HarnessError) -> String {
  var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
  let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
  guard made != nil else { throw .io("mkdtemp failed: \(String(cString: strerror(errno)))") }
  return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
