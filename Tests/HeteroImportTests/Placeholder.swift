import XCTest
final class HeteroImportTestsPlaceholder: XCTestCase { func testNothing() {} }
